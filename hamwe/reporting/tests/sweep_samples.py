"""The isolation sweep's view of partner reports: a sample for every route, a payload
for each write (valid for A's own partner user, the least privileged who may write), the
reports of A it points at, and the reporting state that an outsider must not change.

A's reports carry A's secret note in their sections, a budget line's explanation, a
comment and an attachment: partner B, who sees only its own organisation's reports,
must never see them. A report is A's alone, so partner B never reaches it even with a
guard planted open; the planted-write tests catch the viewer instead, who reads A's
reports but may not write or review them.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from hamwe.tests.samples import EDITS_A, HOME_EDITORS, current, page, read

NOTE = "Added by the sweep"
MAY_COMMENT = frozenset(EDITS_A)


def _section_post(ctx):
    section = current(ctx.report_section)
    return {f"s{section.pk}-text": NOTE, f"s{section.pk}-version": section.version}


def _line_post(ctx):
    line = current(ctx.report_line)
    return {f"l{line.pk}-{k}": v for k, v in {
        "code": line.code, "label": line.label, "budget": "100", "actual": "101",
        "budget_to_date": "100", "actual_to_date": "101", "explanation": NOTE,
        "version": line.version}.items()}


def _new_line_post(ctx):
    return {"new-code": "9.9", "new-label": NOTE, "new-budget": "10", "new-actual": "10",
            "new-budget_to_date": "10", "new-actual_to_date": "10", "new-explanation": ""}


def _currency_post(ctx):
    report = current(ctx.report_financial)
    return {"currency": "EUR", "exchange_rate": "0.00031", "version": report.version}


def _submit_post(ctx):
    return {"version": current(ctx.report_narrative).version}


def _decide_post(ctx):
    return {"decision": "approved", "note": "", "version": current(ctx.report_submitted).version}


def _attachment_post(ctx):
    return {"file": SimpleUploadedFile("sweep.pdf", b"%PDF-1.4\n% the sweep\n%%EOF\n")}


def _upload_post(ctx):
    from .factories import workbook

    return {"file": SimpleUploadedFile("budget.xlsx", workbook(
        [("7.1", NOTE, 5, 5, 5, 5, "")]))}


def _comment_post(ctx):
    return {"text": NOTE, "section": ctx.report_section.pk}


def _schedule_post(ctx):
    """A schedule for the partnership's other party (A owes both kinds already)."""
    other = ctx.partnership_a.parties.exclude(organisation=ctx.org_a).first()
    return {"organisation": other.organisation_id, "report_type": "narrative",
            "frequency": "yearly", "due_days": 30, "remind_days": 7, "currency": "BIF",
            "year": 2027}


def _plan_post(ctx):
    return {"year": 2027}


def _responsibility_post(ctx):
    return {"year": 2027, "planning": "partner", "monitoring": "joint", "donors": "home",
            "reporting": "partner"}


def _settings_post(ctx):
    return {"variance_threshold": "12.5"}


def _report(name):
    return lambda ctx: {"pk": getattr(ctx, name).pk}


REPORT_SAMPLES = {  # a report of A: written by A (and home staff), reviewed by home staff
    "reporting:board": read(),
    "reporting:report": read(_report("report_narrative")),
    "reporting:section": page(
        lambda ctx: {"pk": ctx.report_narrative.pk, "section_pk": ctx.report_section.pk},
        post=_section_post, writers=EDITS_A, guard="may_write_report"),
    # Offering a lesson makes a draft item of the knowledge hub (whose state the sweep
    # watches with A's records), for those who may write the report.
    "reporting:lesson_offer": page(lambda ctx: {
        "pk": ctx.report_narrative.pk, "section_pk": ctx.report_lessons.pk, "index": 0},
        post=lambda ctx: {}, writers=EDITS_A, guard="may_write_report"),
    "reporting:line_add": page(_report("report_financial"), post=_new_line_post,
                               writers=EDITS_A, guard="may_write_report"),
    "reporting:line": page(
        lambda ctx: {"pk": ctx.report_financial.pk, "line_pk": ctx.report_line.pk},
        post=_line_post, writers=EDITS_A, guard="may_write_report"),
    "reporting:currency": page(_report("report_financial"), post=_currency_post,
                               writers=EDITS_A, guard="may_write_report"),
    "reporting:attachment_add": page(_report("report_financial"), post=_attachment_post,
                                     writers=EDITS_A, guard="may_write_report"),
    "reporting:attachment": read(lambda ctx: {"pk": ctx.report_financial.pk,
                                              "attachment_pk": ctx.report_attachment.pk}),
    "reporting:submit": page(_report("report_narrative"), post=_submit_post,
                             writers=EDITS_A, guard="may_write_report"),
    "reporting:comment": page(_report("report_narrative"), post=_comment_post,
                              writers=MAY_COMMENT, guard="may_comment_on_report"),
    "reporting:decide": page(_report("report_submitted"), post=_decide_post,
                             writers=HOME_EDITORS, guard="may_review_reports"),
    "reporting:version": read(lambda ctx: {"pk": ctx.report_submitted.pk, "number": 1}),
    "reporting:template": read(_report("report_financial")),
    "reporting:upload": page(_report("report_financial"), post=_upload_post,
                             writers=EDITS_A, guard="may_write_report"),
    "reporting:export": read(lambda ctx: {"pk": ctx.report_financial.pk, "fmt": "xlsx"}),
    "reporting:export#pdf": read(lambda ctx: {"pk": ctx.report_narrative.pk, "fmt": "pdf"}),
}
SCHEDULE_SAMPLES = {  # schedules, the responsibility matrix and settings: home staff's
    "reporting:quality": read(),
    "reporting:partnership": page(
        lambda ctx: {"pk": ctx.partnership_a.pk}, post=_schedule_post, writers=HOME_EDITORS,
        guard=("may_edit_partnership", "may_review_reports")),
    "reporting:plan_year": page(
        lambda ctx: {"pk": ctx.partnership_a.pk, "schedule_pk": ctx.report_narrative.schedule_id},
        post=_plan_post, writers=HOME_EDITORS,
        guard=("may_edit_partnership", "may_review_reports")),
    "reporting:responsibility": page(
        lambda ctx: {"pk": ctx.partnership_a.pk}, post=_responsibility_post,
        writers=HOME_EDITORS, guard=("may_edit_partnership", "may_review_reports")),
    "reporting:settings": page(post=_settings_post, writers=HOME_EDITORS,
                               guard="may_review_reports"),
}

