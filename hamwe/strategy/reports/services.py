"""Writes about annual reports: named, keyword-only, atomic. The caller has asked
`access.may_record_strategy_progress` whether `by` may ask for one.

A report is made once per fiscal year and language, in the background, and kept: a
past year's report never changes. One that failed may be asked for again.
"""

import time
import traceback

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from hamwe.core.records import save_as

from .. import clock
from ..models import Report
from ..policy import current_strategy
from . import documents, selectors


@transaction.atomic
def report_request(*, strategy, year, language, by, today=None) -> Report:
    """The report of fiscal year `year` (the year it ends in) in `language`: the one
    made or being made already, or a new one, queued for the worker."""
    from django.conf import settings

    from ..tasks import make_report

    today = today or clock.today()
    if year not in {y.year for y in selectors.years_offered(strategy, today)}:
        raise ValidationError({"year": _(
            "A report is made for a fiscal year of the strategy that has ended.")})
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    existing = (Report.objects.select_for_update()
                .filter(policy=strategy.policy, year=year, language=language)
                .exclude(status=Report.Status.FAILED).first())
    if existing is not None:
        return existing
    report = save_as(Report(policy=strategy.policy, year=year, language=language,
                            requested_by=by), by=by)
    make_report.enqueue(report.pk)
    report.refresh_from_db()
    return report


def _tell(report_id, percent, step):
    Report.objects.filter(pk=report_id).update(progress=percent, step=step)


def report_make(*, report_id) -> Report:
    """Make the report's PDF and XLSX from the values as of its year's end (the worker
    calls this). Progress is written as it goes, so the page can show it."""
    report = Report.objects.select_related("policy").get(pk=report_id)
    if report.status == Report.Status.DONE:
        return report
    started = time.perf_counter()
    Report.objects.filter(pk=report_id).update(status=Report.Status.RUNNING, progress=1,
                                               step="values")
    try:
        with translation.override(report.language):
            strategy = current_strategy(report.language)
            if strategy is None or strategy.policy.pk != report.policy_id:
                raise RuntimeError(_("The policy of this report is no longer the live one."))
            year = strategy.calendar.year(report.year)
            data = selectors.report_data(
                strategy, year, progress=lambda p: _tell(report_id, p, "values"))
            _tell(report_id, 65, "pdf")
            pdf = documents.report_pdf(data)
            _tell(report_id, 90, "xlsx")
            xlsx = documents.report_xlsx(data)
    except Exception as error:  # noqa: BLE001 (any failure is told to the one who asked)
        Report.objects.filter(pk=report_id).update(
            status=Report.Status.FAILED, step="",
            error=f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=3)}")
        return Report.objects.get(pk=report_id)
    name = documents.filename(report)
    report.refresh_from_db()
    report.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
    report.xlsx.save(f"{name}.xlsx", ContentFile(xlsx), save=False)
    report.status, report.progress, report.step = Report.Status.DONE, 100, ""
    report.made_on = clock.today()
    report.seconds = round(time.perf_counter() - started, 2)
    save_as(report, by=report.requested_by, validate=False)
    return report
