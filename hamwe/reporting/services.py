"""Writes of partner reports. Every one is named, keyword-only and atomic, validates
before it saves and records who did it (hamwe.core.records).

The rules:
- a report is written while it is due or sent back for revision; submitting keeps the
  whole report as a numbered version and counts a submission (feedback rounds are the
  submissions less one, METHODS §6);
- a financial report is submitted only with at least one budget line, every line whose
  variance exceeds the home organisation's threshold explained, and its totals checked;
  a narrative report only with every section written;
- a decision (revision or approval) is taken on the version submitted, once: the report's
  version guards it, so two reviewers at once never overwrite each other (the second
  gets an edit conflict);
- a reviewer's first comment on a submitted report puts it in review.
"""

import datetime
import io
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hamwe.accounts import access
from hamwe.core.records import EditConflict, delete_as, save_as, update_versioned
from hamwe.core.uploads import DOCUMENTS, check_upload

from . import templates
from .models import (
    Attachment,
    BudgetLine,
    Comment,
    Frequency,
    Report,
    ReportType,
    Responsibility,
    Schedule,
    Section,
    Settings,
    Submission,
)
from .policy import calendar

LINE_FIELDS = ("code", "label", "budget", "actual", "budget_to_date", "actual_to_date",
               "explanation")
MONEY = ("budget", "actual", "budget_to_date", "actual_to_date")


def current_settings() -> Settings:
    found = Settings.objects.order_by("pk").first()
    return found or Settings()


@transaction.atomic
def settings_update(*, by, variance_threshold) -> Settings:
    row = current_settings()
    row.variance_threshold = variance_threshold
    return save_as(row, by=by)


# --- Schedules and their reports ------------------------------------------------------------


@transaction.atomic
def schedule_add(*, partnership, organisation, report_type, by, frequency=Frequency.QUARTERLY,
                 due_days=30, remind_days=7, currency="BIF", years=()) -> Schedule:
    """A schedule of `report_type` reports that `organisation` (a party) owes on the
    partnership, with the reports of the fiscal `years` given."""
    if not partnership.parties.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _(
            "The reporting organisation must be a party to the partnership.")})
    schedule = Schedule(partnership=partnership, organisation=organisation,
                        report_type=report_type, frequency=frequency, due_days=due_days,
                        remind_days=remind_days, currency=currency)
    save_as(schedule, by=by)
    for year in years:
        reports_plan(schedule=schedule, year=year, by=by)
    return schedule


def _periods(schedule, year, cal):
    if schedule.frequency == Frequency.YEARLY:
        return [cal.year(year)]
    return [cal.quarter(year, q) for q in (1, 2, 3, 4)]


@transaction.atomic
def reports_plan(*, schedule, year, by, cal=None) -> list[Report]:
    """The reports of `schedule` for fiscal `year`, one per period of the policy's
    calendar, due `due_days` after the period's end (periods already planned are kept)."""
    cal = cal or calendar()
    have = set(schedule.reports.filter(year=year).values_list("quarter", flat=True))
    made = []
    for span in _periods(schedule, year, cal):
        if span.quarter in have:
            continue
        report = Report(
            schedule=schedule, partnership_id=schedule.partnership_id,
            organisation_id=schedule.organisation_id, report_type=schedule.report_type,
            year=span.year, quarter=span.quarter, period_start=span.start,
            period_end=span.end, currency=schedule.currency,
            due_on=span.end + datetime.timedelta(days=schedule.due_days))
        save_as(report, by=by)
        if report.report_type == ReportType.NARRATIVE:
            kind = schedule.partnership.kind
            Section.objects.bulk_create(
                Section(report=report, key=key, position=i)
                for i, key in enumerate(templates.sections_for(kind)))
        made.append(report)
    return made


# --- Writing ------------------------------------------------------------------------------


def _writable(report, by):
    if not report.editable:
        raise ValidationError(_("This report is with the reviewers: it can be changed "
                                "again if they ask for a revision."))


