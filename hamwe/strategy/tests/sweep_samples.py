"""The isolation sweep's view of the strategy: a sample for every route (on the example
pack's strategy; see hamwe/tests/samples.py), with a payload for each write (an entry, an
activity's progress, an annual report, an entry through the API), the objects they point
at, and the strategy's state that no one but home admins and staff may change.

The strategy's records are the home organisation's, not A's; what the sweep must catch
is a partner seeing what lies behind the figures. So the context gives the home
organisation a running partnership with A (its title carries A's secret marker), which
the first indicator counts, and an entry and a progress note whose text and evidence
carry A's secret note: partner B, who may read the figures, must never see either.
(The values stored for past years are not in the state: any reader's view may store
them, as a cache would.)
"""

import datetime

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from hamwe.strategy.indicators.forms import EntryForm
from hamwe.strategy.models import ActivityUpdate, IndicatorEntry, Report
from hamwe.strategy.plan.forms import ActivityUpdateForm
from hamwe.strategy.reports.forms import ReportForm
from hamwe.tests.samples import HOME_EDITORS, api, form_data, page, read

# A payload never carries A's private markers (an outsider does not know them); each is
# valid for the least privileged who may write (home staff), so an outsider's write is
# refused by the access rule, not by the form.
NOTE = "Added by the sweep"


def _entry_post(ctx):
    return form_data(EntryForm(takes_value=True), status="on_track", note=NOTE)


def _update_post(ctx):
    return form_data(ActivityUpdateForm(), status="under_way", note=NOTE)


def _report_post(ctx):
    """The newest fiscal year that has ended, in French: a report not made yet (the one
    the context made is in English)."""
    from hamwe.strategy import clock
    from hamwe.strategy.policy import current_strategy
    from hamwe.strategy.reports import selectors

    strategy = current_strategy()
    years = [(y.year, y.year) for y in selectors.years_offered(strategy, clock.today())]
    return form_data(ReportForm(years=years), language="fr")


INDICATOR_SAMPLES = {  # the dashboard, indicator pages, entries
    "strategy:dashboard": read(),
    "strategy:indicator": read(lambda ctx: {"key": "research-private-partnerships"}),
    "strategy:entry_new": page(
        lambda ctx: {"key": "partnership-manual"}, post=_entry_post,
        writers=HOME_EDITORS, guard="may_record_strategy_progress"),
    "strategy:entry_evidence": read(lambda ctx: {"pk": ctx.strategy_entry.pk}),
}
PLAN_SAMPLES = {  # the action plan
    "strategy:plan": read(),
    "strategy:activity": read(lambda ctx: {"key": "map-research-partners"}),
    "strategy:activity_update": page(
        lambda ctx: {"key": "map-research-partners"}, post=_update_post,
        writers=HOME_EDITORS, guard="may_record_strategy_progress"),
    "strategy:update_evidence": read(lambda ctx: {"pk": ctx.strategy_update.pk}),
}
REPORT_SAMPLES = {  # annual reports: the page is home users', making one home editors'
    "strategy:reports": page(
        post=_report_post, writers=HOME_EDITORS,
        guard=("may_follow_strategy", "may_record_strategy_progress")),
    "strategy:report": read(lambda ctx: {"pk": ctx.strategy_report.pk}),
    "strategy:report_file": read(lambda ctx: {"pk": ctx.strategy_report.pk, "fmt": "pdf"}),
    "strategy:report_file#xlsx": read(
        lambda ctx: {"pk": ctx.strategy_report.pk, "fmt": "xlsx"}),
}
API_SAMPLES = {  # /api/v1/strategy/: read only, but for entries added on the list
    "v1:strategy-direction-list": read(),
    "v1:strategy-indicator-list": read(),
    "v1:strategy-indicator-detail": read(lambda ctx: {"key": "research-private-partnerships"}),
    "v1:strategy-activity-list": read(),
    "v1:strategy-activity-detail": read(lambda ctx: {"key": "map-research-partners"}),
    "v1:strategy-entry-list": api(
        writes=("POST",),
        body=lambda ctx: {"indicator": "partnership-manual", "status": "on_track",
                          "on": "2026-01-15", "note": NOTE},
        writers=HOME_EDITORS, guard="may_record_strategy_progress"),
}

SAMPLES = {**INDICATOR_SAMPLES, **PLAN_SAMPLES, **REPORT_SAMPLES, **API_SAMPLES}


def context_of(org_a):
    """The home organisation's partnership with A, an entry and a progress note with
    evidence, and a report made (its files hold the partnership's title)."""
    from hamwe.conftest import SECRET_NOTE, SECRET_PARTNERSHIP
    from hamwe.partners.tests.factories import OrganisationFactory
    from hamwe.partnerships.models import Partnership, Party
    from hamwe.strategy.indicators.services import entry_add
    from hamwe.strategy.plan.services import activity_update_add
    from hamwe.strategy.policy import current_strategy

    home = OrganisationFactory(name="Home NGO of the sweep", sector="ingo", is_home=True)
    lab = OrganisationFactory(name="Sweep Research Lab", sector="research")
    running = Partnership.objects.create(
        title=f"Home research with A ({SECRET_PARTNERSHIP})", kind="strategic",
        status="active", stage="managing-and-maintaining", phase="managing",
        starts_on=datetime.date(2024, 1, 1), includes_home=True, is_partnership=True)
    for organisation in (home, org_a, lab):
        Party.objects.create(partnership=running, organisation=organisation,
                             role="implementing")
    strategy = current_strategy()
    pdf = b"%PDF-1.4\n% " + SECRET_NOTE.encode() + b"\n"
    entry = entry_add(strategy=strategy, indicator_key="partnership-manual", by=None, data={
        "on": datetime.date(2024, 10, 1), "status": "on_track",
        "note": f"Draft shared with A ({SECRET_NOTE})",
        "evidence": SimpleUploadedFile("manual.pdf", pdf)})
    update = activity_update_add(
        strategy=strategy, activity_key="map-research-partners", by=None, data={
            "on": datetime.date(2024, 5, 1), "status": "done",
            "note": f"Mapped with A ({SECRET_NOTE})",
            "evidence": SimpleUploadedFile("map.pdf", pdf)})
    # A report made (its files stand in for documents that quote A's records).
    report = Report.objects.create(policy=strategy.policy, year=2025, language="en",
                                   status=Report.Status.DONE, progress=100)
    report.pdf.save("sweep.pdf", ContentFile(pdf), save=False)
    report.xlsx.save("sweep.xlsx", ContentFile(_zip(SECRET_NOTE)), save=False)
    report.save()
    return {"strategy_entry": entry, "strategy_update": update, "strategy_report": report}


def _zip(text):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/sharedStrings.xml", text)
    return out.getvalue()


def strategy_state():
    """Everything about the strategy that a write could change."""
    return (
        tuple(IndicatorEntry.objects.order_by("pk").values_list("pk", "status", "note")),
        tuple(ActivityUpdate.objects.order_by("pk").values_list("pk", "status", "note")),
        tuple(Report.objects.order_by("pk").values_list("pk", "status", "language")),
    )
