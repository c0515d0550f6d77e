"""The organisation's page as a hub: the sections apps add through partners.sections, each
read under the access rule, and counts that agree with the partnership list and the API."""

import datetime

import pytest
from django.core.files.base import ContentFile
from rest_framework.test import APIClient

from hamwe.conftest import SECRET_NOTE, SECRET_PARTNERSHIP, client_for
from hamwe.partners import sections
from hamwe.partners.models import Document
from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.partnerships.models import Agreement, Partnership, Party, Review, Signature

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(org_a, org_b, partnership_a, settings, tmp_path):
    """Around A: the partnership of the fixture (with a third organisation), one with B,
    a signed agreement, a review, and A's statutes. Partner B may see only the second."""
    settings.MEDIA_ROOT = tmp_path
    third = partnership_a.parties.exclude(organisation=org_a).get().organisation
    with_b = Partnership.objects.create(title="Radio for savings groups", kind="strategic",
                                        stage="scoping-and-building", phase="scoping",
                                        status="active")
    Party.objects.create(partnership=with_b, organisation=org_a, role="implementing")
    party_b = Party.objects.create(partnership=with_b, organisation=org_b, role="advocacy")
    # Not A's: must never be counted on A's page.
    elsewhere = Partnership.objects.create(title="Not with A", kind="strategic")
    Party.objects.create(partnership=elsewhere, organisation=org_b, role="lead")
    Party.objects.create(partnership=elsewhere, organisation=third, role="knowledge")

    agreement = Agreement.objects.create(partnership=with_b, number=1, language="fr",
                                         content={}, status=Agreement.Status.SIGNED)
    Signature.objects.create(agreement=agreement, party=party_b, signatory="Jeanine Ndayishimiye",
                             signed_on=datetime.date(2026, 5, 4))
    Agreement.objects.create(partnership=partnership_a, number=1, language="en", content={})
    Review.objects.create(partnership=partnership_a, held_on=datetime.date(2026, 6, 30),
                          objectives_met="partly", recommendation="revise")
    document = Document(organisation=org_a, kind="statutes", dated=datetime.date(2020, 1, 1),
                        note=SECRET_NOTE)
    document.file.save("statutes.pdf", ContentFile(b"%PDF-1.4 statutes"), save=False)
    document.save()
    return {"with_b": with_b, "agreement": agreement}


def _shown(response):
    return {shown.section.name: shown.data for shown in response.context["sections"]}


def test_the_page_shows_each_apps_section_in_order(personas, org_a, hub):
    response = client_for(personas["staff"]).get(f"/partners/{org_a.pk}/")
    names = [shown.section.name for shown in response.context["sections"]]
    # Capacity shows even before a first assessment (to start one); reports, networks,
    # knowledge and competency input only when A has some.
    assert names == ["partnerships", "agreements", "reviews", "capacity", "diligence",
                     "funding", "documents"]
    page = response.content.decode()
    assert page.index('id="partnerships"') < page.index('id="documents"')
    assert "Jeanine Ndayishimiye" in page and "Revise the agreement" in page


@pytest.mark.parametrize(
    ("persona", "partnerships", "agreements", "reviews", "documents"),
    [
        # Home users: every partnership of A, the home NGO's and others'.
        ("admin", 2, 2, 1, 1),
        ("staff", 2, 2, 1, 1),
        ("viewer", 2, 2, 1, 1),
        # A's own users: the same, A being party to both.
        ("partner_a", 2, 2, 1, 1),
        ("partner_admin_a", 2, 2, 1, 1),
        # B: only the partnership B is party to, and never A's documents.
        ("partner_b", 1, 1, 0, None),
    ],
)
def test_sections_for_each_persona(personas, org_a, hub, persona, partnerships, agreements,
                                   reviews, documents):
    response = client_for(personas[persona]).get(f"/partners/{org_a.pk}/")
    assert response.status_code == 200
    shown = _shown(response)
    assert shown["partnerships"]["count"] == partnerships
    assert shown["agreements"]["count"] == agreements
    assert shown["reviews"]["count"] == reviews
    if documents is None:
        assert "documents" not in shown
    else:
        assert shown["documents"]["count"] == documents
    page = response.content.decode()
    if persona == "partner_b":
        assert SECRET_PARTNERSHIP not in page and SECRET_NOTE not in page
        assert "Radio for savings groups" in page
        assert "Only the partnerships your organisation is party to are shown." in page
    assert "Not with A" not in page


def test_nobody_without_a_role_sees_the_page(personas, org_a, hub):
    assert client_for(personas["no_role"]).get(f"/partners/{org_a.pk}/").status_code == 403
    assert client_for(None).get(f"/partners/{org_a.pk}/").status_code == 302


