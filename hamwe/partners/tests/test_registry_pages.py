import io

import pytest
from openpyxl import load_workbook

from hamwe.conftest import SECRET_REGISTRATION, client_for
from hamwe.partners.models import Organisation, Province, ThematicArea
from hamwe.partners.tests.factories import OrganisationFactory


def _names(response):
    return [row["name"] for row in response.context["rows"]]


def test_search_filters_and_sorting(personas, org_a, org_b):
    ngozi = Province.objects.get(code="BI-NG")
    gbv = ThematicArea.objects.create(name="Gender-based violence")
    radio = OrganisationFactory(
        name="Gamma Radio", sector="media", province=ngozi, founded_year=1999
    )
    radio.thematic_areas.add(gbv)
    client = client_for(personas["staff"])
    assert _names(client.get("/partners/", {"q": "alpha"})) == [org_a.name]
    assert _names(client.get("/partners/", {"q": "AWSN"})) == [org_a.name]
    assert set(_names(client.get("/partners/", {"sector": "media"}))) == {org_b.name, radio.name}
    assert _names(client.get("/partners/", {"province": ngozi.pk})) == [radio.name]
    assert _names(client.get("/partners/", {"thematic_area": gbv.pk})) == [radio.name]
    assert _names(client.get("/partners/", {"sort": "founded"}))[0] == radio.name
    assert _names(client.get("/partners/", {"sort": "-name"}))[0] == radio.name


def test_provincial_presence_counts_for_the_province_filter(personas, org_a):
    kirundo = Province.objects.get(code="BI-KI")
    org_a.provinces.add(kirundo)
    response = client_for(personas["viewer"]).get("/partners/", {"province": kirundo.pk})
    assert _names(response) == [org_a.name]


def test_pagination(personas):
    OrganisationFactory.create_batch(30)
    client = client_for(personas["viewer"])
    first = client.get("/partners/")
    second = client.get("/partners/", {"page": 2})
    assert first.context["total"] == 32  # 30 + A + B
    assert len(_names(first)) == 25 and len(_names(second)) == 7
    assert not set(_names(first)) & set(_names(second))


