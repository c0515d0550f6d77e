"""Reads of partner reports, each starting from the access rule.

Who sees what: home users every report; a partner user their own organisation's
reports only (not those of the other parties to the same partnership). Writing is the
reporting organisation's (and home editors' on its behalf); reviewing home editors'.
"""

import difflib
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, Sum

from hamwe.accounts import access
from hamwe.core.records import one_or_404

from . import templates
from .models import BudgetLine, Comment, Report, Responsibility, Section, Submission

STATUSES = ("due", "late", "submitted", "in_review", "revision", "approved")


def reports_for(user):
    return Report.objects.visible_to(user)


def report_for_user(*, user, pk) -> Report:
    return one_or_404(
        reports_for(user).select_related("organisation", "partnership", "schedule"), pk=pk)


def report_for_writer(*, user, pk) -> Report:
    """A report the user may write (404 outside the scope, 403 when only readable)."""
    report = report_for_user(user=user, pk=pk)
    if not access.may_write_report(user, report):
        raise PermissionDenied
    return report


def report_for_reviewer(*, user, pk) -> Report:
    report = report_for_user(user=user, pk=pk)
    if not access.may_review_reports(user):
        raise PermissionDenied
    return report


def report_for_commenter(*, user, pk) -> Report:
    report = report_for_user(user=user, pk=pk)
    if not access.may_comment_on_report(user, report):
        raise PermissionDenied
    return report


def section_of(report, pk) -> Section:
    return one_or_404(Section.objects.filter(report=report), pk=pk)


def line_of(report, pk) -> BudgetLine:
    return one_or_404(BudgetLine.objects.filter(report=report), pk=pk)


def attachment_of(report, pk):
    return one_or_404(report.attachments.all(), pk=pk)


def submission_of(report, number) -> Submission:
    return one_or_404(report.versions.all(), number=number)


def late_q(today):
    return Q(status__in=(Report.Status.DUE, Report.Status.REVISION), due_on__lt=today)


def board(user, *, today, status="", report_type="", organisation=None, year=None,
          partnership=None):
    """The board: the reports asked for (newest period first) and the count in each
    state, among those the user sees. Two queries whatever the number of reports (the
    counts; the page's rows are one more when sliced)."""
    qs = reports_for(user)
    if report_type:
        qs = qs.filter(report_type=report_type)
    if organisation:
        qs = qs.filter(organisation_id=organisation)
    if year:
        qs = qs.filter(year=year)
    if partnership:
        qs = qs.filter(partnership_id=partnership)
    counts = qs.aggregate(
        due=Count("pk", filter=Q(status=Report.Status.DUE, due_on__gte=today)),
        late=Count("pk", filter=late_q(today)),
        submitted=Count("pk", filter=Q(status=Report.Status.SUBMITTED)),
        in_review=Count("pk", filter=Q(status=Report.Status.IN_REVIEW)),
        revision=Count("pk", filter=Q(status=Report.Status.REVISION, due_on__gte=today)),
        approved=Count("pk", filter=Q(status=Report.Status.APPROVED)),
    )
    if status == "late":
        qs = qs.filter(late_q(today))
    elif status in ("due", "revision"):
        qs = qs.filter(status=status, due_on__gte=today)
    elif status in STATUSES:
        qs = qs.filter(status=status)
    rows = qs.select_related("organisation", "partnership").only(
        "pk", "report_type", "year", "quarter", "due_on", "status", "submissions",
        "comments", "organisation__name", "partnership__title", "period_end")
    return rows, counts


def with_late(reports, today):
    for report in reports:
        report.late = report.status in (Report.Status.DUE, Report.Status.REVISION) and (
            report.due_on < today)
    return reports


def thread(report):
    """The report's comments as threads: {anchor: [(comment, [replies])]}, where the
    anchor is ("section", pk), ("line", pk) or ("report", None). One query."""
    comments = list(Comment.objects.filter(report=report).select_related("author")
                    .order_by("at", "pk"))
    replies = defaultdict(list)
    for comment in comments:
        if comment.parent_id:
            replies[comment.parent_id].append(comment)
    out = defaultdict(list)
    for comment in comments:
        if comment.parent_id:
            continue
        if comment.section_id:
            anchor = ("section", comment.section_id)
        elif comment.line_id:
            anchor = ("line", comment.line_id)
        else:
            anchor = ("report", None)
        out[anchor].append((comment, replies[comment.pk]))
    return out


# --- Versions and their difference ---------------------------------------------------------


@dataclass(frozen=True)
class Change:
    what: str  # the section's title, or "Budget line X"
    rows: tuple  # (op, text): op "-" removed, "+" added, " " kept