def section_save(*, section, text, expected_version, by) -> Section:
    """Save one section's text (the partner saves section by section)."""
    _writable(section.report, by)
    return update_versioned(section, by=by, expected_version=expected_version,
                            changes={"text": text})


@transaction.atomic
def line_add(*, report, data, by) -> BudgetLine:
    _writable(report, by)
    if report.report_type != ReportType.FINANCIAL:
        raise ValidationError(_("Only a financial report has budget lines."))
    position = report.lines.count()
    line = BudgetLine(report=report, position=position,
                      **{k: data[k] for k in LINE_FIELDS if k in data})
    return save_as(line, by=by)


def line_update(*, line, data, expected_version, by) -> BudgetLine:
    _writable(line.report, by)
    return update_versioned(line, by=by, expected_version=expected_version,
                            changes={k: data[k] for k in LINE_FIELDS if k in data})


@transaction.atomic
def line_delete(*, line, by) -> None:
    _writable(line.report, by)
    delete_as(line, by=by)


@transaction.atomic
def report_currency_set(*, report, currency, exchange_rate, expected_version, by) -> Report:
    _writable(report, by)
    return update_versioned(report, by=by, expected_version=expected_version,
                            changes={"currency": currency.upper(),
                                     "exchange_rate": exchange_rate})


@transaction.atomic
def attachment_add(*, report, upload, by) -> Attachment:
    """Attach a document (checked by content and size; served only through the rule)."""
    _writable(report, by)
    try:
        check_upload(upload, allowed=DOCUMENTS)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    attachment = Attachment(report=report, file=upload, name=upload.name[:200])
    return save_as(attachment, by=by)


def totals(lines):
    """The report's totals: budget and actual for the period and to date."""
    out = {name: sum((getattr(line, name) for line in lines), Decimal(0)) for name in MONEY}
    out["variance"] = out["actual"] - out["budget"]
    return out


def line_problems(lines, threshold):
    """What stops a financial report going: {field: message} (empty when it may)."""
    problems = {}
    if not lines:
        problems["lines"] = _("Add at least one budget line before submitting.")
    for line in lines:
        percent = line.variance_percent
        over = (percent is None and line.actual > 0) or (
            percent is not None and abs(percent) > threshold)
        if over and not line.explanation.strip():
            problems[f"line-{line.code}"] = _(
                "Line %(code)s differs from its budget by more than %(threshold)s%%: "
                "explain the variance.") % {"code": line.code, "threshold": threshold}
    return problems


def _content(report):
    sections = [[s.key, s.text] for s in report.sections.order_by("position", "pk")]
    lines = [[line.code, line.label, str(line.budget), str(line.actual),
              str(line.budget_to_date), str(line.actual_to_date), line.explanation]
             for line in report.lines.order_by("position", "pk")]
    return {"sections": sections, "lines": lines, "currency": report.currency,
            "exchange_rate": str(report.exchange_rate)}


