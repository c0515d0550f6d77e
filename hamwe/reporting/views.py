"""Pages of partner reports: the board, a report (written section by section, budget
lines, attachments, comments, submission and review), its versions and their difference,
the XLSX template and its upload, exports, the quality figures, and a partnership's
schedules and responsibility matrix.

Every read goes through `selectors` (the access rule); writes through `services`. Every
form is a small form of its own that works without JavaScript, so a partner on a phone
over a weak link loses at most the section being written.
"""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import requires, role_required
from hamwe.core.pages import add_service_errors, known_count
from hamwe.core.records import EditConflict
from hamwe.core.registries import lessons_received
from hamwe.core.spreadsheets import XLSX_TYPE, neutralise
from hamwe.core.uploads import file_response
from hamwe.partnerships.records.selectors import partnership_for_editor, partnership_for_user

from . import charts, selectors, services, templates
from .forms import (
    BoardFilter,
    CommentForm,
    CurrencyForm,
    DecisionForm,
    FileForm,
    LineForm,
    PlanYearForm,
    ResponsibilityForm,
    ScheduleForm,
    SectionForm,
    SettingsForm,
    SubmitForm,
)
from .models import Report, ReportType, Responsibility, Schedule
from .policy import calendar, period_label

PAGE_SIZE = 50


def _report_url(report, anchor=""):
    return reverse("reporting:report", args=[report.pk]) + anchor


# --- The board ------------------------------------------------------------------------------


@role_required
@require_GET
def board(request):
    """Reports by partner and period with the count in each state: every organisation's
    for home users, their own organisation's for a partner user."""
    today = timezone.localdate()
    form = BoardFilter(request.GET or None)
    wanted = form.cleaned_data if form.is_valid() else {}
    rows, counts = selectors.board(
        request.user, today=today, status=wanted.get("status", ""),
        report_type=wanted.get("report_type", ""), organisation=wanted.get("organisation"),
        year=wanted.get("year"), partnership=wanted.get("partnership"))
    total = sum(counts.values())
    shown = counts.get(wanted.get("status")) if wanted.get("status") else total
    paginator = known_count(Paginator(rows, PAGE_SIZE), shown)
    page = paginator.get_page(request.GET.get("page"))
    cal = calendar()
    reports = selectors.with_late(list(page.object_list), today)
    for report in reports:
        report.period = period_label(report, cal)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "reporting/board.html", {
        "form": form, "page": page, "reports": reports, "counts": counts, "total": total,
        "query": query.urlencode(), "statuses": [
            (key, label, counts[key]) for key, label in BoardFilter.base_fields[
                "status"].choices if key],
        "may_follow": access.may_follow_reports(request.user),
        "may_see_quality": access.may_see_report_quality(request.user),
        "may_review": access.may_review_reports(request.user),
    })


# --- A report -------------------------------------------------------------------------------


