"""The partnership record's rules, each in one home (the model or the service), asked
directly and through the API: a page and the API cannot disagree about what is valid."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.partnerships.models import Contribution, Partnership
from hamwe.partnerships.records import services

pytestmark = pytest.mark.django_db

JAN, DEC = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_partnership_does_not_end_before_it_starts(personas, partnership_a):
    with pytest.raises(ValidationError) as refused:
        services.partnership_update(
            partnership=partnership_a, by=personas["staff"],
            data={"starts_on": DEC, "ends_on": JAN}, expected_version=partnership_a.version,
        )
    assert refused.value.message_dict["ends_on"] == ["The end comes before the start."]


def test_the_api_refuses_an_end_before_the_start(personas, partnership_a):
    response = api(personas["staff"]).patch(
        f"/api/v1/partnerships/{partnership_a.pk}/",
        {"starts_on": "2026-12-31", "ends_on": "2026-01-01", "version": partnership_a.version},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["ends_on"] == ["The end comes before the start."]
    partnership_a.refresh_from_db()
    assert partnership_a.ends_on is None


def test_the_database_holds_the_dates_too(partnership_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.filter(pk=partnership_a.pk).update(starts_on=DEC, ends_on=JAN)


def test_a_contribution_is_not_negative_and_its_currency_is_a_code(personas, partnership_a):
    party = partnership_a.parties.first()
    with pytest.raises(ValidationError) as refused:
        services.contribution_add(
            party=party, by=personas["staff"],
            data={"kind": "money", "description": "Cash", "estimated_value": -5,
                  "currency": "zz"},
        )
    assert set(refused.value.message_dict) == {"estimated_value", "currency"}
    kept = services.contribution_add(
        party=party, by=personas["staff"],
        data={"kind": "money", "description": "Cash", "estimated_value": 5, "currency": "usd"},
    )
    assert kept.currency == "USD"


def test_the_api_refuses_a_negative_contribution_in_no_currency(personas, partnership_a):
    party = partnership_a.parties.first()
    before = Contribution.objects.count()
    response = api(personas["staff"]).post(
        "/api/v1/contributions/",
        {"party": party.pk, "kind": "money", "description": "Cash", "estimated_value": "-5",
         "currency": "zz"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["estimated_value"] == ["A value cannot be negative."]
    assert body["currency"] == ["Three letters, e.g. BIF, USD, EUR."]
    assert Contribution.objects.count() == before


def test_a_value_says_its_currency(personas, partnership_a):
    with pytest.raises(ValidationError) as refused:
        services.contribution_add(
            party=partnership_a.parties.first(), by=personas["staff"],
            data={"kind": "money", "description": "Cash", "estimated_value": 5, "currency": ""},
        )
    assert refused.value.message_dict["currency"] == ["Say which currency the value is in."]


def test_the_database_holds_the_contribution_rules_too(partnership_a):
    party = partnership_a.parties.first()
    for value, currency in ((-1, "BIF"), (1, "bif"), (1, "BI")):
        with pytest.raises(IntegrityError), transaction.atomic():
            Contribution.objects.create(
                party=party, kind="money", description="x", estimated_value=value,
                currency=currency,
            )


def test_an_organisation_is_a_party_once_with_a_clear_error(personas, partnership_a, org_a):
    with pytest.raises(ValidationError) as refused:
        services.party_add(
            partnership=partnership_a, by=personas["staff"],
            data={"organisation": org_a, "role": "funding"},
        )
    assert refused.value.message_dict["organisation"] == ["This organisation is already a party."]


def test_a_new_partnership_names_each_organisation_once(personas, live_policy, org_a):
    other = OrganisationFactory()
    parties = [{"organisation": org_a, "role": "lead"}, {"organisation": org_a, "role": "funding"},
               {"organisation": other, "role": "implementing"}]
    with pytest.raises(ValidationError) as refused:
        services.partnership_create(
            by=personas["staff"], data={"title": "Twice", "kind": "strategic"}, parties=parties
        )
    assert "only once" in refused.value.message_dict["parties"][0]


def test_the_api_says_the_same_about_a_party_named_twice(personas, live_policy, org_a):
    response = api(personas["staff"]).post(
        "/api/v1/partnerships/",
        {"title": "Twice", "kind": "strategic",
         "parties": [{"organisation": org_a.pk, "role": "lead"},
                     {"organisation": org_a.pk, "role": "funding"}]},
        format="json",
    )
    assert response.status_code == 400
    assert "only once" in response.json()["parties"][0]
