"""The annual partnership performance report: asked for, made in the background with its
progress on the page (a meta refresh without JavaScript, htmx with it), then kept and
downloaded as PDF and XLSX."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from hamwe.accounts import access
from hamwe.accounts.decorators import requires, role_required
from hamwe.core.pages import add_service_errors
from hamwe.core.uploads import file_response
from hamwe.policy.localise import reading_language

from .. import clock, present
from ..indicators.views import live_strategy, no_strategy
from ..models import Report
from . import documents, selectors, services
from .forms import ReportForm

STEPS = {
    "": gettext_lazy("Waiting for the background worker to start it."),
    "values": gettext_lazy("Computing every indicator as of the year's end."),
    "pdf": gettext_lazy("Drawing the PDF."),
    "xlsx": gettext_lazy("Writing the spreadsheet."),
}


def _years(strategy, today):
    return [(y.year, strategy.calendar.year_label(y.year))
            for y in selectors.years_offered(strategy, today)]


@requires(access.may_follow_strategy)
@require_http_methods(["GET", "POST"])
def reports(request):
    strategy = live_strategy()
    if strategy is None:
        return no_strategy(request)
    today = clock.today()
    may_record = access.may_record_strategy_progress(request.user)
    if request.method == "POST" and not may_record:
        raise PermissionDenied
    years = _years(strategy, today)
    language = reading_language(translation.get_language()) or "en"
    form = ReportForm(request.POST or None, years=years, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_request(
                strategy=strategy, year=form.cleaned_data["year"],
                language=form.cleaned_data["language"], by=request.user, today=today)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if report.status == Report.Status.DONE:
                messages.info(request, _("This report was made already: here it is."))
            return redirect("strategy:report", pk=report.pk)
    labels = dict(years)
    made = [{"report": r, "label": labels.get(r.year) or strategy.calendar.year_label(r.year)}
            for r in selectors.reports_of(strategy)]
    return render(request, "strategy/reports.html", {
        "strategy": strategy, "form": form if may_record else None, "made": made,
        "ended": present.ended_note(strategy, today),
    })


@role_required
@require_GET
def report_detail(request, pk):
    report = selectors.report_for_user(user=request.user, pk=pk)
    strategy = live_strategy()
    label = (strategy.calendar.year_label(report.year) if strategy is not None
             and strategy.policy.pk == report.policy_id else str(report.year))
    context = {"report": report, "label": label, "step": STEPS.get(report.step, ""),
               "waiting": report.status in (Report.Status.QUEUED, Report.Status.RUNNING)}
    if request.headers.get("HX-Request") or request.GET.get("part") == "progress":
        return render(request, "strategy/report_progress.html", context)
    return render(request, "strategy/report_page.html", context)


@role_required
@require_GET
def report_file(request, pk, fmt):
    report = selectors.report_for_user(user=request.user, pk=pk)
    stored = report.pdf if fmt == "pdf" else report.xlsx
    if report.status != Report.Status.DONE or not stored:
        raise Http404
    return file_response(stored, filename=f"{documents.filename(report)}.{fmt}")