def _report_context(request, report, **forms):
    user = request.user
    may_write = access.may_write_report(user, report) and report.editable
    may_review = access.may_review_reports(user) and report.status in (
        Report.Status.SUBMITTED, Report.Status.IN_REVIEW)
    may_comment = access.may_comment_on_report(user, report)
    threads = selectors.thread(report)
    sections = list(report.sections.all())
    offering = lessons_received()
    for section in sections:
        section.title = templates.title(section.key)
        section.help = templates.HELP.get(section.key, "")
        section.form = forms.get(f"section-{section.pk}") or SectionForm(
            instance=section, prefix=f"s{section.pk}")
        section.threads = threads.get(("section", section.pk), [])
        section.lessons = (list(enumerate(templates.lessons_in(section.text)))
                           if offering and section.key == "lessons" else [])
    lines = list(report.lines.all())
    threshold = services.current_settings().variance_threshold
    problems = services.line_problems(lines, threshold) if lines else {}
    for line in lines:
        line.form = forms.get(f"line-{line.pk}") or LineForm(instance=line, prefix=f"l{line.pk}")
        line.threads = threads.get(("line", line.pk), [])
        line.problem = problems.get(f"line-{line.code}")
    versions = list(report.versions.order_by("number"))
    return {
        "report": report, "period": period_label(report), "sections": sections,
        "lines": lines, "totals": services.totals(lines) if lines else None,
        "threshold": threshold, "versions": versions,
        "attachments": list(report.attachments.all()),
        "report_threads": threads.get(("report", None), []),
        "may_write": may_write, "may_review": may_review, "may_comment": may_comment,
        "may_offer": offering and access.may_write_report(user, report),
        "is_financial": report.report_type == ReportType.FINANCIAL,
        "new_line": forms.get("new-line") or LineForm(prefix="new"),
        "currency_form": forms.get("currency") or CurrencyForm(instance=report),
        "submit_form": SubmitForm(initial={"version": report.version}),
        "decision_form": forms.get("decision") or DecisionForm(
            initial={"version": report.version}),
        "comment_form": forms.get("comment") or CommentForm(),
        "file_form": forms.get("file") or FileForm(),
        "upload_errors": forms.get("upload_errors", []),
        "submit_errors": forms.get("submit_errors", []),
        "objectives": report.partnership.joint_objectives,
    }


@role_required
@require_GET
def report_detail(request, pk):
    report = selectors.report_for_user(user=request.user, pk=pk)
    return render(request, "reporting/report.html", _report_context(request, report))


def _again(request, report, template="reporting/report.html", **forms):
    return render(request, template, _report_context(request, report, **forms), status=400)


@role_required
@require_POST
def section_save(request, pk, section_pk):
    report = selectors.report_for_writer(user=request.user, pk=pk)
    section = selectors.section_of(report, section_pk)
    form = SectionForm(request.POST, instance=section, prefix=f"s{section.pk}")
    if form.is_valid():
        try:
            services.section_save(section=section, text=form.cleaned_data["text"],
                                  expected_version=form.expected_version(), by=request.user)
        except EditConflict as conflict:
            messages.error(request, conflict.message)
            return _again(request, report, **{f"section-{section.pk}": SectionForm(
                instance=conflict.current, prefix=f"s{section.pk}")})
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The section was saved."))
            return redirect(_report_url(report, f"#section-{section.pk}"))
    return _again(request, report, **{f"section-{section.pk}": form})


