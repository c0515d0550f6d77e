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
    """A field added to the model must be placed in one of the four before anyone sees
    it: the profile, the exports and the API read only these lists."""
    fields = {f.name for f in Organisation._meta.get_fields() if f.concrete}
    declared = [
        *Organisation.PUBLIC_FIELDS, *Organisation.PRIVATE_FIELDS, *Organisation.RECORD_FIELDS,
        *Organisation.SEARCH_FIELDS,
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


# --- An IATI type that contradicts the sector ---------------------------------------------

CONTRADICTION = (
    "The IATI type 80 · Academic, Training and Research does not fit the sector “Private "
    "sector”, whose usual type is 70 · Private Sector. Check it, or confirm that you keep "
    "this type."
)


def test_an_iati_type_that_contradicts_the_sector_needs_a_confirmation(personas):
    data = {"name": "Agri-Services Kayanza", "sector": "private", "iati_type": 80}
    with pytest.raises(ValidationError) as refused:
        services.organisation_create(by=personas["staff"], data=data)
    assert refused.value.message_dict == {"iati_type": [CONTRADICTION]}
    assert not Organisation.objects.filter(name="Agri-Services Kayanza").exists()
    kept = services.organisation_create(by=personas["staff"], data=data, confirm_iati_type=True)
    assert kept.iati_type == 80
    # Confirmed once, it does not stop later edits of other fields.
    edited = services.organisation_update(organisation=kept, by=personas["staff"],
                                          data={"phone": "+257 22 30 40"},
                                          expected_version=kept.version)
    assert edited.phone == "+257 22 30 40"


def test_a_change_of_sector_asks_again(personas, org_a):
    with pytest.raises(ValidationError) as refused:
        services.organisation_update(organisation=org_a, by=personas["staff"],
                                     data={"sector": "private"}, expected_version=org_a.version)
    assert "usual type is 70" in refused.value.message_dict["iati_type"][0]


@pytest.mark.parametrize(("sector", "iati_type"), [
    ("private", 72), ("cso", 24), ("research", 22), ("public", 11), ("media", 22),
    ("community", 90), ("donor", 10), ("ingo", None),
])
def test_types_that_fit_the_sector_need_no_confirmation(personas, sector, iati_type):
    organisation = services.organisation_create(
        by=personas["staff"], data={"name": f"Fits {sector}", "sector": sector,
                                    "iati_type": iati_type})
    assert organisation.pk


def test_the_form_shows_the_warning_and_a_box_to_keep_the_type(personas):
    from hamwe.conftest import client_for

    client = client_for(personas["staff"])
    data = {"name": "Agri-Services Kayanza", "sector": "private", "iati_type": "80",
            "country": "BI", "presence": "head_office"}
    response = client.post("/partners/new/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "does not fit the sector" in page
    assert 'type="checkbox" name="keep_iati_type"' in page
    assert response.context["form"].errors["iati_type"] == [CONTRADICTION]
    response = client.post("/partners/new/", {**data, "keep_iati_type": "on"})
    assert response.status_code == 302
    assert Organisation.objects.get(name="Agri-Services Kayanza").iati_type == 80
    # Without a contradiction the box is not shown.
    blank = client.get("/partners/new/").content.decode()
    assert 'type="checkbox" name="keep_iati_type"' not in blank


def test_the_api_answers_400_unless_the_type_is_confirmed(personas, org_a):
    client = api(personas["staff"])
    data = {"name": "Agri-Services Kayanza", "sector": "private", "iati_type": 80,
            "country": "BI"}
    refused = client.post("/api/v1/organisations/", data, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"iati_type": [CONTRADICTION]}
    created = client.post("/api/v1/organisations/", {**data, "confirm_iati_type": True},
                          format="json")
    assert created.status_code == 201 and created.json()["iati_type"] == 80
    assert "confirm_iati_type" not in created.json()
    patch = client.patch(f"/api/v1/organisations/{org_a.pk}/",
                         {"iati_type": 80, "version": org_a.version}, format="json")
    assert patch.status_code == 400 and "does not fit" in patch.json()["iati_type"][0]
