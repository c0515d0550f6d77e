"""The pages: the partner writes section by section and submits, staff comment on a
budget line and request a revision, the partner resubmits, staff approve; the rounds
figure moves and the difference between versions is shown. The board holds a fixed
number of queries at 100,000 reports; outsiders are refused."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils.html import escape

from hamwe.conftest import client_for
from hamwe.reporting.models import Report

from .factories import first_report, schedule_for, workbook


@pytest.fixture
def reports(partnership_a, org_a, personas):
    staff = personas["staff"]
    return (first_report(schedule_for(partnership_a, org_a, "narrative", by=staff)),
            first_report(schedule_for(partnership_a, org_a, "financial", by=staff)))


def _version(report):
    return Report.objects.get(pk=report.pk).version


def test_the_review_journey(reports, personas):
    narrative, financial = reports
    partner, staff = client_for(personas["partner_a"]), client_for(personas["staff"])
    url = reverse("reporting:report", args=[narrative.pk])
    page = partner.get(url)
    assert page.status_code == 200 and b"Save this section" in page.content
    for section in narrative.sections.all():
        answer = partner.post(reverse("reporting:section", args=[narrative.pk, section.pk]),
                              {f"s{section.pk}-text": f"Done in Gitega ({section.key})",
                               f"s{section.pk}-version": section.version})
        assert answer.status_code == 302
    assert partner.post(reverse("reporting:submit", args=[narrative.pk]),
                        {"version": _version(narrative)}).status_code == 302

    # The financial report: its lines from the template, filled offline.
    template = partner.get(reverse("reporting:template", args=[financial.pk]))
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    filled = workbook([("1.1", "Facilitators", 1000, 1300, 1000, 1300, "")])
    from django.core.files.uploadedfile import SimpleUploadedFile
    answer = partner.post(reverse("reporting:upload", args=[financial.pk]),
                          {"file": SimpleUploadedFile("budget.xlsx", filled)})
    assert answer.status_code == 302
    refused = partner.post(reverse("reporting:submit", args=[financial.pk]),
                           {"version": _version(financial)})
    assert refused.status_code == 400 and b"explain the variance" in refused.content
    line = financial.lines.get()
    partner.post(reverse("reporting:line", args=[financial.pk, line.pk]), {
        f"l{line.pk}-{k}": v for k, v in {
            "code": "1.1", "label": "Facilitators", "budget": "1000", "actual": "1300",
            "budget_to_date": "1000", "actual_to_date": "1300",
            "explanation": "Two more facilitators", "version": line.version}.items()})
    assert partner.post(reverse("reporting:submit", args=[financial.pk]),
                        {"version": _version(financial)}).status_code == 302

    # Staff comment on the budget line and request a revision.
    staff.post(reverse("reporting:comment", args=[financial.pk]),
               {"text": "Which budget pays for them?", "line": line.pk})
    assert staff.post(reverse("reporting:decide", args=[financial.pk]), {
        "decision": "revision", "note": "", "version": _version(financial)}).status_code == 302
    financial.refresh_from_db()
    assert financial.status == "revision"
    page = partner.get(reverse("reporting:report", args=[financial.pk]))
    assert b"Which budget pays for them?" in page.content
    line.refresh_from_db()
    partner.post(reverse("reporting:line", args=[financial.pk, line.pk]), {
        f"l{line.pk}-{k}": v for k, v in {
            "code": "1.1", "label": "Facilitators", "budget": "1000", "actual": "1300",
            "budget_to_date": "1000", "actual_to_date": "1300",
            "explanation": "Two more facilitators, from savings on training",
            "version": line.version}.items()})
    partner.post(reverse("reporting:submit", args=[financial.pk]),
                 {"version": _version(financial)})
    assert staff.post(reverse("reporting:decide", args=[financial.pk]), {
        "decision": "approved", "version": _version(financial)}).status_code == 302
    financial.refresh_from_db()
    assert (financial.status, financial.rounds) == ("approved", 1)
    diff = staff.get(reverse("reporting:version", args=[financial.pk, 2]))
    assert b"from savings on training" in diff.content and b'class="del"' in diff.content
    quality = staff.get(reverse("reporting:quality"))
    assert quality.status_code == 200 and b"<svg" in quality.content
    for fmt in ("xlsx", "pdf"):
        assert staff.get(reverse("reporting:export", args=[financial.pk, fmt])).status_code == 200


def test_a_broken_upload_is_refused_whole_with_rows_and_columns(reports, personas):
    _, financial = reports
    from django.core.files.uploadedfile import SimpleUploadedFile
    bad = workbook([("1.1", "Rent", "=C3", 1, 1, 1, ""), ("", "Fuel", 5, "lots", 5, 5, "")])
    answer = client_for(personas["partner_a"]).post(
        reverse("reporting:upload", args=[financial.pk]),
        {"file": SimpleUploadedFile("budget.xlsx", bad)})
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "Row 2, column C" in text and "Row 3, column A" in text and "Row 3, column D" in text
    assert not financial.lines.exists()


def test_outsiders_are_refused(reports, personas):
    narrative, _ = reports
    url = reverse("reporting:report", args=[narrative.pk])
    assert client_for(personas["partner_b"]).get(url).status_code == 404
    assert client_for(personas["viewer"]).get(url).status_code == 200
    section = narrative.sections.first()
    answer = client_for(personas["viewer"]).post(
        reverse("reporting:section", args=[narrative.pk, section.pk]),
        {f"s{section.pk}-text": "x", f"s{section.pk}-version": 1})
    assert answer.status_code == 403
    board = client_for(personas["partner_b"]).get(reverse("reporting:board"))
    assert b"Alpha" not in board.content


def test_the_board_at_100000_reports(reports, personas, django_assert_max_num_queries):
    narrative, _ = reports
    rows = []
    day = datetime.date(2020, 1, 1)
    fields = {f.attname: getattr(narrative, f.attname) for f in Report._meta.concrete_fields
              if f.name not in ("id", "year", "quarter")}
    for n in range(100_000):
        # Years far from the fixture's own reports (one per schedule and period).
        rows.append(Report(**{**fields, "year": 3000 + n // 4, "quarter": n % 4 + 1,
                              "status": ("due", "approved", "submitted")[n % 3],
                              "due_on": day + datetime.timedelta(days=n % 2000)}))
    Report.objects.bulk_create(rows, batch_size=5000)
    client = client_for(personas["staff"])
    # Session and user; the counts by status (one aggregate); the live policy (the
    # periods' names); the page's rows. The navigation's due count is fetched later.
    started = time.perf_counter()
    with django_assert_max_num_queries(5):
        page = client.get(reverse("reporting:board") + "?status=late")
    print(f"board at 100,000 reports: {1000 * (time.perf_counter() - started):.0f} ms")
    assert page.status_code == 200
    assert page.context["counts"]["approved"] == 33_333


def _approved(report, personas, *, sent, decided):
    """A report written, submitted on `sent` and approved on `decided`."""
    from hamwe.reporting import services

    from .factories import written

    report = written(report)
    services.report_submit(report=report, by=personas["partner_a"],
                           expected_version=report.version, today=sent)
    report.refresh_from_db()
    services.report_decide(report=report, decision="approved", by=personas["staff"],
                           expected_version=report.version, today=decided)
    return report


def test_a_partner_sees_the_quality_of_its_own_reports_and_the_home_review_time(
        reports, personas, org_b, django_assert_max_num_queries):
    from hamwe.partners.tests.factories import OrganisationFactory
    from hamwe.partnerships.tests.factories import PartnershipFactory, in_role

    narrative, _ = reports
    _approved(narrative, personas, sent=datetime.date(2026, 1, 20),
              decided=datetime.date(2026, 1, 24))
    partnership_b = PartnershipFactory(title="Radio for youth", kind="strategic",
                                       parties=[in_role(org_b, "implementing"),
                                                in_role(OrganisationFactory(), "knowledge")])
    other = first_report(schedule_for(partnership_b, org_b, "narrative", by=personas["staff"]))
    _approved(other, personas | {"partner_a": personas["partner_b"]},
              sent=datetime.date(2026, 1, 20), decided=datetime.date(2026, 2, 9))
    url = reverse("reporting:quality")

    partner = client_for(personas["partner_a"])
    with django_assert_max_num_queries(12):
        page = partner.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert escape(narrative.organisation.name) in html and org_b.name not in html
    assert "Home organisation's review days" in html and ">4.0<" in html
    assert ">20.0<" not in html  # B's review time is B's
    # Asking for another organisation's figures gives one's own.
    assert org_b.name not in partner.get(url, {"organisation": org_b.pk}).content.decode()
    board = partner.get(reverse("reporting:board")).content.decode()
    assert "The quality of our reports" in board

    home = client_for(personas["viewer"]).get(url).content.decode()
    assert escape(narrative.organisation.name) in home and org_b.name in home and ">20.0<" in home
    assert client_for(personas["no_role"]).get(url).status_code in (302, 403)
