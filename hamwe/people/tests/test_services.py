"""The rules of appointments, evaluations and plans, in the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hamwe.people import selectors, services
from hamwe.people.models import Appointment, Rating

from .factories import appointment, rate_all, staff

pytestmark = pytest.mark.django_db


def test_a_key_position_is_held_by_a_user_or_a_named_person(personas, live_policy):
    admin = personas["admin"]
    with pytest.raises(ValidationError) as neither:
        appointment(by=admin)
    assert "name" in neither.value.message_dict
    with pytest.raises(ValidationError):
        appointment(by=admin, user=personas["staff"], name="Also a name")
    named = appointment(by=admin, name="Claude Bizimana")
    assert named.holder_name == "Claude Bizimana" and named.user is None


def test_only_positions_of_the_policy_and_home_staff(personas, live_policy):
    with pytest.raises(ValidationError) as unknown:
        appointment(by=personas["admin"], user=personas["staff"], position="chef")
    assert "position" in unknown.value.message_dict
    with pytest.raises(ValidationError) as partner:
        appointment(by=personas["admin"], user=personas["partner_a"])
    assert "user" in partner.value.message_dict


def test_overlapping_appointments_are_refused_and_history_is_kept(personas, live_policy):
    admin, person = personas["admin"], personas["staff"]
    first = appointment(by=admin, user=person, starts_on=datetime.date(2024, 1, 1))
    with pytest.raises(ValidationError):
        appointment(by=admin, user=person, starts_on=datetime.date(2024, 6, 1))
    services.appointment_end(appointment=first, by=admin, ends_on=datetime.date(2024, 12, 31),
                             expected_version=first.version)
    appointment(by=admin, user=person, starts_on=datetime.date(2025, 1, 1))
    assert Appointment.objects.filter(user=person).count() == 2
    assert list(selectors.key_position_holders(datetime.date(2024, 3, 1))) == [person]
    assert list(selectors.key_position_holders(datetime.date(2025, 3, 1))) == [person]
    assert list(selectors.key_position_holders(datetime.date(2023, 3, 1))) == []
    # Who ended it is in the audit trail.
    assert first.history.first().history_user == admin


def test_the_flow_self_manager_plan(personas, live_policy):
    person, manager = staff("Eric Hakizimana"), staff("Alice Ntakirutimana")
    held = appointment(by=personas["admin"], user=person, manager=manager)
    with pytest.raises(ValidationError):  # a colleague does not start it
        services.evaluation_start(by=personas["staff"], appointment=held, year=2025)
    evaluation = services.evaluation_start(by=manager, appointment=held, year=2025)
    assert evaluation.competencies == ["partnering"]
    with pytest.raises(ValidationError):
        services.evaluation_start(by=manager, appointment=held, year=2025)
    with pytest.raises(ValidationError):  # the manager does not self-assess for them
        services.self_assess(evaluation=evaluation, by=manager, ratings=rate_all(evaluation))
    with pytest.raises(ValidationError):  # every competency is rated
        services.self_assess(evaluation=evaluation, by=person, ratings=[])
    services.self_assess(evaluation=evaluation, by=person, ratings=rate_all(evaluation, 2))
    with pytest.raises(ValidationError):
        services.manager_assess(evaluation=evaluation, by=person, ratings=rate_all(evaluation))
    done = services.manager_assess(evaluation=evaluation, by=manager,
                                   ratings=rate_all(evaluation, 4))
    assert done.manager_mean == 4 and done.manager_done_on is not None
    assert set(Rating.objects.filter(evaluation=evaluation).values_list("by", "score")) == {
        ("self", 2), ("manager", 4)}
    with pytest.raises(ValidationError):  # closed
        services.self_assess(evaluation=evaluation, by=person, ratings=rate_all(evaluation))
    with pytest.raises(ValidationError):  # not a competency of it
        services.action_add(evaluation=evaluation, by=person, text="x",
                            due_on=datetime.date(2026, 1, 1), competency="other")
    services.action_add(evaluation=evaluation, by=person, text="Co-facilitate a review",
                        due_on=datetime.date(2026, 1, 1), competency="partnering")
    with pytest.raises(ValidationError):
        services.action_add(evaluation=evaluation, by=personas["staff"], text="x",
                            due_on=datetime.date(2026, 1, 1))


def test_not_evaluated_for_a_year_not_held(personas, live_policy):
    manager = staff("Alice Ntakirutimana")
    held = appointment(by=personas["admin"], user=personas["staff"], manager=manager,
                       starts_on=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError) as early:
        services.evaluation_start(by=manager, appointment=held, year=2022)
    assert "year" in early.value.message_dict
