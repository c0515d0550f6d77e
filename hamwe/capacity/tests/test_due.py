"""What is due in capacity: each side is asked what it owns, and partner B nothing of A's."""

import datetime

import pytest

from hamwe.core.registries import due_for

from ..assessments import services
from ..models import Action
from .factories import assessment

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def _kinds(user, only=("capacity-actions", "capacity-assessments")):
    return [(item.kind, item.title) for item in due_for(user, today=TODAY, only=only)]


def test_each_side_is_asked_what_it_owns(org_a, personas, live_policy,
                                         django_assert_max_num_queries):
    made = assessment(org_a, by=personas["partner_a"], mode="self")
    Action.objects.create(organisation=org_a, title="Write the finance manual",
                          owner="partner", due_on=TODAY + datetime.timedelta(days=5))
    Action.objects.create(organisation=org_a, title="Train the treasurer", owner="home",
                          due_on=TODAY - datetime.timedelta(days=2))
    Action.objects.create(organisation=org_a, title="Later", owner="home",
                          due_on=TODAY + datetime.timedelta(days=60))
    partner = _kinds(personas["partner_a"])
    assert ("capacity-actions", "Strengthening action: Write the finance manual") in partner
    assert not any("Train the treasurer" in title for _, title in partner)
    assert any(kind == "capacity-assessments" for kind, _ in partner)
    # One query each: the actions, the assessments.
    with django_assert_max_num_queries(2):
        staff = _kinds(personas["staff"])
    assert staff == [("capacity-actions", "Strengthening action: Train the treasurer")]
    services.score_set(assessment=made, criterion="monitoring", side="self", level=2,
                       by=personas["partner_a"])
    services.score_set(assessment=made, criterion="internal-control", side="self", level=2,
                       by=personas["partner_a"])
    services.self_submit(assessment=made, by=personas["partner_a"], today=TODAY)
    assert any(kind == "capacity-assessments" for kind, _ in _kinds(personas["staff"]))
    assert _kinds(personas["partner_b"]) == []


def test_the_organisation_page_has_the_section_for_those_who_may(org_a, personas,
                                                                  live_policy):
    from hamwe.conftest import client_for

    assessment(org_a, by=personas["staff"])
    page = client_for(personas["partner_a"]).get(f"/partners/{org_a.pk}/").content.decode()
    assert f"/capacity/organisations/{org_a.pk}/passport/" in page
    page = client_for(personas["partner_b"]).get(f"/partners/{org_a.pk}/").content.decode()
    assert "/passport/" not in page
