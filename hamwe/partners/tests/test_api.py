"""The partner registry's REST API (/api/v1/organisations/, /api/v1/contacts/).

Every test checks an answer that would change if the behaviour broke: the status code, the
exact rows or keys in the body, and the database afterwards.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from hamwe.accounts.tests.factories import api_token_for
from hamwe.conftest import (
    EDITS_A,
    SECRET_CONTACT_EMAIL,
    SECRET_NOTE,
    SECRET_REGISTRATION,
    SECRETS_OF_A,
    SEES_A_PRIVATE,
)
from hamwe.partners.models import Contact, ImpactGroup, Organisation, Province
from hamwe.partners.tests.factories import (
    ContactFactory,
    OrganisationFactory,
    ThematicAreaFactory,
)

ORGS = "/api/v1/organisations/"
CONTACTS = "/api/v1/contacts/"

# Keys of an organisation that only its own users and the home organisation may read.
PRIVATE_KEYS = {
    "legal_status", "registration_number", "registration_authority", "registered_on",
    "address", "staff_size", "email", "phone", "notes", "created_at", "updated_at", "version",
}
PUBLIC_KEYS = {"id", *Organisation.PUBLIC_FIELDS}

# DRF's answer to a request without credentials: TokenAuthentication comes first in
# DEFAULT_AUTHENTICATION_CLASSES, so the answer is 401 with a WWW-Authenticate challenge.
UNAUTHENTICATED = 401

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def org_url(org):
    return f"{ORGS}{org.pk}/"


def contact_url(contact):
    return f"{CONTACTS}{contact.pk}/"


def names(response):
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


# --- list: filters, search, sorting, pagination -------------------------------------------


def test_list_is_paginated_with_count_and_next(personas):
    OrganisationFactory.create_batch(53)  # with org_a and org_b: 55 rows, page size 50
    client = api(personas["staff"])

    first = client.get(ORGS)
    assert first.status_code == 200
    body = first.json()
    assert body["count"] == 55
    assert len(body["results"]) == 50
    assert body["previous"] is None
    assert body["next"] is not None and "page=2" in body["next"]

    second = client.get(body["next"])
    assert second.status_code == 200
    rest = second.json()
    assert rest["count"] == 55
    assert len(rest["results"]) == 5
    assert rest["next"] is None
    seen = [r["id"] for r in body["results"]] + [r["id"] for r in rest["results"]]
    assert sorted(seen) == sorted(Organisation.objects.values_list("pk", flat=True))


def test_list_default_order_is_by_name(personas):
    OrganisationFactory(name="Zeta Farmers")
    OrganisationFactory(name="Gamma Clinic")
    assert names(api(personas["staff"]).get(ORGS)) == [
        "Alpha Women's Savings Network", "Beta Youth Radio", "Gamma Clinic", "Zeta Farmers",
    ]


def test_filter_by_sector(personas):
    OrganisationFactory(name="Kaze Bank", sector="private")
    client = api(personas["staff"])

    assert names(client.get(ORGS, {"sector": "media"})) == ["Beta Youth Radio"]
    assert names(client.get(ORGS, {"sector": ["media", "private"]})) == [
        "Beta Youth Radio", "Kaze Bank",
    ]
    # An unknown sector is a client error, not an empty or unfiltered list.
    bad = client.get(ORGS, {"sector": "no-such-sector"})
    assert bad.status_code == 400
    assert "sector" in bad.json()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("alpha", ["Alpha Women's Savings Network"]),  # name, any case
        ("byr", ["Beta Youth Radio"]),  # acronym
        ("RUMONGE", ["Lake Fishers"]),  # commune
        ("  savings  ", ["Alpha Women's Savings Network"]),  # surrounding spaces ignored
        ("nothing-matches-this", []),
    ],
)
def test_search_q(personas, query, expected):
    OrganisationFactory(name="Lake Fishers", commune="Rumonge")
    assert names(api(personas["staff"]).get(ORGS, {"q": query})) == expected


def test_filter_by_province_counts_head_office_and_presence_once(personas):
    ngozi = Province.objects.get(code="BI-NG")
    kirundo = Province.objects.get(code="BI-KI")
    OrganisationFactory(name="Head Office In Ngozi", province=ngozi)
    present = OrganisationFactory(name="Present In Ngozi")  # head office in Gitega
    present.provinces.set([ngozi, kirundo])
    both = OrganisationFactory(name="Both In Ngozi", province=ngozi)
    both.provinces.set([ngozi, kirundo])

    response = api(personas["staff"]).get(ORGS, {"province": ngozi.pk})
    # Each once (the join on provinces must not repeat rows), and Gitega-only orgs left out.
    assert names(response) == ["Both In Ngozi", "Head Office In Ngozi", "Present In Ngozi"]
    assert response.json()["count"] == 3


def test_filter_by_thematic_area(personas, org_a, org_b):
    savings = ThematicAreaFactory(name="Savings groups")
    radio = ThematicAreaFactory(name="Community radio")
    org_a.thematic_areas.set([savings, radio])
    org_b.thematic_areas.set([radio])

    client = api(personas["staff"])
    assert names(client.get(ORGS, {"thematic_area": savings.pk})) == [org_a.name]
    assert names(client.get(ORGS, {"thematic_area": radio.pk})) == [org_a.name, org_b.name]
    detail = client.get(org_url(org_a)).json()
    assert sorted(detail["thematic_areas"]) == sorted([savings.pk, radio.pk])


def test_sort_by_name_and_by_founded_descending(personas):
    OrganisationFactory(name="Old Cooperative", founded_year=1962)
    OrganisationFactory(name="New Startup", founded_year=2021)
    Organisation.objects.filter(acronym="AWSN").update(founded_year=1999)
    Organisation.objects.filter(acronym="BYR").update(founded_year=2010)
    client = api(personas["staff"])

    by_name = names(client.get(ORGS, {"sort": "name"}))
    assert by_name == sorted(by_name)
    assert by_name[0] == "Alpha Women's Savings Network"

    newest_first = client.get(ORGS, {"sort": "-founded"}).json()["results"]
    assert [r["founded_year"] for r in newest_first] == [2021, 2010, 1999, 1962]
    assert newest_first[0]["name"] == "New Startup"

    oldest_first = client.get(ORGS, {"sort": "founded"}).json()["results"]
    assert [r["founded_year"] for r in oldest_first] == [1962, 1999, 2010, 2021]


# --- detail and who sees what ---------------------------------------------------------------


def test_partner_b_sees_only_the_public_profile_of_org_a(personas, org_a):
    response = api(personas["partner_b"]).get(org_url(org_a))

    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "Alpha Women's Savings Network"
    assert data["acronym"] == "AWSN"
    assert set(data) <= PUBLIC_KEYS
    for key in ("registration_number", "notes", "email", "phone", "version"):
        assert key not in data
    for secret in SECRETS_OF_A:
        assert secret not in response.content.decode()


def test_partner_a_sees_the_private_fields_of_org_a(personas, org_a):
    response = api(personas["partner_a"]).get(org_url(org_a))

    assert response.status_code == 200
    data = response.json()
    assert data["registration_number"] == SECRET_REGISTRATION
    assert data["notes"] == SECRET_NOTE
    for key in ("email", "phone", "version"):
        assert key in data


@pytest.mark.parametrize(
    "persona", ["viewer", "staff", "admin", "partner_a", "partner_admin_a", "partner_b"]
)
def test_private_fields_follow_the_access_rule(personas, org_a, persona):
    data = api(personas[persona]).get(org_url(org_a)).json()
    if persona in SEES_A_PRIVATE:
        assert PRIVATE_KEYS <= set(data)
        assert data["registration_number"] == SECRET_REGISTRATION
    else:
        assert not (PRIVATE_KEYS & set(data))


def test_partner_b_list_hides_org_a_private_fields_but_shows_its_own(personas, org_a, org_b):
    response = api(personas["partner_b"]).get(ORGS)

    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    assert set(rows) == {org_a.pk, org_b.pk}  # the public registry: every organisation
    assert not (PRIVATE_KEYS & set(rows[org_a.pk]))
    assert PRIVATE_KEYS <= set(rows[org_b.pk])
    for secret in SECRETS_OF_A:
        assert secret not in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", UNAUTHENTICATED), ("no_role", 403)]
)
def test_no_access_without_a_role(personas, org_a, persona, status):
    client = api(personas[persona])
    for url in (ORGS, org_url(org_a), CONTACTS, contact_url(org_a.contacts.get())):
        response = client.get(url)
        assert response.status_code == status, url
        for secret in SECRETS_OF_A:
            assert secret not in response.content.decode()


def test_anonymous_gets_401_with_a_token_challenge(org_a):
    response = APIClient().get(org_url(org_a))

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert response.headers["WWW-Authenticate"] == "Token"


def test_unknown_organisation_is_404(personas):
    assert api(personas["staff"]).get(f"{ORGS}999999/").status_code == 404


def test_session_login_authenticates(personas, org_a):
    client = APIClient()
    client.force_login(personas["partner_a"])
    response = client.get(org_url(org_a))
    assert response.status_code == 200
    assert response.json()["registration_number"] == SECRET_REGISTRATION


# --- contacts ---------------------------------------------------------------------------------


def test_partner_b_never_lists_org_a_contacts(personas, org_a, org_b):
    own = ContactFactory(organisation=org_b, name="Contact of B")
    response = api(personas["partner_b"]).get(CONTACTS)

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["id"] for r in rows] == [own.pk]
    assert all(r["organisation"] == org_b.pk for r in rows)
    assert SECRET_CONTACT_EMAIL not in response.content.decode()
    # Asking for A's contacts by filter gives nothing either.
    filtered = api(personas["partner_b"]).get(CONTACTS, {"organisation": org_a.pk})
    assert filtered.status_code == 200
    assert filtered.json()["count"] == 0


def test_partner_b_gets_404_for_org_a_contact(personas, org_a):
    contact = org_a.contacts.get()
    client = api(personas["partner_b"])

    response = client.get(contact_url(contact))
    assert response.status_code == 404
    assert SECRET_CONTACT_EMAIL not in response.content.decode()
    assert client.patch(contact_url(contact), {"name": "Hijacked", "version": 1}).status_code == 404
    assert client.delete(contact_url(contact)).status_code == 404
    contact.refresh_from_db()
    assert contact.name == "Contact of A"
    assert contact.version == 1


@pytest.mark.parametrize("persona", sorted(SEES_A_PRIVATE))
def test_who_sees_a_private_record_reads_its_contacts(personas, org_a, persona):
    contact = org_a.contacts.get()
    client = api(personas[persona])

    listed = client.get(CONTACTS)
    assert listed.status_code == 200
    assert contact.pk in [r["id"] for r in listed.json()["results"]]
    detail = client.get(contact_url(contact))
    assert detail.status_code == 200
    assert detail.json()["email"] == SECRET_CONTACT_EMAIL


def test_viewer_cannot_create_update_or_delete_contacts(personas, org_a):
    contact = org_a.contacts.get()
    client = api(personas["viewer"])

    created = client.post(
        CONTACTS, {"organisation": org_a.pk, "name": "New", "email": "new@a.example"}
    )
    assert created.status_code == 403
    assert not Contact.objects.filter(name="New").exists()

    for method in (client.patch, client.put):
        response = method(
            contact_url(contact),
            {"organisation": org_a.pk, "name": "Changed", "email": "x@a.example", "version": 1},
        )
        assert response.status_code == 403
    assert client.delete(contact_url(contact)).status_code == 403

    contact.refresh_from_db()
    assert (contact.name, contact.email, contact.version) == (
        "Contact of A", SECRET_CONTACT_EMAIL, 1,
    )


def test_partner_adds_contacts_to_own_organisation_only(personas, org_a, org_b):
    client = api(personas["partner_a"])

    own = client.post(CONTACTS, {"organisation": org_a.pk, "name": "Ana", "phone": "+257 1"})
    assert own.status_code == 201
    assert Contact.objects.get(pk=own.json()["id"]).organisation == org_a

    other = client.post(CONTACTS, {"organisation": org_b.pk, "name": "Bo", "phone": "+257 2"})
    assert other.status_code == 403
    assert not org_b.contacts.exists()


def test_contact_needs_email_or_phone(personas, org_a):
    response = api(personas["staff"]).post(CONTACTS, {"organisation": org_a.pk, "name": "X"})
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert not Contact.objects.filter(name="X").exists()


def test_contact_update_and_delete_by_staff(personas, org_a):
    contact = org_a.contacts.get()
    client = api(personas["staff"])

    missing = client.patch(contact_url(contact), {"position": "Director"})
    assert missing.status_code == 400
    assert "version" in missing.json()

    done = client.patch(contact_url(contact), {"position": "Director", "version": 1})
    assert done.status_code == 200
    assert done.json()["version"] == 2

    stale = client.patch(contact_url(contact), {"position": "Cook", "version": 1})
    assert stale.status_code == 409
    contact.refresh_from_db()
    assert (contact.position, contact.version) == ("Director", 2)

    assert client.delete(contact_url(contact)).status_code == 204
    assert not Contact.objects.filter(pk=contact.pk).exists()


# --- creating organisations ------------------------------------------------------------------


def test_staff_creates_an_organisation(personas):
    response = api(personas["staff"]).post(
        ORGS, {"name": "Kaze Microfinance", "sector": "private", "notes": "due diligence due"}
    )

    assert response.status_code == 201, response.content
    data = response.json()
    org = Organisation.objects.get(pk=data["id"])
    assert org.name == "Kaze Microfinance"
    assert org.iati_type == 70  # filled from the sector: Private Sector
    assert org.version == 1
    assert org.is_home is False
    assert data["notes"] == "due diligence due"
    assert org.history.count() == 1
    assert org.history.get().history_user == personas["staff"]


@pytest.mark.parametrize("persona", ["partner_a", "partner_admin_a", "partner_b", "viewer"])
def test_only_home_staff_and_admins_create_organisations(personas, persona):
    before = Organisation.objects.count()
    client = api(personas[persona])

    response = client.post(ORGS, {"name": "Sneaky Org", "sector": "cso"})
    assert response.status_code == 403
    # Refused before validation: an invalid or clashing payload says nothing either.
    assert client.post(ORGS, {"sector": "bogus"}).status_code == 403
    assert client.post(ORGS, {"name": "beta youth radio", "sector": "cso"}).status_code == 403
    assert Organisation.objects.count() == before


def test_create_without_name_is_400(personas):
    before = Organisation.objects.count()
    response = api(personas["staff"]).post(ORGS, {"sector": "cso"})
    assert response.status_code == 400
    assert "name" in response.json()
    assert Organisation.objects.count() == before


@pytest.mark.parametrize(
    "name", ["beta youth radio", "BETA YOUTH RADIO", "  Beta   Youth Radio "]
)
def test_create_with_duplicate_name_is_400(personas, name):
    before = Organisation.objects.count()
    response = api(personas["staff"]).post(ORGS, {"name": name, "sector": "media"})
    assert response.status_code == 400
    assert "name" in response.json()
    assert Organisation.objects.count() == before


def test_admin_creates_too(personas):
    response = api(personas["admin"]).post(ORGS, {"name": "Umoja Research", "sector": "research"})
    assert response.status_code == 201
    assert Organisation.objects.filter(name="Umoja Research", iati_type=80).exists()


# --- updating organisations: the version --------------------------------------------------


def test_update_without_version_is_400_and_changes_nothing(personas, org_a):
    response = api(personas["staff"]).patch(org_url(org_a), {"description": "Changed"})

    assert response.status_code == 400
    assert "version" in response.json()
    org_a.refresh_from_db()
    assert (org_a.description, org_a.version) == ("", 1)


def test_update_with_correct_version_applies_and_bumps_it(personas, org_a):
    response = api(personas["staff"]).patch(
        org_url(org_a), {"description": "Savings groups in Gitega", "version": 1}
    )

    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    assert response.json()["description"] == "Savings groups in Gitega"
    org_a.refresh_from_db()
    assert (org_a.description, org_a.version) == ("Savings groups in Gitega", 2)


def test_update_with_stale_version_is_409_and_row_unchanged(personas, org_a):
    staff, admin = api(personas["staff"]), api(personas["admin"])
    # Both read version 1; staff saves first.
    assert staff.patch(org_url(org_a), {"commune": "Ngozi", "version": 1}).status_code == 200

    late = admin.patch(org_url(org_a), {"commune": "Bururi", "notes": "x", "version": 1})
    assert late.status_code == 409
    assert "detail" in late.json()
    org_a.refresh_from_db()
    assert (org_a.commune, org_a.notes, org_a.version) == ("Ngozi", SECRET_NOTE, 2)


def test_put_needs_version_too(personas, org_a):
    client = api(personas["staff"])
    payload = {"name": org_a.name, "sector": "cso", "acronym": "AWSN-2"}

    assert client.put(org_url(org_a), payload).status_code == 400
    done = client.put(org_url(org_a), {**payload, "version": 1})
    assert done.status_code == 200
    org_a.refresh_from_db()
    assert (org_a.acronym, org_a.version) == ("AWSN-2", 2)


def test_rename_to_a_taken_name_is_400(personas, org_a):
    response = api(personas["staff"]).patch(
        org_url(org_a), {"name": "beta youth radio", "version": 1}
    )
    assert response.status_code == 400
    assert "name" in response.json()
    org_a.refresh_from_db()
    assert org_a.name == "Alpha Women's Savings Network"


def test_m2m_update_is_applied(personas, org_a):
    theme = ThematicAreaFactory(name="Financial inclusion")
    group = ImpactGroup.objects.create(name="Rural women")
    response = api(personas["staff"]).patch(
        org_url(org_a), {"thematic_areas": [theme.pk], "impact_groups": [group.pk], "version": 1},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert list(org_a.thematic_areas.all()) == [theme]
    assert list(org_a.impact_groups.all()) == [group]


@pytest.mark.parametrize("persona", sorted(EDITS_A))
def test_who_may_edit_a_patches_it(personas, org_a, persona):
    response = api(personas[persona]).patch(
        org_url(org_a), {"description": f"by {persona}", "version": 1}
    )
    assert response.status_code == 200
    org_a.refresh_from_db()
    assert (org_a.description, org_a.version) == (f"by {persona}", 2)


@pytest.mark.parametrize("persona", ["partner_b", "viewer"])
def test_who_may_not_edit_a_gets_403_and_nothing_changes(personas, org_a, persona):
    # partner_b may read A's public profile, so A is found (not 404) and the edit refused.
    client = api(personas[persona])
    response = client.patch(org_url(org_a), {"description": "Defaced", "version": 1})
    assert response.status_code == 403
    put = client.put(org_url(org_a), {"name": "Defaced", "sector": "cso", "version": 1})
    assert put.status_code == 403
    org_a.refresh_from_db()
    assert (org_a.name, org_a.description, org_a.version) == (
        "Alpha Women's Savings Network", "", 1,
    )


def test_partner_a_may_not_edit_org_b(personas, org_b):
    response = api(personas["partner_a"]).patch(org_url(org_b), {"acronym": "X", "version": 1})
    assert response.status_code == 403
    org_b.refresh_from_db()
    assert (org_b.acronym, org_b.version) == ("BYR", 1)


def test_organisations_cannot_be_deleted_through_the_api(personas, org_b):
    assert api(personas["admin"]).delete(org_url(org_b)).status_code == 405
    assert Organisation.objects.filter(pk=org_b.pk).exists()


# --- token authentication ------------------------------------------------------------------


def test_token_authentication(personas, org_a):
    token = api_token_for(personas["partner_a"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    response = client.get(org_url(org_a))
    assert response.status_code == 200
    # The token stands for partner_a: A's private fields are shown.
    assert response.json()["registration_number"] == SECRET_REGISTRATION

    patched = client.patch(org_url(org_a), {"commune": "Muyinga", "version": 1})
    assert patched.status_code == 200
    org_a.refresh_from_db()
    assert org_a.commune == "Muyinga"
    assert org_a.history.latest().history_user == personas["partner_a"]


def test_token_of_another_partner_sees_public_profile_only(personas, org_a):
    token = api_token_for(personas["partner_b"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    response = client.get(org_url(org_a))
    assert response.status_code == 200
    assert "registration_number" not in response.json()


def test_bad_token_is_refused(org_a):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get(org_url(org_a))
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def test_token_of_inactive_user_is_refused(personas, org_a):
    user = personas["partner_a"]
    token = api_token_for(user)
    user.is_active = False
    user.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get(org_url(org_a))
    assert response.status_code == 401  # "User inactive or deleted."
    assert SECRET_REGISTRATION not in response.content.decode()


def test_token_of_user_without_role_is_refused(personas, org_a):
    # A token kept by someone whose role was taken away does nothing.
    user = personas["staff"]
    token = api_token_for(user)
    user.role = ""
    user.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get(ORGS)
    assert response.status_code == 403
    assert "results" not in response.json()


# --- query counts ----------------------------------------------------------------------------


def _make_orgs(count, themes, provinces, groups):
    for org in OrganisationFactory.create_batch(count):
        org.thematic_areas.set(themes)
        org.provinces.set(provinces)
        org.impact_groups.set(groups)


def _count_list_queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(ORGS)
    assert response.status_code == 200
    return len(captured), response.json()


@pytest.mark.parametrize("persona", ["staff", "partner_b"])
def test_list_queries_are_bounded_and_do_not_grow_with_rows(
    personas, persona, django_assert_max_num_queries
):
    themes = [ThematicAreaFactory(name=f"Theme {i}") for i in range(3)]
    provinces = list(Province.objects.filter(code__in=["BI-NG", "BI-KI"]))
    groups = [ImpactGroup.objects.create(name="Youth")]
    client = api(personas[persona])  # forced authentication: no session or user query

    _make_orgs(5, themes, provinces, groups)
    few, body = _count_list_queries(client)
    assert body["count"] == 7
    assert all(len(r["thematic_areas"]) == 3 for r in body["results"][2:])

    _make_orgs(25, themes, provinces, groups)  # 30 organisations with thematic areas
    # The list is, whatever the number of rows on the page:
    #   1. SELECT COUNT(*) of the filtered organisations (the paginator)
    #   2. SELECT the page of organisations, with their head-office province joined
    #   3. prefetch provinces       (one query for the whole page)
    #   4. prefetch thematic_areas  (one query for the whole page)
    #   5. prefetch impact_groups   (one query for the whole page)
    with django_assert_max_num_queries(5):
        response = client.get(ORGS)
    assert response.status_code == 200
    assert response.json()["count"] == 32
    assert all(len(r["thematic_areas"]) == 3 for r in response.json()["results"]
               if r["name"].startswith("Organisation "))

    many, _ = _count_list_queries(client)
    assert many == few  # 5 or 30 organisations: the same queries


def test_list_queries_with_filters_are_bounded(personas, django_assert_max_num_queries):
    themes = [ThematicAreaFactory(name="Savings")]
    provinces = list(Province.objects.filter(code__in=["BI-NG"]))
    _make_orgs(30, themes, provinces, [])
    client = api(personas["staff"])
    # As above, plus one query each to check that the given province and thematic area
    # exist (django-filter's ModelChoiceFilter): 7 in all.
    with django_assert_max_num_queries(7):
        response = client.get(
            ORGS, {"province": provinces[0].pk, "thematic_area": themes[0].pk, "sort": "-founded"}
        )
    assert response.status_code == 200
    assert response.json()["count"] == 30