@pytest.mark.parametrize("persona", ["staff", "partner_a", "partner_b"])
def test_counts_agree_across_the_page_the_list_and_the_api(personas, org_a, hub, persona):
    """The organisation's page, the partnership list filtered by it and the API count the
    same partnerships, and the same partnerships with an (a signed) agreement."""
    user = personas[persona]
    shown = _shown(client_for(user).get(f"/partners/{org_a.pk}/"))
    client, api = client_for(user), APIClient()
    api.force_authenticate(user)

    def listed(**params):
        page = client.get("/partnerships/", {"organisation": org_a.pk, **params})
        answer = api.get("/api/v1/partnerships/", {"organisation": org_a.pk, **params})
        assert answer.status_code == 200
        assert page.context["total"] == answer.json()["count"]
        return page.context["total"]

    assert shown["partnerships"]["count"] == listed()
    assert shown["agreements"]["count"] == listed(agreement="any")
    assert shown["agreements"]["signed"] == listed(agreement="signed") == 1
    # The page's links lead to those very lists.
    assert shown["partnerships"]["link"] == f"/partnerships/?organisation={org_a.pk}"
    assert shown["agreements"]["signed_link"].endswith(
        f"organisation={org_a.pk}&agreement=signed")


def test_the_list_names_the_organisation_it_is_filtered_by(personas, org_a, hub):
    page = client_for(personas["staff"]).get("/partnerships/", {"organisation": org_a.pk})
    assert "The partnerships of Alpha Women" in page.content.decode()
    assert page.context["total"] == 2


def test_an_app_adds_a_section_through_the_registry(personas, org_a, monkeypatch):
    """A later app (reports, say) adds its part by registering, and may hide it."""
    monkeypatch.setattr(sections, "_SECTIONS", dict(sections._SECTIONS))
    seen = []

    @sections.organisation_section("reports", title="Reports", order=45,
                                   template="partners/sections/documents.html")
    def reports(organisation, user):
        seen.append((organisation.pk, user.pk))
        return None if user == personas["partner_b"] else {"documents": [], "count": 0}

    staff = client_for(personas["staff"]).get(f"/partners/{org_a.pk}/")
    names = [s.section.name for s in staff.context["sections"]]
    assert names.index("reviews") < names.index("reports") < names.index("documents")
    outsider = client_for(personas["partner_b"]).get(f"/partners/{org_a.pk}/")
    assert "reports" not in [s.section.name for s in outsider.context["sections"]]
    assert seen == [(org_a.pk, personas["staff"].pk), (org_a.pk, personas["partner_b"].pk)]


def test_the_page_queries_do_not_grow_with_the_record(personas, org_a, hub,
                                                       django_assert_max_num_queries):
    client = client_for(personas["staff"])
    client.get(f"/partners/{org_a.pk}/")  # the live policy composed once per process
    # session, user; organisation (+province), provinces, thematic areas, impact groups;
    # audit: organisation, contact and document history (each with its users); sections:
    # partnerships, their parties (+organisations), live policy, agreements
    # (+partnership), signatures (+parties), reviews, documents; due diligence: live
    # policy, own items, counts, expiring evidence, open flags; funding; people's named input;
    # capacity's assessments, reports, networks and knowledge of A (one or two each);
    # contacts.
    with django_assert_max_num_queries(30) as few:
        client.get(f"/partners/{org_a.pk}/")
    for index in range(6):
        more = Partnership.objects.create(title=f"More {index}", kind="strategic",
                                          status="active")
        Party.objects.create(partnership=more, organisation=org_a, role="implementing")
        Party.objects.create(partnership=more, organisation=OrganisationFactory(), role="lead")
        agreement = Agreement.objects.create(partnership=more, number=1, language="fr",
                                             content={})
        Review.objects.create(partnership=more, held_on=datetime.date(2026, 1, index + 1),
                              objectives_met="fully", recommendation="continue")
        Signature.objects.create(agreement=agreement, party=more.parties.first(),
                                 signatory="X", signed_on=datetime.date(2026, 2, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"/partners/{org_a.pk}/")
    assert _shown(response)["partnerships"]["count"] == 8


def test_an_outsiders_page_asks_no_more(personas, org_a, hub, django_assert_max_num_queries):
    client = client_for(personas["partner_b"])
    client.get(f"/partners/{org_a.pk}/")
    # session, user, the user's organisation (the header); organisation (+province),
    # provinces, thematic areas, impact groups; sections: partnerships, their parties,
    # live policy, agreements, signatures, reviews; what the later apps' sections ask
    # before they find nothing B may see (capacity, reports, networks, knowledge). No
    # contacts, documents or history.
    with django_assert_max_num_queries(17):
        response = client.get(f"/partners/{org_a.pk}/")
    assert "documents" not in _shown(response)