API_SAMPLES = {  # /api/v1/reports/: read only
    "v1:reporting-report-list": read(),
    "v1:reporting-report-detail": read(_report("report_narrative")),
}

SAMPLES = {**REPORT_SAMPLES, **SCHEDULE_SAMPLES, **API_SAMPLES}


def context_of(partnership_a, org_a, *, by):
    """A's narrative report written (each section carries A's secret note), a financial
    report with a line, a comment and an attachment, and a narrative report submitted."""
    from hamwe.conftest import SECRET_NOTE
    from hamwe.reporting import services

    from .factories import first_report, schedule_for, with_lines, written

    narrative = first_report(schedule_for(partnership_a, org_a, "narrative", by=by))
    written(narrative, text=f"A's results ({SECRET_NOTE})")
    submitted = narrative.schedule.reports.order_by("period_end")[1]
    written(submitted, text=f"A's second quarter ({SECRET_NOTE})")
    services.report_submit(report=submitted, by=by, expected_version=submitted.version,
                           today=datetime.date(2026, 1, 10))
    financial = first_report(schedule_for(partnership_a, org_a, "financial", by=by))
    with_lines(financial, lines=(("1.1", "Facilitators", 1000, 990),))
    line = financial.lines.get()
    services.line_update(line=line, by=by, expected_version=line.version,
                         data={"explanation": f"Within budget ({SECRET_NOTE})"})
    services.comment_add(report=financial, by=by, line=line, text=f"Seen ({SECRET_NOTE})")
    attachment = services.attachment_add(report=financial, by=by, upload=SimpleUploadedFile(
        "receipts.pdf", f"%PDF-1.4\n% {SECRET_NOTE}\n%%EOF\n".encode()))
    narrative.refresh_from_db()
    financial.refresh_from_db()
    submitted.refresh_from_db()
    return {"report_narrative": narrative, "report_financial": financial,
            "report_submitted": submitted,
            "report_section": narrative.sections.get(key="results"),
            "report_lessons": narrative.sections.get(key="lessons"),
            "report_line": financial.lines.get(), "report_attachment": attachment}


def reporting_state():
    """Everything about reports that a write could change."""
    from hamwe.reporting.models import (
        Attachment,
        BudgetLine,
        Comment,
        Report,
        Responsibility,
        Schedule,
        Section,
        Settings,
    )

    return (
        tuple(Report.objects.order_by("pk").values_list(
            "pk", "status", "version", "submissions", "comments", "currency")),
        tuple(Section.objects.order_by("pk").values_list("pk", "text", "version")),
        tuple(BudgetLine.objects.order_by("pk").values_list("pk", "code", "explanation",
                                                            "version")),
        tuple(Comment.objects.order_by("pk").values_list("pk", "text")),
        tuple(Attachment.objects.order_by("pk").values_list("pk")),
        tuple(Schedule.objects.order_by("pk").values_list("pk")),
        tuple(Responsibility.objects.order_by("pk").values_list("pk", "planning")),
        tuple(Settings.objects.order_by("pk").values_list("pk", "variance_threshold")),
    )
