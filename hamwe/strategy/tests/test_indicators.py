"""Indicators: their value, status and history per fiscal year, from the measures and the
entries; past years stored once."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hamwe.strategy.indicators import selectors
from hamwe.strategy.indicators import status as judging
from hamwe.strategy.indicators.services import entry_add
from hamwe.strategy.models import Snapshot
from hamwe.strategy.policy import current_strategy

from .conftest import CARE, TODAY, load

D = datetime.date


def _by_key(evaluations):
    return {e.indicator.key: e for e in evaluations}


def test_each_indicator_its_value_status_and_history_named_by_the_policy(followed, personas):
    found = _by_key(selectors.evaluate(followed, today=TODAY, fill="now"))
    sd1 = found["research-private-partnerships"]
    assert sd1.value == 2 and sd1.status.code == judging.MET
    assert sd1.status.reason == "2 against a target of ≥ 2: met."
    # FY24 (July 2023 - June 2024): the research partnership runs since January 2024,
    # the company was not recorded yet: 1 of 2 sectors, on 30 June 2024 when a steady
    # pace from July 2023 to June 2026 would be at 2 x 1/3 = 0.7: on track. FY25: the
    # company is being scoped since May 2025: 2, met. FY26 (so far): 2, met.
    assert [(p.label, p.value, p.status.code, p.current) for p in sd1.history] == [
        ("FY24", 1, judging.ON_TRACK, False), ("FY25", 2, judging.MET, False),
        ("FY26", 2, judging.MET, True)]
    high = found["high-grades"]
    assert high.value == 0 and high.status.code == judging.AT_RISK
    assert "no better than in FY25" in high.status.reason
    manual = found["partnership-manual"]
    assert manual.value is None and manual.status.code == judging.UNKNOWN
    assert manual.status.reason.startswith("No entry yet")


def test_past_years_are_computed_once_and_kept(followed, django_assert_max_num_queries):
    selectors.evaluate(followed, today=TODAY, fill="now")
    # Two measures (SD1's and SD2's), two years that have ended.
    assert Snapshot.objects.count() == 4
    stored = Snapshot.objects.get(as_of=D(2024, 6, 30), fingerprint__startswith="active")
    stored.result = {**stored.result, "value": 99}
    stored.save()
    again = _by_key(selectors.evaluate(followed, today=TODAY, fill="now"))
    # The stored value is read back as stored: a past year is not computed again.
    assert again["research-private-partnerships"].history[0].value == 99
    assert Snapshot.objects.count() == 4


def test_a_missing_past_year_is_left_to_the_background_task(followed, monkeypatch):
    asked = []
    monkeypatch.setattr(selectors, "_fill_later", lambda policy: asked.append(policy.pk))
    found = _by_key(selectors.evaluate(followed, today=TODAY, fill="later"))
    points = found["research-private-partnerships"].history
    assert [p.missing for p in points] == [True, True, False]
    assert points[0].status.reason.startswith("Being computed")
    assert asked and not Snapshot.objects.exists()


def test_the_fill_task_stores_every_ended_year(followed):
    from hamwe.strategy.tasks import fill_snapshots

    fill_snapshots.enqueue(followed.policy.pk)  # tests run tasks at once
    # SD1's measure, its supporting measure and SD2's, for FY24 and FY25.
    assert Snapshot.objects.count() == 6


def test_a_manual_indicator_takes_its_latest_entry_by_day(followed, personas):
    staff = personas["staff"]
    entry_add(strategy=followed, indicator_key="partnership-manual", by=staff, data={
        "on": D(2024, 9, 1), "status": "at_risk", "note": "First draft only."})
    entry_add(strategy=followed, indicator_key="partnership-manual", by=staff, data={
        "on": D(2025, 2, 1), "status": "met", "note": "Adopted by the board."})
    manual = _by_key(selectors.evaluate(followed, today=TODAY, fill="now"))[
        "partnership-manual"]
    assert manual.entered and manual.status.code == judging.MET
    assert manual.status.reason == (f"Met, as {staff.full_name} judged it on the evidence, "
                                    "on 1 February 2025.")
    # FY24 ended before any entry; FY25 holds the February one; FY26 still does.
    assert [p.status.code for p in manual.history] == [
        judging.UNKNOWN, judging.MET, judging.MET]


def test_entries_follow_the_rules_of_the_indicator(followed, personas):
    staff = personas["staff"]
    with pytest.raises(ValidationError) as refused:
        entry_add(strategy=followed, indicator_key="partnership-manual", by=staff,
                  data={"on": D(2025, 1, 1), "note": "No value"})
    assert "value" in refused.value.message_dict
    with pytest.raises(ValidationError, match="Its measure computes"):
        entry_add(strategy=followed, indicator_key="research-private-partnerships",
                  by=staff, data={"on": D(2025, 1, 1), "value": 3})
    with pytest.raises(ValidationError, match="no such indicator"):
        entry_add(strategy=followed, indicator_key="nothing", by=staff,
                  data={"on": D(2025, 1, 1), "status": "met"})
    with pytest.raises(ValidationError) as future:
        entry_add(strategy=followed, indicator_key="partnership-manual", by=staff,
                  data={"on": datetime.date.today() + datetime.timedelta(days=3),
                        "status": "met"})
    assert "on" in future.value.message_dict
    # Evidence only, beside a computed value.
    entry = entry_add(strategy=followed, indicator_key="research-private-partnerships",
                      by=staff, data={"on": D(2025, 1, 1), "note": "Signed statement"})
    assert entry.value is None and entry.entered_by == staff


@pytest.mark.usefixtures("without_capacity_and_knowledge")
def test_a_measure_not_in_place_says_which_module_it_needs(live_policy, today):
    load(CARE)
    found = _by_key(selectors.evaluate(current_strategy(), today=TODAY, fill="now"))
    capacity = found["partners-improve-capacity"]
    assert capacity.status.code == judging.UNKNOWN
    assert capacity.status.reason == (
        "Not measurable yet: needs the capacity assessments module.")
    assert found["knowledge-management-system"].status.reason.endswith(
        "needs the knowledge management module.")