def difference(older: Submission | None, newer: Submission):
    """What changed from one submitted version to the next, by section and budget line,
    line by line (difflib)."""
    if older is None:
        return []
    changes = []
    old_sections = dict(map(tuple, older.content.get("sections", [])))
    for key, text in newer.content.get("sections", []):
        before = old_sections.get(key, "")
        if before == text:
            continue
        rows = []
        for row in difflib.ndiff(before.splitlines(), text.splitlines()):
            if row[:1] in "-+ ":
                rows.append((row[:1], row[2:]))
        changes.append(Change(str(templates.title(key)), tuple(rows)))
    old_lines = {line[0]: line for line in older.content.get("lines", [])}
    new_lines = {line[0]: line for line in newer.content.get("lines", [])}
    for code in sorted(old_lines.keys() | new_lines.keys()):
        before, after = old_lines.get(code), new_lines.get(code)
        if before == after:
            continue
        rows = []
        if before:
            rows.append(("-", " · ".join(before)))
        if after:
            rows.append(("+", " · ".join(after)))
        changes.append(Change(code, tuple(rows)))
    return changes


# --- Quality, both ways -------------------------------------------------------------------


def quality(*, organisation=None, today, user=None):
    """Per organisation, fiscal year and kind of report, over the reports approved (those
    the user sees, when one is named):
    feedback rounds, comments, days from first submission to approval, the share
    approved first time and the share submitted on time; and the home organisation's
    own review time (days from each submission to its decision). Three queries, the
    last two reading two dates a row (date arithmetic differs by database)."""
    reports = Report.objects.all() if user is None else reports_for(user)
    approved = reports.filter(status=Report.Status.APPROVED)
    decided = Submission.objects.exclude(decision="")
    if user is not None:
        decided = decided.filter(report__in=reports.values("pk"))
    if organisation is not None:
        approved = approved.filter(organisation=organisation)
        decided = decided.filter(report__organisation=organisation)
    figures = {}
    rows = (approved.values("organisation_id", "organisation__name", "year", "report_type")
            .annotate(n=Count("pk"), sent=Sum("submissions"),
                      remarks=Sum("comments"),
                      first_time=Count("pk", filter=Q(submissions=1)),
                      on_time=Count("pk", filter=Q(first_submitted_on__lte=F("due_on"))))
            .order_by("organisation__name", "year", "report_type"))
    for row in rows:
        key = (row["organisation_id"], row["year"], row["report_type"])
        n = row["n"]
        figures[key] = {
            "organisation": row["organisation__name"], "organisation_id": key[0],
            "year": key[1], "report_type": key[2], "reports": n,
            "rounds": round((row["sent"] - n) / n, 2),
            "comments": round(row["remarks"] / n, 1),
            "first_time": round(100 * row["first_time"] / n),
            "on_time": round(100 * row["on_time"] / n),
            "days_to_approval": None, "review_days": None,
        }
    spans = (approved.values("organisation_id", "year", "report_type", "first_submitted_on",
                             "approved_on"))
    days = defaultdict(list)
    for span in spans.iterator():
        days[(span["organisation_id"], span["year"], span["report_type"])].append(
            (span["approved_on"] - span["first_submitted_on"]).days)
    review = defaultdict(list)
    for item in decided.values("report__organisation_id", "report__year",
                               "report__report_type", "submitted_on", "decided_on").iterator():
        review[(item["report__organisation_id"], item["report__year"],
                item["report__report_type"])].append(
            (item["decided_on"] - item["submitted_on"]).days)
    for key, entry in figures.items():
        if days.get(key):
            entry["days_to_approval"] = round(sum(days[key]) / len(days[key]), 1)
        if review.get(key):
            entry["review_days"] = round(sum(review[key]) / len(review[key]), 1)
    return list(figures.values())


def trend(figures, report_type, measure="rounds"):
    """The yearly mean of one figure over every organisation, for a chart: [(year, v)]."""
    by_year = defaultdict(list)
    for entry in figures:
        if entry["report_type"] == report_type and entry[measure] is not None:
            by_year[entry["year"]].append((entry[measure], entry["reports"]))
    out = []
    for year in sorted(by_year):
        total = sum(n for _, n in by_year[year])
        out.append((year, round(sum(v * n for v, n in by_year[year]) / total, 2)))
    return out


def responsibilities(partnership):
    return list(Responsibility.objects.filter(partnership=partnership).order_by("year"))


def reports_of_organisation(user, organisation):
    return list(reports_for(user).filter(organisation=organisation)
                .select_related("partnership").order_by("-period_end", "report_type")[:12])
