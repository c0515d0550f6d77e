"""Score-card rules in one home: an action a partner owns names that partner (the model),
and that partner was invited to the round (the service)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.scorecards.followup import services
from hamwe.scorecards.models import Action

pytestmark = pytest.mark.django_db
DUE = datetime.date(2026, 6, 30)


def test_a_partner_action_names_its_owner(round_a, personas):
    with pytest.raises(ValidationError) as refused:
        services.action_add(round_=round_a, by=personas["staff"], text="Share the budget",
                            owner="partner", due_on=DUE)
    assert refused.value.message_dict["owner_organisation"] == [
        "Name the partner organisation that owns the action."
    ]


def test_the_owner_was_invited_to_the_round(round_a, personas):
    stranger = OrganisationFactory()
    with pytest.raises(ValidationError) as refused:
        services.action_add(round_=round_a, by=personas["staff"], text="Share the budget",
                            owner="partner", owner_organisation=stranger, due_on=DUE)
    assert "owner_organisation" in refused.value.message_dict


def test_a_home_action_has_no_owner_organisation(round_a, personas, org_a):
    action = services.action_add(round_=round_a, by=personas["staff"], text="Pay on time",
                                 owner="home", owner_organisation=org_a, due_on=DUE)
    assert action.owner_organisation is None


def test_the_database_holds_the_owner_rule_too(round_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(round=round_a, text="x", owner="partner", due_on=DUE)


def test_an_answer_with_a_reason_longer_than_any_page_shows_is_refused(round_a, personas):
    from hamwe.core.models import SHORT_TEXT
    from hamwe.scorecards.models import Answer, Invitation
    from hamwe.scorecards.rounds import services as rounds

    round_a.refresh_from_db()
    partner = personas["partner_a"]
    if not Invitation.objects.filter(round=round_a, user=partner).exists():
        rounds.invite(round_=round_a, by=personas["staff"], users=[partner])
    indicator = round_a.indicators.first()
    answers = Answer.objects.filter(round=round_a).count()
    with pytest.raises(ValidationError) as refused:
        rounds.answer_submit(round_=round_a, user=partner, scores=[{
            "indicator": indicator.pk, "score": round_a.scale_max,
            "reason": "x" * (SHORT_TEXT + 1)}])
    assert "within 2000 characters" in str(refused.value)
    assert Answer.objects.filter(round=round_a).count() == answers
    assert not Invitation.objects.get(round=round_a, user=partner).used