def test_htmx_request_gets_only_the_results(personas, org_a):
    response = client_for(personas["viewer"]).get(
        "/partners/", {"q": "alpha"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert org_a.name.split("'")[0] in body and "<html" not in body


def test_list_queries_do_not_grow_with_rows(personas, django_assert_max_num_queries):
    client = client_for(personas["viewer"])
    for _ in range(40):
        org = OrganisationFactory()
        org.thematic_areas.add(ThematicArea.objects.get_or_create(name="Education")[0])
    # 1 session, 2 user, 3 count, 4 the page of organisations (with their province's
    # name), 5 their thematic areas' names, the filter form's choices: 6 provinces,
    # 7 thematic areas, 8 impact groups.
    with django_assert_max_num_queries(8):
        response = client.get("/partners/")
    assert len(_names(response)) == 25
    # A partner user: the same, and their organisation in the header (base.html).
    partner = client_for(personas["partner_a"])
    with django_assert_max_num_queries(9):
        assert len(_names(partner.get("/partners/"))) == 25


def test_create_with_clear_errors_then_success(personas):
    client = client_for(personas["staff"])
    response = client.post(
        "/partners/new/",
        {
            "name": "",
            "sector": "",
            "country": "BI",
            "presence": "head_office",
            "founded_year": "1700",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"name", "sector", "founded_year"} <= set(errors)
    response = client.post(
        "/partners/new/",
        {
            "name": "Delta Farmers' Cooperative",
            "sector": "private",
            "country": "BI",
            "presence": "head_office",
            "province": Province.objects.get(code="BI-MY").pk,
        },
    )
    created = Organisation.objects.get(name="Delta Farmers' Cooperative")
    assert response.status_code == 302 and response["Location"] == f"/partners/{created.pk}/"
    assert created.iati_type == 70  # filled from the sector


def test_duplicate_name_is_refused(personas, org_a):
    response = client_for(personas["staff"]).post(
        "/partners/new/",
        {
            "name": "  alpha women's   savings network ",
            "sector": "cso",
            "country": "BI",
            "presence": "head_office",
        },
    )
    assert "name" in response.context["form"].errors


def test_province_must_lie_in_the_country(personas):
    response = client_for(personas["staff"]).post(
        "/partners/new/",
        {
            "name": "Kenyan Partner",
            "sector": "cso",
            "country": "KE",
            "presence": "head_office",
            "province": Province.objects.get(code="BI-GI").pk,
        },
    )
    assert "province" in response.context["form"].errors


def _edit_payload(org, **changes):
    data = {
        "name": org.name,
        "sector": org.sector,
        "country": "BI",
        "presence": org.presence,
        "version": org.version,
        "province": org.province_id,
        "commune": org.commune,
    }
    data.update(changes)
    return data


def test_two_editors_never_silently_overwrite_each_other(personas, org_a):
    first, second = client_for(personas["staff"]), client_for(personas["partner_a"])
    stale = _edit_payload(org_a, commune="Giheta")
    assert (
        first.post(f"/partners/{org_a.pk}/edit/", _edit_payload(org_a, staff_size=12)).status_code
        == 302
    )
    response = second.post(f"/partners/{org_a.pk}/edit/", stale)
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    org_a.refresh_from_db()
    assert org_a.staff_size == 12 and org_a.commune == "Gitega"


def test_partner_keeps_own_profile_but_not_another(personas, org_a, org_b):
    client = client_for(personas["partner_a"])
    assert (
        client.post(f"/partners/{org_a.pk}/edit/", _edit_payload(org_a, staff_size=7)).status_code
        == 302
    )
    assert (
        client.post(f"/partners/{org_b.pk}/edit/", _edit_payload(org_b, staff_size=7)).status_code
        == 403
    )
    assert client.get("/partners/new/").status_code == 403


def test_audit_trail_shows_who_changed_what_from_what_to_what(personas, org_a):
    staff = personas["staff"]
    client_for(staff).post(f"/partners/{org_a.pk}/edit/", _edit_payload(org_a, staff_size=33))
    page = client_for(staff).get(f"/partners/{org_a.pk}/").content.decode()
    assert "Change history" in page and str(staff) in page
    assert "<ins>33</ins>" in page
    partner_page = client_for(personas["partner_a"]).get(f"/partners/{org_a.pk}/").content.decode()
    assert "Change history" not in partner_page


def test_contacts_add_edit_and_only_one_main_contact(personas, org_a):
    client = client_for(personas["partner_a"])
    response = client.post(
        f"/partners/{org_a.pk}/contacts/new/", {"name": "No Way To Reach", "position": "Driver"}
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    client.post(
        f"/partners/{org_a.pk}/contacts/new/",
        {"name": "Aline N.", "email": "aline@a.example", "is_primary": "on"},
    )
    old = org_a.contacts.get(name="Contact of A")
    client.post(
        f"/partners/{org_a.pk}/contacts/{old.pk}/edit/",
        {"name": old.name, "email": old.email, "is_primary": "on", "version": old.version},
    )
    assert list(org_a.contacts.filter(is_primary=True).values_list("name", flat=True)) == [
        "Contact of A"
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_neutralises_formulas_and_follows_the_access_rule(personas, org_a, org_b, fmt):
    org_b.name = '=HYPERLINK("http://evil.example","click")'
    org_b.save()

    def rows(user):
        client = client_for(user)
        # Made by the task worker (at once in tests), then served from its page.
        response = client.get(client.get(f"/partners/export.{fmt}")["Location"])
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        if fmt == "csv":
            import csv

            return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        sheet = load_workbook(io.BytesIO(content)).active
        return [
            [c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)
        ]

    staff_rows = rows(personas["staff"])
    assert any(row[0].startswith("'=HYPERLINK") for row in staff_rows)
    assert any(SECRET_REGISTRATION in row for row in staff_rows)
    partner_rows = rows(personas["partner_b"])
    assert len(partner_rows) == len(staff_rows)
    assert not any(SECRET_REGISTRATION in row for row in partner_rows)


def test_export_honours_the_filters(personas, org_a, org_b):
    client = client_for(personas["staff"])
    response = client.get(client.get("/partners/export.csv", {"sector": "media"})["Location"])
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert org_b.name in body and "Alpha Women" not in body


def test_audit_names_memberships_and_choices_not_their_codes(personas, org_a):
    area = ThematicArea.objects.create(name="Climate change")
    client_for(personas["staff"]).post(
        f"/partners/{org_a.pk}/edit/",
        _edit_payload(org_a, thematic_areas=[area.pk], sector="research"),
    )
    page = client_for(personas["staff"]).get(f"/partners/{org_a.pk}/").content.decode()
    assert "<ins>Climate change</ins>" in page
    assert "<ins>Research or academic institution</ins>" in page