@role_required
@require_POST
def line_add(request, pk):
    report = selectors.report_for_writer(user=request.user, pk=pk)
    form = LineForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            services.line_add(report=report, data=form.changes(), by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget line was added."))
            return redirect(_report_url(report, "#budget"))
    return _again(request, report, **{"new-line": form})


@role_required
@require_POST
def line_edit(request, pk, line_pk):
    report = selectors.report_for_writer(user=request.user, pk=pk)
    line = selectors.line_of(report, line_pk)
    if "delete" in request.POST:
        try:
            services.line_delete(line=line, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(_report_url(report, "#budget"))
    form = LineForm(request.POST, instance=line, prefix=f"l{line.pk}")
    if form.is_valid():
        try:
            services.line_update(line=line, data=form.changes(),
                                 expected_version=form.expected_version(), by=request.user)
        except EditConflict as conflict:
            messages.error(request, conflict.message)
            return _again(request, report, **{f"line-{line.pk}": LineForm(
                instance=conflict.current, prefix=f"l{line.pk}")})
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget line was saved."))
            return redirect(_report_url(report, f"#line-{line.pk}"))
    return _again(request, report, **{f"line-{line.pk}": form})


@role_required
@require_POST
def currency(request, pk):
    report = selectors.report_for_writer(user=request.user, pk=pk)
    form = CurrencyForm(request.POST, instance=report)
    if form.is_valid():
        try:
            services.report_currency_set(
                report=report, currency=form.cleaned_data["currency"],
                exchange_rate=form.cleaned_data["exchange_rate"],
                expected_version=form.expected_version(), by=request.user)
        except EditConflict as conflict:
            messages.error(request, conflict.message)
            return redirect(_report_url(report, "#budget"))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The currency was saved."))
            return redirect(_report_url(report, "#budget"))
    return _again(request, report, currency=form)


@role_required
@require_POST
def attachment_add(request, pk):
    report = selectors.report_for_writer(user=request.user, pk=pk)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(report=report, upload=form.cleaned_data["file"],
                                    by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The file was attached."))
            return redirect(_report_url(report, "#attachments"))
    return _again(request, report, file=form)


@role_required
@require_GET
def attachment(request, pk, attachment_pk):
    report = selectors.report_for_user(user=request.user, pk=pk)
    found = selectors.attachment_of(report, attachment_pk)
    return file_response(found.file, filename=found.name)


@role_required
@require_POST
def submit(request, pk):
    report = selectors.report_for_writer(user=request.user, pk=pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return _again(request, report, submit_errors=[_("Reload the page and submit again.")])
    try:
        services.report_submit(report=report, by=request.user,
                               expected_version=form.cleaned_data["version"])
    except EditConflict as conflict:
        messages.error(request, conflict.message)
        return redirect(_report_url(report))
    except ValidationError as error:
        return _again(request, report, submit_errors=error.messages)
    messages.success(request, _("The report was submitted. The reviewers are told."))
    return redirect(_report_url(report))


@role_required
@require_POST
def comment(request, pk):
    report = selectors.report_for_commenter(user=request.user, pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.comment_add(
                report=report, by=request.user, text=data["text"],
                section=selectors.section_of(report, data["section"])
                if data["section"] else None,
                line=selectors.line_of(report, data["line"]) if data["line"] else None,
                parent=selectors.one_or_404(report.thread.all(), pk=data["parent"])
                if data["parent"] else None)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The comment was added."))
            anchor = (f"#section-{data['section']}" if data["section"] else
                      f"#line-{data['line']}" if data["line"] else "#comments")
            return redirect(_report_url(report, anchor))
    return _again(request, report, comment=form)


@role_required
@require_POST
def decide(request, pk):
    report = selectors.report_for_reviewer(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.report_decide(
                report=report, decision=form.cleaned_data["decision"], by=request.user,
                expected_version=form.cleaned_data["version"],
                note=form.cleaned_data["note"])
        except EditConflict as conflict:
            messages.error(request, _("Someone else reviewed this report, or the partner "
                                      "sent a new version, while you were reading it: "
                                      "nothing was changed. Read it again."))
            del conflict
            return redirect(_report_url(report))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect(_report_url(report))
    return _again(request, report, decision=form)


@role_required
@require_POST
def lesson_offer(request, pk, section_pk, index):
    report = selectors.report_for_writer(user=request.user, pk=pk)
    section = selectors.section_of(report, section_pk)
    if not lessons_received():
        raise PermissionDenied
    try:
        url = services.lesson_offer(section=section, index=index, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_report_url(report, f"#section-{section.pk}"))
    messages.success(request, _("The lesson was offered to the knowledge hub."))
    return redirect(url)


# --- Versions -------------------------------------------------------------------------------


@role_required
@require_GET
def version(request, pk, number):
    report = selectors.report_for_user(user=request.user, pk=pk)
    shown = selectors.submission_of(report, number)
    older = report.versions.filter(number=number - 1).first()
    sections = [(templates.title(key), text) for key, text in shown.content["sections"]]
    return render(request, "reporting/version.html", {
        "report": report, "period": period_label(report), "shown": shown,
        "older": older, "sections": sections, "lines": shown.content["lines"],
        "changes": selectors.difference(older, shown)})


# --- The XLSX template and exports ------------------------------------------------------------

HEADER = (gettext_lazy("Code"), gettext_lazy("Budget line"),
          gettext_lazy("Budget for the period"), gettext_lazy("Spent in the period"),
          gettext_lazy("Budget to date"), gettext_lazy("Spent to date"),
          gettext_lazy("Explanation of the variance"))


def _xlsx(filename, book):
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@role_required
@require_GET
def budget_template(request, pk):
    """The financial report's template: its lines (or the previous report's, with their
    budgets) for the partner to fill offline."""
    from openpyxl import Workbook

    report = selectors.report_for_user(user=request.user, pk=pk)
    lines = list(report.lines.all())
    if not lines:
        previous = (Report.objects.filter(schedule=report.schedule,
                                          period_end__lt=report.period_start)
                    .order_by("-period_end").first())
        lines = list(previous.lines.all()) if previous else []
    book = Workbook()
    sheet = book.active
    sheet.title = "Budget"
    sheet.append([str(h) for h in HEADER])
    for line in lines:
        sheet.append([neutralise(line.code), neutralise(line.label), line.budget,
                      line.actual if line.report_id == report.pk else None,
                      line.budget_to_date,
                      line.actual_to_date if line.report_id == report.pk else None,
                      neutralise(line.explanation) if line.report_id == report.pk else ""])
    for column, width in zip("ABCDEFG", (10, 36, 16, 16, 16, 16, 40), strict=True):
        sheet.column_dimensions[column].width = width
    return _xlsx(f"budget-{report.pk}.xlsx", book)


@role_required
@require_POST
def budget_upload(request, pk):
    report = selectors.report_for_writer(user=request.user, pk=pk)
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _again(request, report, upload_errors=[_("Choose the filled template.")])
    upload = form.cleaned_data["file"]
    if upload.size > 2 * 1024 * 1024:
        return _again(request, report, upload_errors=[_("The file is larger than 2 MB.")])
    try:
        services.budget_import(report=report, data=upload.read(), by=request.user)
    except ValidationError as error:
        return _again(request, report, upload_errors=error.messages)
    messages.success(request, _("The budget lines were read from the file."))
    return redirect(_report_url(report, "#budget"))


@role_required
@require_GET
def export(request, pk, fmt):
    """The report with its narrative, budget and comments, as XLSX or PDF."""
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    report = selectors.report_for_user(user=request.user, pk=pk)
    context = _report_context(request, report)
    if fmt == "pdf":
        from django.template.loader import render_to_string
        from weasyprint import HTML

        html = render_to_string("reporting/export.html", context, request=request)
        response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="report-{report.pk}.pdf"'
        return response
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Narrative")[:31]
    sheet.append([_("Section"), _("Text")])
    for section in context["sections"]:
        sheet.append([neutralise(str(section.title)), neutralise(section.text)])
    budget = book.create_sheet(_("Budget")[:31])
    budget.append([str(h) for h in HEADER])
    for line in context["lines"]:
        budget.append([neutralise(line.code), neutralise(line.label), line.budget, line.actual,
                       line.budget_to_date, line.actual_to_date, neutralise(line.explanation)])
    notes = book.create_sheet(_("Comments")[:31])
    notes.append([_("About"), _("By"), _("Date"), _("Comment")])
    for comment in report.thread.select_related("author", "section", "line"):
        about = (str(templates.title(comment.section.key)) if comment.section_id else
                 comment.line.code if comment.line_id else "")
        notes.append([neutralise(about), neutralise(str(comment.author or "")),
                      comment.at.date(), neutralise(comment.text)])
    return _xlsx(f"report-{report.pk}.xlsx", book)


# --- Quality --------------------------------------------------------------------------------


@requires(access.may_see_report_quality)
@require_GET
def quality(request):
    """Report quality both ways, per partner and fiscal year, narrative and financial
    apart, with the trend over the years: a partner user sees its own organisation's."""
    organisation = request.GET.get("organisation")
    organisation = int(organisation) if organisation and organisation.isdigit() else None
    if organisation and organisation > 2**31:
        organisation = None
    figures = selectors.quality(organisation=organisation, today=timezone.localdate(),
                                user=request.user)
    cal = calendar()
    labels = {f["year"]: cal.year_label(f["year"]) for f in figures}
    for entry in figures:
        entry["year_label"] = labels[entry["year"]]
    series = {kind: selectors.trend(figures, kind) for kind in ReportType.values}
    review = {kind: selectors.trend(figures, kind, "review_days") for kind in ReportType.values}
    return render(request, "reporting/quality.html", {
        "figures": figures, "labels": labels,
        "rounds_chart": charts.trend_chart({k: v for k, v in series.items() if v},
                                           labels=labels),
        "review_chart": charts.trend_chart({k: v for k, v in review.items() if v},
                                           labels=labels),
        "series": series, "review": review, "own": not access.is_home(request.user)})


# --- A partnership's schedules and responsibilities ------------------------------------------


@role_required
@require_http_methods(["GET", "POST"])
def partnership(request, pk):
    """The partnership's reporting schedules (home editors add them and plan a year's
    reports) and its responsibility matrix by year."""
    found = partnership_for_user(user=request.user, pk=pk)
    may_edit = access.may_review_reports(request.user)
    schedule_form = ScheduleForm(partnership=found, initial={
        "year": calendar().year_of(timezone.localdate())})
    if request.method == "POST":
        found = partnership_for_editor(user=request.user, pk=pk)
        if not may_edit:
            raise PermissionDenied
        schedule_form = ScheduleForm(request.POST, partnership=found)
        if schedule_form.is_valid():
            data = schedule_form.cleaned_data
            try:
                services.schedule_add(
                    partnership=found, organisation=data["organisation"],
                    report_type=data["report_type"], frequency=data["frequency"],
                    due_days=data["due_days"], remind_days=data["remind_days"],
                    currency=data["currency"], years=[data["year"]], by=request.user)
            except ValidationError as error:
                add_service_errors(schedule_form, error)
            else:
                messages.success(request, _("The schedule was added and its reports "
                                            "planned."))
                return redirect("reporting:partnership", pk=pk)
    schedules = list(Schedule.objects.visible_to(request.user).filter(partnership=found)
                     .select_related("organisation"))
    matrices = selectors.responsibilities(found)
    return render(request, "reporting/partnership.html", {
        "partnership": found, "schedules": schedules, "schedule_form": schedule_form,
        "may_edit": may_edit, "matrices": matrices, "tasks": [
            (task, Responsibility._meta.get_field(task).verbose_name)
            for task in Responsibility.TASKS],
        "plan_form": PlanYearForm(), "labels": {m.year: calendar().year_label(m.year)
                                                for m in matrices},
        "responsibility_form": ResponsibilityForm(initial={
            "year": calendar().year_of(timezone.localdate())}),
    })


@role_required
@require_POST
def plan_year(request, pk, schedule_pk):
    found = partnership_for_editor(user=request.user, pk=pk)
    if not access.may_review_reports(request.user):
        raise PermissionDenied
    schedule = selectors.one_or_404(Schedule.objects.filter(partnership=found), pk=schedule_pk)
    form = PlanYearForm(request.POST)
    if form.is_valid():
        made = services.reports_plan(schedule=schedule, year=form.cleaned_data["year"],
                                     by=request.user)
        messages.success(request, _("%(n)d reports planned.") % {"n": len(made)})
    else:
        messages.error(request, _("Give a fiscal year."))
    return redirect("reporting:partnership", pk=pk)


@role_required
@require_POST
def responsibility(request, pk):
    found = partnership_for_editor(user=request.user, pk=pk)
    if not access.may_review_reports(request.user):
        raise PermissionDenied
    form = ResponsibilityForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.responsibility_set(partnership=found, year=data["year"], data=data,
                                        by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The responsibility matrix was saved."))
    else:
        messages.error(request, _("Choose who leads each task."))
    return redirect(reverse("reporting:partnership", args=[pk]) + "#responsibilities")


@requires(access.may_review_reports)
@require_http_methods(["GET", "POST"])
def settings(request):
    current = services.current_settings()
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_update(by=request.user,
                                     variance_threshold=form.cleaned_data[
                                         "variance_threshold"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The reporting settings were saved."))
            return redirect("reporting:settings")
    return render(request, "reporting/settings.html", {"form": form})
