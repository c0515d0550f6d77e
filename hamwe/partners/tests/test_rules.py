"""The registry's rules, each in one home (the model or the service), asked directly and
through the API: a page and the API cannot disagree about what is valid."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from hamwe.partners import services
from hamwe.partners.models import Contact, Organisation, Province

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_province_belongs_to_the_chosen_country(personas, org_a):
    gitega = Province.objects.get(code="BI-GI")
    with pytest.raises(ValidationError) as refused:
        services.organisation_update(
            organisation=org_a, by=personas["staff"],
            data={"country": "SE", "province": gitega}, expected_version=org_a.version,
        )
    assert "province" in refused.value.message_dict
    org_a.refresh_from_db()
    assert org_a.country.code == "BI"


def test_the_api_refuses_a_swedish_organisation_in_a_burundian_province(personas, org_a):
    response = api(personas["staff"]).patch(
        f"/api/v1/organisations/{org_a.pk}/",
        {"country": "SE", "version": org_a.version}, format="json",
    )
    assert response.status_code == 400
    assert response.json()["province"] == ["This province is not in the chosen country."]


def test_one_name_however_it_is_spaced_or_cased(personas, org_a):
    with pytest.raises(ValidationError) as refused:
        services.organisation_create(
            by=personas["staff"],
            data={"name": "  ALPHA women's   savings network ", "sector": "cso"},
        )
    assert refused.value.message_dict["name"] == [
        "An organisation with this name is already in the registry."
    ]


def test_the_iati_type_defaults_from_the_sector(personas):
    research = services.organisation_create(
        by=personas["staff"], data={"name": "Institut des sciences", "sector": "research"}
    )
    assert research.iati_type == 80
    chosen = services.organisation_create(
        by=personas["staff"],
        data={"name": "Radio Isanganiro", "sector": "media", "iati_type": 90},
    )
    assert chosen.iati_type == 90


def test_a_contact_needs_an_email_or_a_phone(personas, org_a):
    with pytest.raises(ValidationError) as refused:
        services.contact_create(organisation=org_a, by=personas["staff"], data={"name": "X"})
    assert "Give at least an e-mail address or a phone number." in refused.value.messages
    assert services.contact_create(
        organisation=org_a, by=personas["staff"], data={"name": "Y", "phone": "+257 22"}
    ).pk


def test_the_database_holds_the_contact_rule_too(org_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.create(organisation=org_a, name="Nobody to reach")


def test_the_database_holds_one_name_per_organisation(org_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name=org_a.name.upper(), sector="cso")


def test_every_field_is_public_private_or_bookkeeping():
    """A field added to the model must be placed in one of the three before anyone sees
    it: the profile, the exports and the API read only these lists."""
    fields = {f.name for f in Organisation._meta.get_fields() if f.concrete}
    declared = [
        *Organisation.PUBLIC_FIELDS, *Organisation.PRIVATE_FIELDS, *Organisation.RECORD_FIELDS
    ]
    assert len(declared) == len(set(declared)), "a field is declared twice"
    assert fields == set(declared), (
        f"undeclared: {sorted(fields - set(declared))}; "
        f"not fields: {sorted(set(declared) - fields)}"
    )


def test_the_profile_shows_a_private_field_only_to_those_who_may_read_it(personas, org_a):
    from hamwe.partners.selectors import organisation_profile

    outsider = organisation_profile(user=personas["partner_b"], organisation=org_a)
    insider = organisation_profile(user=personas["partner_a"], organisation=org_a)
    assert outsider.registration_number == "" and not outsider.private
    assert insider.registration_number == org_a.registration_number
    assert outsider.name == insider.name == org_a.name
