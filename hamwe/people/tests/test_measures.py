"""The measures of people, as the strategy reads them."""

import datetime

import pytest
from django.utils import timezone

from hamwe.people import services
from hamwe.people.policy import fiscal_calendar
from hamwe.policy.measures import compute

from .factories import appointment, rate_all, staff

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 12, 31)


def _evaluated(admin, score, *, year=2025, done_on=datetime.date(2025, 11, 1)):
    manager = staff(f"Manager {score}{year}")
    held = appointment(by=admin, user=staff(f"Holder {score}{year}"), manager=manager)
    evaluation = services.evaluation_start(by=manager, appointment=held, year=year)
    services.manager_assess(evaluation=evaluation, by=manager, ratings=rate_all(evaluation, score),
                            on=done_on)
    return evaluation


def test_key_positions_evaluated_counts_positive_latest_evaluations(personas, live_policy,
                                                                    django_assert_max_num_queries):
    admin = personas["admin"]
    _evaluated(admin, 4)
    _evaluated(admin, 2)
    appointment(by=admin, user=staff("Not Evaluated"))
    with django_assert_max_num_queries(1):  # one aggregate query
        result = compute("key-positions-evaluated", as_of=DAY)
    assert result.value == pytest.approx(33.3) and result.unit == "%"
    assert result.detail == {"holders": 3, "evaluated": 2, "positive": 1, "positive_from": 3}
    assert result.rows == ()  # never who was evaluated how
    # The policy may name another threshold.
    assert compute("key-positions-evaluated", {"positive_from": 2}, as_of=DAY).value == \
        pytest.approx(66.7)
    # Before the manager completed them, none counted.
    assert compute("key-positions-evaluated", as_of=datetime.date(2025, 10, 1)).value == 0


def test_the_supporting_measures(personas, live_policy):
    admin = personas["admin"]
    evaluation = _evaluated(admin, 3)
    appointment(by=admin, name="Claude Bizimana")
    this_year = fiscal_calendar().year_of(timezone.localdate())
    assert compute("key-positions-with-competencies", as_of=DAY).value == 1
    assert compute("key-position-staff-evaluated", as_of=DAY).detail["evaluated"] == 1
    assert compute("development-plans-in-place", as_of=DAY).value == 0
    recent = services.evaluation_start(by=admin, appointment=evaluation.appointment,
                                       year=this_year)
    services.action_add(evaluation=recent, by=admin, text="Co-facilitate",
                        due_on=datetime.date(2026, 3, 1))
    assert compute("development-plans-in-place", as_of=timezone.localdate()).value == 50
    # An action of an evaluation two years back is no plan in place.
    services.action_add(evaluation=evaluation, by=admin, text="Old", due_on=DAY)
    assert compute("development-plans-in-place", as_of=timezone.localdate()).detail[
        "planned"] == 1


def test_key_position_holders_on_a_day(personas, live_policy):
    from hamwe.people.selectors import key_position_holders

    person = staff("Eric Hakizimana")
    appointment(by=personas["admin"], user=person, starts_on=datetime.date(2025, 1, 1),
                ends_on=datetime.date(2025, 6, 30))
    assert list(key_position_holders(datetime.date(2025, 3, 1))) == [person]
    assert list(key_position_holders(datetime.date(2025, 7, 1))) == []