@transaction.atomic
def report_submit(*, report, by, expected_version, today=None) -> Submission:
    """Send the report to the reviewers: kept whole as the next version."""
    today = today or timezone.localdate()
    current = Report.objects.select_for_update().get(pk=report.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    _writable(current, by)
    if current.report_type == ReportType.FINANCIAL:
        problems = line_problems(list(current.lines.all()),
                                 current_settings().variance_threshold)
        if problems:
            raise ValidationError(problems)
    else:
        empty = [templates.title(s.key) for s in current.sections.all() if not s.text.strip()]
        if empty:
            raise ValidationError({"sections": _("Write every section before submitting: "
                                                 "%(names)s.") % {
                "names": ", ".join(str(n) for n in empty)}})
    submission = Submission.objects.create(
        report=current, number=current.submissions + 1, content=_content(current),
        submitted_on=today, submitted_by=by)
    current.submissions += 1
    current.first_submitted_on = current.first_submitted_on or today
    current.status = Report.Status.SUBMITTED
    current.version += 1
    save_as(current, by=by, update_fields=["submissions", "first_submitted_on", "status",
                                           "version", "updated_at"], validate=False)
    return submission


@transaction.atomic
def comment_add(*, report, by, text, section=None, line=None, parent=None) -> Comment:
    """A comment on the report, a section or a budget line, or an answer to one."""
    if parent is not None:
        if parent.report_id != report.pk:
            raise ValidationError({"parent": _("Answer a comment of this report.")})
        section, line = parent.section, parent.line
    if section is not None and section.report_id != report.pk:
        raise ValidationError({"section": _("Choose a section of this report.")})
    if line is not None and line.report_id != report.pk:
        raise ValidationError({"line": _("Choose a budget line of this report.")})
    latest = report.versions.order_by("-number").first()
    comment = Comment(report=report, submission=latest, section=section, line=line,
                      parent=parent, author=by, text=text)
    save_as(comment, by=by)
    Report.objects.filter(pk=report.pk).update(comments=F("comments") + 1)
    if access.may_review_reports(by) and report.status == Report.Status.SUBMITTED:
        Report.objects.filter(pk=report.pk, status=Report.Status.SUBMITTED).update(
            status=Report.Status.IN_REVIEW)
    return comment


@transaction.atomic
def report_decide(*, report, decision, by, expected_version, note="", today=None) -> Report:
    """Request a revision or approve the version submitted. Refused with an edit
    conflict when the report changed since the reviewer read it (another reviewer
    decided, or the partner sent a new version)."""
    today = today or timezone.localdate()
    current = Report.objects.select_for_update().get(pk=report.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    if current.status not in (Report.Status.SUBMITTED, Report.Status.IN_REVIEW):
        raise ValidationError(_("Only a submitted report can be reviewed."))
    if decision not in (Submission.Decision.REVISION, Submission.Decision.APPROVED):
        raise ValidationError({"decision": _("Request a revision or approve.")})
    if decision == Submission.Decision.REVISION and not note.strip() and not (
            current.thread.filter(submission__number=current.submissions).exists()):
        raise ValidationError({"note": _("Say what to revise: comment on the report or "
                                         "write a note.")})
    if note.strip():
        comment_add(report=current, by=by, text=note)
        current.refresh_from_db()
    Submission.objects.filter(report=current, number=current.submissions).update(
        decision=decision, decided_on=today, decided_by=by)
    if decision == Submission.Decision.APPROVED:
        current.status, current.approved_on = Report.Status.APPROVED, today
    else:
        current.status = Report.Status.REVISION
    current.version += 1
    save_as(current, by=by, update_fields=["status", "approved_on", "version", "updated_at"],
            validate=False)
    return current


# --- The XLSX template, read back -----------------------------------------------------------


class ImportRefused(ValidationError):
    """A workbook refused whole: `problems` lists (row, column, message)."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__([
            _("Row %(row)s, column %(column)s: %(message)s") % {
                "row": row, "column": column, "message": message}
            for row, column, message in problems])


COLUMNS = ("code", "label", "budget", "actual", "budget_to_date", "actual_to_date",
           "explanation")
LETTERS = "ABCDEFG"


def _number(value):
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    text = str(value).strip().replace(" ", "").replace("\u202f", "").replace(",", ".")
    return Decimal(text).quantize(Decimal("0.01"))


def read_workbook(data: bytes):
    """The budget lines of a filled template: (lines as dicts, problems). Formulas are
    never evaluated: a formula cell is read as its text, which is not a figure."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - whatever openpyxl cannot read is not a template
        return [], [(1, "A", _("This is not an Excel workbook (.xlsx)."))]
    sheet = book.worksheets[0]
    lines, problems, codes = [], [], set()
    for number, row in enumerate(sheet.iter_rows(min_row=2, max_col=7, values_only=True),
                                 start=2):
        if all(v in (None, "") for v in row):
            continue
        row = list(row) + [None] * (7 - len(row))
        line = {}
        for index, name in enumerate(COLUMNS):
            value = row[index]
            column = LETTERS[index]
            if name in MONEY:
                if isinstance(value, str) and value.startswith("="):
                    problems.append((number, column, _(
                        "a formula (%(formula)s): type the figure itself.") % {
                        "formula": value[:40]}))
                    continue
                if value in (None, ""):
                    problems.append((number, column, _("a figure is needed.")))
                    continue
                try:
                    line[name] = _number(value)
                except (InvalidOperation, ValueError):
                    problems.append((number, column, _("%(value)s is not a figure.") % {
                        "value": str(value)[:40]}))
                    continue
                if line[name] < 0:
                    problems.append((number, column, _("a figure cannot be negative.")))
            else:
                line[name] = "" if value is None else str(value).strip()
        if not line.get("code"):
            problems.append((number, "A", _("each line needs a code.")))
        elif line["code"] in codes:
            problems.append((number, "A", _("the code %(code)s is there twice.") % {
                "code": line["code"]}))
        else:
            codes.add(line["code"])
        if not line.get("label"):
            problems.append((number, "B", _("each line needs a name.")))
        if len(line.get("code", "")) > 20:
            problems.append((number, "A", _("a code has at most 20 characters.")))
        lines.append((number, line))
    if not lines and not problems:
        problems.append((2, "A", _("the sheet has no budget lines.")))
    return lines, problems


@transaction.atomic
def budget_import(*, report, data: bytes, by) -> list[BudgetLine]:
    """Replace the report's budget lines with those of a filled template: all or
    nothing, with the row and column of each problem (ImportRefused)."""
    _writable(report, by)
    if report.report_type != ReportType.FINANCIAL:
        raise ValidationError(_("Only a financial report has budget lines."))
    lines, problems = read_workbook(data)
    if problems:
        raise ImportRefused(problems)
    built = []
    for position, (number, values) in enumerate(lines):
        line = BudgetLine(report=report, position=position, **values)
        try:
            line.full_clean(exclude=["report"], validate_constraints=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                column = LETTERS[COLUMNS.index(field)] if field in COLUMNS else "A"
                problems.extend((number, column, m) for m in messages)
        built.append(line)
    if problems:
        raise ImportRefused(problems)
    for old in report.lines.all():
        delete_as(old, by=by)
    for line in built:
        save_as(line, by=by, validate=False)
    return built


# --- The responsibility matrix --------------------------------------------------------------


@transaction.atomic
def responsibility_set(*, partnership, year, data, by, expected_version=None) -> Responsibility:
    """Who leads each task in `year`: the row is made the first time, then updated."""
    row = Responsibility.objects.filter(partnership=partnership, year=year).first()
    changes = {task: data[task] for task in Responsibility.TASKS}
    if row is None:
        return save_as(Responsibility(partnership=partnership, year=year, **changes), by=by)
    return update_versioned(row, by=by, expected_version=(
        row.version if expected_version is None else expected_version), changes=changes)


# --- Lessons offered to the knowledge hub ---------------------------------------------------


def lesson_offer(*, section, index, by) -> str:
    """Offer lesson `index` of a report's lessons section to the knowledge hub (the
    app registered as its receiver makes a draft item): the new item's page."""
    from django.urls import reverse
    from django.utils.translation import get_language

    from hamwe.core.registries import Lesson, offer_lesson

    from .policy import period_label

    lessons = templates.lessons_in(section.text)
    if section.key != "lessons" or not 0 <= index < len(lessons):
        raise ValidationError(_("There is no such lesson in this report."))
    report = section.report
    text = lessons[index]
    label = _("%(type)s report %(period)s, %(organisation)s") % {
        "type": report.get_report_type_display(), "period": period_label(report),
        "organisation": report.organisation.name}
    return offer_lesson(Lesson(
        title=text[:120], text=text, organisation_ids=(report.organisation_id,),
        language=(get_language() or "en")[:2], source=f"report-section:{section.pk}:{index}",
        source_label=label, source_url=reverse("reporting:report", args=[report.pk])),
        by=by)
