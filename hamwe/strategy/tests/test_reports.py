"""The annual partnership performance report: asked for, made as a background task with
its progress, built from the values as of the year's end, kept once made."""

import datetime
import io

import pytest
from django.urls import reverse

from hamwe.conftest import client_for
from hamwe.strategy.indicators.services import entry_add
from hamwe.strategy.models import Report
from hamwe.strategy.reports import services

from .conftest import CARE, load, partnership

D = datetime.date
REPORTS = reverse("strategy:reports")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _made(followed, personas, year=2025):
    return services.report_request(strategy=followed, year=year, language="en",
                                   by=personas["staff"])


def _xlsx(report):
    from openpyxl import load_workbook

    with report.xlsx.open("rb") as handle:
        return load_workbook(io.BytesIO(handle.read()))


def test_staff_ask_for_a_report_and_download_both_files(followed, personas):
    client = client_for(personas["staff"])
    form = client.get(REPORTS).content.decode()
    # FY24 and FY25 have ended; FY26 is under way and is not offered.
    assert '<option value="2025" selected>FY25</option>' in form and "FY26" not in form
    response = client.post(REPORTS, {"year": "2025", "language": "en"})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "strategy:report", kwargs={"pk": report.pk})
    # Tests run the task at once: it is made, with its progress told as it went.
    assert report.status == Report.Status.DONE and report.progress == 100
    page = client.get(response["Location"]).content.decode()
    assert "The report is ready." in page and 'http-equiv="refresh"' not in page
    pdf = client.get(reverse("strategy:report_file", kwargs={"pk": report.pk, "fmt": "pdf"}))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert pdf["Content-Disposition"].endswith('"annual-report-lakeside-2025-en.pdf"')
    xlsx = client.get(reverse("strategy:report_file", kwargs={"pk": report.pk,
                                                              "fmt": "xlsx"}))
    assert xlsx.status_code == 200
    book = _xlsx(report)
    assert book.sheetnames == ["Indicators", "History", "Activities", "Progress"]
    rows = [[c.value for c in row] for row in book["Indicators"].iter_rows(min_row=4)]
    assert ["Strategic direction 1",
            "A partnership with a research institute and one with a private company.",
            2, None, "≥ 2 sectors", "30 June 2026", "Met", "2 against a target of ≥ 2: met."
            ] in rows
    assert book["History"]["B1"].value == "FY24" and book["History"]._charts


def test_who_may_ask_for_and_read_reports(followed, personas):
    report = _made(followed, personas)
    detail = reverse("strategy:report", kwargs={"pk": report.pk})
    pdf = reverse("strategy:report_file", kwargs={"pk": report.pk, "fmt": "pdf"})
    viewer = client_for(personas["viewer"])
    assert viewer.get(detail).status_code == 200 and viewer.get(pdf).status_code == 200
    assert viewer.post(REPORTS, {"year": "2024", "language": "en"}).status_code == 403
    for name in ("partner_a", "partner_admin_a", "partner_b"):
        client = client_for(personas[name])
        assert client.get(detail).status_code == 404
        assert client.get(pdf).status_code == 404
        assert client.get(REPORTS).status_code == 403
    assert Report.objects.count() == 1


def test_a_report_is_made_once_and_never_changes(followed, personas, home):
    first = _made(followed, personas)
    made = first.pdf.name, first.xlsx.name, first.made_on
    # Later data about the same year: a report asked for again is the one already made.
    entry_add(strategy=followed, indicator_key="partnership-manual", by=personas["staff"],
              data={"on": D(2025, 3, 1), "status": "met", "note": "Adopted."})
    again = _made(followed, personas)
    assert again.pk == first.pk and (again.pdf.name, again.xlsx.name, again.made_on) == made
    # In another language it is another report.
    french = services.report_request(strategy=followed, year=2025, language="fr",
                                     by=personas["staff"])
    assert french.pk != first.pk and _xlsx(french).sheetnames[0] == "Indicateurs"


def test_the_values_are_those_as_of_the_years_end(followed, personas, home, org_a):
    # Recorded in FY26, starting in FY26: it changes FY26, never the FY25 report.
    from hamwe.partners.tests.factories import OrganisationFactory

    partnership("Later research", [home, OrganisationFactory(sector="research")],
                created=D(2025, 9, 1), starts=D(2025, 10, 1))
    report = _made(followed, personas, year=2024)
    rows = {r[1]: r for r in ([c.value for c in row] for row in
                              _xlsx(report)["Indicators"].iter_rows(min_row=4))}
    # FY24 ended on 30 June 2024: the research partnership only (1 sector), on track.
    sd1 = rows["A partnership with a research institute and one with a private company."]
    assert sd1[2] == 1 and sd1[6] == "On track"
    history = _xlsx(report)["History"]
    assert [c.value for c in history[1]] == ["Indicator", "FY24"]


def test_a_year_not_ended_or_before_the_strategy_is_refused(followed, personas):
    from django.core.exceptions import ValidationError

    for year in (2026, 2020):
        with pytest.raises(ValidationError):
            _made(followed, personas, year=year)


def test_progress_is_shown_while_it_is_made(followed, personas):
    report = Report.objects.create(policy=followed.policy, year=2025, language="en",
                                   status=Report.Status.RUNNING, progress=40, step="values",
                                   requested_by=personas["staff"])
    client = client_for(personas["staff"])
    page = client.get(reverse("strategy:report", kwargs={"pk": report.pk})).content.decode()
    # Without JavaScript the page reloads itself; with it, htmx asks for the progress.
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert 'hx-trigger="every 2s"' in page and 'value="40"' in page
    assert "Computing every indicator as of the year&#x27;s end." in page
    part = client.get(reverse("strategy:report", kwargs={"pk": report.pk}),
                      HTTP_HX_REQUEST="true").content.decode()
    assert part.startswith('<div id="report-progress"') and "<html" not in part


def test_a_failed_report_says_so_and_may_be_asked_for_again(followed, personas, monkeypatch):
    from hamwe.strategy.reports import documents

    def broken(data):
        raise RuntimeError("Pango is missing")

    monkeypatch.setattr(documents, "report_pdf", broken)
    failed = _made(followed, personas)
    assert failed.status == Report.Status.FAILED and "Pango is missing" in failed.error
    monkeypatch.undo()
    again = _made(followed, personas)
    assert again.pk != failed.pk and again.status == Report.Status.DONE


def test_the_care_burundi_report_reads_like_one(live_policy, personas, today):
    load(CARE)
    from hamwe.strategy.policy import current_strategy
    from hamwe.strategy.reports import documents, selectors

    strategy = current_strategy("en")
    data = selectors.report_data(strategy, strategy.calendar.year(2016))
    html = documents.report_html(data)
    assert "Annual partnership performance report" in html and "FY16" in html
    assert "1 July 2015 – 30 June 2016" in html
    assert html.count('<span class="st st-') >= 12
    assert "This strategy&#x27;s period ended" not in html  # not yet, on 30 June 2016
