"""The reports API under the access rule: A's reports for A and home users, never B."""

from django.urls import reverse

from hamwe.conftest import client_for

from .factories import first_report, schedule_for, written


def test_reports_read_under_the_rule(partnership_a, org_a, personas,
                                     django_assert_max_num_queries):
    report = written(first_report(schedule_for(partnership_a, org_a, "narrative")))
    url = reverse("v1:reporting-report-list")
    client = client_for(personas["partner_a"])
    # Session and user; the count; the page of reports; their sections; their lines;
    # the live policy (the periods' names, once for the list).
    with django_assert_max_num_queries(7):
        answer = client.get(url)
    rows = answer.json()["results"]
    assert {r["id"] for r in rows} >= {report.pk}
    assert rows[-1]["period"] == "FY26 Q1" and rows[-1]["sections"][0]["key"] == "results"
    assert client_for(personas["partner_b"]).get(url).json()["results"] == []
    detail = reverse("v1:reporting-report-detail", args=[report.pk])
    assert client_for(personas["partner_b"]).get(detail).status_code == 404
    assert client_for(personas["viewer"]).get(detail).json()["status"] == "due"
