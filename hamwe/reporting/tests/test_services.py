"""The rules of reports: periods from the policy's calendar, saving section by section,
submission as versions, variance explanations, decisions guarded against two reviewers,
the XLSX template read back all or nothing, and the lesson offered to the knowledge hub."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hamwe.core import registries
from hamwe.core.records import EditConflict
from hamwe.reporting import selectors, services
from hamwe.reporting.models import Report, Submission

from .factories import first_report, schedule_for, with_lines, workbook, written

DAY = datetime.date(2026, 1, 20)


@pytest.fixture
def narrative(partnership_a, org_a, personas):
    return first_report(schedule_for(partnership_a, org_a, "narrative", by=personas["staff"]))


@pytest.fixture
def financial(partnership_a, org_a, personas):
    return first_report(schedule_for(partnership_a, org_a, "financial", by=personas["staff"]))


def test_periods_come_from_the_policy_calendar(narrative):
    # The example pack's fiscal year starts in July: FY26 Q1 is July-September 2025.
    assert (narrative.year, narrative.quarter) == (2026, 1)
    assert narrative.period_start == datetime.date(2025, 7, 1)
    assert narrative.period_end == datetime.date(2025, 9, 30)
    assert narrative.due_on == datetime.date(2025, 10, 30)
    assert narrative.schedule.reports.count() == 4
    from hamwe.reporting.policy import period_label
    assert period_label(narrative) == "FY26 Q1"
    # A strategic partnership's template has four sections, in order.
    assert [s.key for s in narrative.sections.all()] == ["results", "challenges", "lessons",
                                                         "next"]


def test_reporting_organisation_must_be_a_party(partnership_a, org_b):
    with pytest.raises(ValidationError) as refused:
        schedule_for(partnership_a, org_b, "narrative")
    assert "organisation" in refused.value.message_dict


def test_a_section_is_saved_alone_and_never_over_a_newer_edit(narrative, personas):
    section = narrative.sections.get(key="results")
    services.section_save(section=section, text="First", expected_version=1,
                          by=personas["partner_a"])
    with pytest.raises(EditConflict):
        services.section_save(section=section, text="Stale", expected_version=1,
                              by=personas["partner_a"])
    section.refresh_from_db()
    assert section.text == "First"
    assert narrative.sections.exclude(key="results").filter(text="").count() == 3


def test_submission_needs_every_section_then_keeps_a_version(narrative, personas):
    with pytest.raises(ValidationError) as refused:
        services.report_submit(report=narrative, by=personas["partner_a"],
                               expected_version=narrative.version, today=DAY)
    assert "sections" in refused.value.message_dict
    written(narrative)
    submission = services.report_submit(report=narrative, by=personas["partner_a"],
                                        expected_version=narrative.version, today=DAY)
    narrative.refresh_from_db()
    assert (submission.number, narrative.status, narrative.submissions) == (
        1, Report.Status.SUBMITTED, 1)
    assert narrative.first_submitted_on == DAY
    assert dict(map(tuple, submission.content["sections"]))["lessons"].startswith("Forty")
    # Submitted, it is with the reviewers: the partner cannot change it.
    with pytest.raises(ValidationError):
        section = narrative.sections.first()
        services.section_save(section=section, text="x", expected_version=section.version,
                              by=personas["partner_a"])


def test_variance_above_the_threshold_needs_an_explanation(financial, personas):
    with pytest.raises(ValidationError) as refused:
        services.report_submit(report=financial, by=personas["partner_a"],
                               expected_version=financial.version)
    assert "lines" in refused.value.message_dict
    with_lines(financial)  # 1.1 is 5 % under (fine at 10 %), 1.2 is 40 % over
    with pytest.raises(ValidationError) as refused:
        services.report_submit(report=financial, by=personas["partner_a"],
                               expected_version=financial.version)
    assert list(refused.value.message_dict) == ["line-1.2"]
    services.settings_update(by=personas["admin"], variance_threshold=Decimal(50))
    services.report_submit(report=financial, by=personas["partner_a"],
                           expected_version=financial.version)
    assert services.totals(list(financial.lines.all()))["variance"] == Decimal(150)


def _submitted(report, personas):
    written(report)
    services.report_submit(report=report, by=personas["partner_a"],
                           expected_version=report.version, today=DAY)
    report.refresh_from_db()
    return report


def test_two_reviewers_never_overwrite_each_other(narrative, personas):
    report = _submitted(narrative, personas)
    seen = report.version
    services.report_decide(report=report, decision="approved", by=personas["staff"],
                           expected_version=seen, today=DAY)
    with pytest.raises(EditConflict):
        services.report_decide(report=report, decision="revision", note="More figures",
                               by=personas["admin"], expected_version=seen, today=DAY)
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
    assert report.approved_on == DAY


def test_revision_rounds_comments_and_the_difference(narrative, personas):
    report = _submitted(narrative, personas)
    section = report.sections.get(key="results")
    services.comment_add(report=report, by=personas["staff"], section=section,
                         text="Which groups?")
    report.refresh_from_db()
    assert report.status == Report.Status.IN_REVIEW and report.comments == 1
    services.report_decide(report=report, decision="revision", by=personas["staff"],
                           expected_version=report.version, today=DAY)
    section.refresh_from_db()
    services.section_save(section=section, text="Groups in Gitega and Ngozi.",
                          expected_version=section.version, by=personas["partner_a"])
    report.refresh_from_db()
    services.report_submit(report=report, by=personas["partner_a"],
                           expected_version=report.version, today=DAY)
    report.refresh_from_db()
    assert (report.submissions, report.rounds) == (2, 1)
    first, second = report.versions.order_by("number")
    assert first.decision == Submission.Decision.REVISION
    changes = selectors.difference(first, second)
    assert [c.what for c in changes] == ["Results against the partnership's objectives"]
    assert ("+", "Groups in Gitega and Ngozi.") in changes[0].rows


def test_a_comment_answer_stays_on_its_anchor(financial, personas):
    with_lines(financial)
    line = financial.lines.get(code="1.2")
    question = services.comment_add(report=financial, by=personas["staff"], line=line,
                                    text="Why over?")
    answer = services.comment_add(report=financial, by=personas["partner_a"],
                                  parent=question, text="Prices rose.")
    assert answer.line == line
    threads = selectors.thread(financial)
    assert threads[("line", line.pk)][0][1] == [answer]


def test_template_round_trip_and_refused_whole(financial, personas):
    good = workbook([("1.1", "Facilitators", 1000, 950, 1000, 950, ""),
                     ("1.2", "Training", "500,00", 520, 500, 520, "")])
    lines = services.budget_import(report=financial, data=good, by=personas["partner_a"])
    assert [(line.code, line.budget) for line in lines] == [
        ("1.1", Decimal("1000.00")), ("1.2", Decimal("500.00"))]
    bad = workbook([("2.1", "Rent", "=B3*2", 10, 10, 10, ""),
                    ("2.1", "", "abc", -5, 10, 10, "")])
    with pytest.raises(services.ImportRefused) as refused:
        services.budget_import(report=financial, data=bad, by=personas["partner_a"])
    problems = {(row, column) for row, column, _ in refused.value.problems}
    assert {(2, "C"), (3, "A"), (3, "B"), (3, "C"), (3, "D")} <= problems
    # Nothing of the broken workbook was kept.
    assert list(financial.lines.values_list("code", flat=True)) == ["1.1", "1.2"]


def test_quality_figures_both_ways(narrative, personas):
    report = _submitted(narrative, personas)
    services.comment_add(report=report, by=personas["staff"], text="Add the figures.")
    report.refresh_from_db()
    services.report_decide(report=report, decision="revision", by=personas["staff"],
                           expected_version=report.version, today=DAY + datetime.timedelta(3))
    report.refresh_from_db()
    services.report_submit(report=report, by=personas["partner_a"],
                           expected_version=report.version, today=DAY + datetime.timedelta(5))
    report.refresh_from_db()
    services.report_decide(report=report, decision="approved", by=personas["staff"],
                           expected_version=report.version, today=DAY + datetime.timedelta(6))
    [figures] = selectors.quality(today=DAY)
    assert figures["rounds"] == 1 and figures["first_time"] == 0
    assert figures["days_to_approval"] == 6
    assert figures["review_days"] == 2  # 3 days, then 1
    assert figures["on_time"] == 0  # due 30 October 2025, first sent 20 January 2026

    from hamwe.policy.measures import compute
    result = compute("report-feedback-rounds", {"report_type": "narrative"},
                     as_of=datetime.date(2026, 3, 1))
    assert result.value == 1 and result.detail["reports"] == 1


def test_responsibility_share(partnership_a, personas):
    services.responsibility_set(partnership=partnership_a, year=2026, by=personas["staff"],
                                data={"planning": "partner", "monitoring": "joint",
                                      "donors": "home", "reporting": "partner"})
    from hamwe.policy.measures import compute
    result = compute("partner-responsibility-share", as_of=datetime.date(2026, 3, 1))
    assert result.value == 50.0 and result.detail["joint"] == 1


def test_a_lesson_is_offered_to_the_knowledge_hub(narrative, personas, monkeypatch):
    received = []
    monkeypatch.setattr(registries, "_LESSON_RECEIVER", [])
    registries.receives_lessons(lambda lesson, *, by: received.append(lesson) or "/k/1/")
    section = narrative.sections.get(key="lessons")
    services.section_save(section=section, text="- Meet on market days\n- Train treasurers",
                          expected_version=section.version, by=personas["partner_a"])
    section.refresh_from_db()
    url = services.lesson_offer(section=section, index=1, by=personas["partner_a"])
    assert url == "/k/1/"
    assert received[0].text == "Train treasurers"
    assert received[0].source == f"report-section:{section.pk}:1"
