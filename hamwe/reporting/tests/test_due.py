"""What is due: a report from `remind_days` before its due date, every day after it
until submitted, again when sent back; reports to review for home staff; the gate fact
"report approved"; the organisation page's section."""

import datetime

from hamwe.core.registries import due_for
from hamwe.policy.facts import implementation
from hamwe.reporting import services

from .factories import first_report, schedule_for, written

DUE = datetime.date(2025, 10, 30)  # FY26 Q1's report, 30 days after 30 September


def _kinds(user, today):
    return [(i.kind, i.due_on) for i in due_for(user, today=today,
                                                only=["reports-to-write", "reports-to-review"])]


def test_reminders_before_and_after_the_due_date(partnership_a, org_a, personas):
    report = first_report(schedule_for(partnership_a, org_a, "narrative"))
    partner = personas["partner_a"]
    assert _kinds(partner, DUE - datetime.timedelta(days=8)) == []
    assert _kinds(partner, DUE - datetime.timedelta(days=7)) == [("reports-to-write", DUE)]
    late = due_for(partner, today=DUE + datetime.timedelta(days=20), only=["reports-to-write"])
    assert late[0].overdue and "narrative report for FY26 Q1" in late[0].title
    assert _kinds(personas["partner_b"], DUE) == []  # not B's report
    written(report)
    services.report_submit(report=report, by=partner, expected_version=report.version)
    assert ("reports-to-write", DUE) not in _kinds(partner, DUE)
    assert _kinds(personas["staff"], DUE) == [("reports-to-review", None)]
    assert _kinds(personas["viewer"], DUE) == []


def test_the_gate_fact_report_approved(partnership_a, org_a, personas):
    fact = implementation("report-approved")
    assert fact(partnership_a, stage="x", pack=None).holds  # nothing due, nothing waits
    report = first_report(schedule_for(partnership_a, org_a, "narrative", year=2020))
    assert not fact(partnership_a, stage="x", pack=None).holds
    written(report)
    services.report_submit(report=report, by=personas["partner_a"],
                           expected_version=report.version)
    report.refresh_from_db()
    services.report_decide(report=report, decision="approved", by=personas["staff"],
                           expected_version=report.version)
    # The year's other three quarters are due too, and not approved.
    finding = fact(partnership_a, stage="x", pack=None)
    assert not finding.holds and "3 of the reports" in finding.because
    for other in report.schedule.reports.exclude(pk=report.pk):
        written(other)
        services.report_submit(report=other, by=personas["partner_a"],
                               expected_version=other.version)
        other.refresh_from_db()
        services.report_decide(report=other, decision="approved", by=personas["staff"],
                               expected_version=other.version)
    assert fact(partnership_a, stage="x", pack=None).holds


def test_the_organisation_page_shows_its_reports(partnership_a, org_a, personas):
    from django.urls import reverse

    from hamwe.conftest import client_for

    schedule_for(partnership_a, org_a, "financial")
    url = reverse("partners:detail", args=[org_a.pk])
    page = client_for(personas["staff"]).get(url)
    assert b'id="reports"' in page.content or b"FY26 Q1" in page.content
    other = client_for(personas["partner_b"]).get(url)
    assert b"FY26 Q1" not in other.content
