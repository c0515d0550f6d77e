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
