"""The networks' pages: who sees what, who may write, and what a page costs."""

import datetime

import pytest

from hamwe.conftest import client_for
from hamwe.partners.tests.factories import OrganisationFactory

from .. import services
from ..models import Meeting, Network
from .factories import community_group, home_organisation, network

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def nets(personas, org_a, org_b):
    home = home_organisation()
    public = network(initiated_by=home, members=[org_a], name="Open land network")
    private_b = network(initiated_by=home, members=[org_b], name="B's quiet coalition",
                        visibility="members")
    private_a = network(initiated_by=home, members=[org_a], name="A's quiet coalition",
                        visibility="members", theme="Health")
    return public, private_a, private_b


def test_a_partner_sees_its_networks_and_public_ones_never_anothers_private(personas, nets):
    public, private_a, private_b = nets
    page = client_for(personas["partner_a"]).get("/networks/").content.decode()
    assert "Open land network" in page and "A&#x27;s quiet coalition" in page
    assert "quiet coalition" not in page.replace("A&#x27;s quiet coalition", "")
    assert client_for(personas["partner_a"]).get(f"/networks/{private_b.pk}/").status_code == 404
    assert client_for(personas["partner_b"]).get(f"/networks/{private_a.pk}/").status_code == 404
    assert client_for(personas["partner_b"]).get(f"/networks/{public.pk}/").status_code == 200
    # Nor on an organisation's page: B's page, read by A, names no network of B's.
    assert "quiet" not in client_for(personas["partner_a"]).get(
        f"/partners/{personas['partner_b'].organisation_id}/").content.decode()


def test_only_home_editors_run_networks_and_the_facilitator_keeps_it(personas, nets, org_a):
    public = nets[0]
    meeting = {"held_on": "2024-02-01", "title": "Planning", "attended_by": [org_a.pk]}
    for name in ("partner_a", "viewer"):
        assert client_for(personas[name]).post(
            f"/networks/{public.pk}/meetings/new/", meeting).status_code == 403
    services.facilitation_hand_over(network=public, by=None, data={
        "organisation": org_a, "since": D(2024, 2, 1)})
    response = client_for(personas["partner_a"]).post(
        f"/networks/{public.pk}/meetings/new/", meeting)
    assert response.status_code == 302 and Meeting.objects.filter(network=public).exists()
    assert client_for(personas["partner_a"]).post(
        f"/networks/{public.pk}/hand-over/", {}).status_code == 403
    assert client_for(personas["partner_b"]).post(
        f"/networks/{public.pk}/meetings/new/", meeting).status_code == 403


def test_staff_set_up_a_network_on_the_page(personas, org_a, org_b):
    home = home_organisation()
    from hamwe.partners.tests.factories import ThematicAreaFactory

    theme = ThematicAreaFactory(name="Governance")
    response = client_for(personas["staff"]).post("/networks/new/", {
        "name": "Governance coalition", "theme": theme.pk, "visibility": "public",
        "initiated_by": home.pk, "set_up_on": "2024-03-01", "members": [org_a.pk, org_b.pk]})
    created = Network.objects.get()
    assert response.status_code == 302 and response.url == f"/networks/{created.pk}/"
    assert created.memberships.count() == 3


def test_list_and_detail_in_a_fixed_number_of_queries(personas, django_assert_max_num_queries):
    home = home_organisation()
    members = [OrganisationFactory() for _ in range(12)]
    for n in range(15):
        made = network(initiated_by=home, members=members[:4 + n % 8], name=f"Net {n}",
                       theme=f"Theme {n % 3}")
    for n in range(6):
        services.meeting_record(network=made, by=None, data={
            "held_on": D(2024, 2, n + 1), "title": f"Meeting {n}"}, attended_by=members[:3])
        services.activity_record(network=made, by=None, data={
            "kind": "study", "title": f"Study {n}", "started_on": D(2024, 2, n + 1),
            "led_by": members[0]}, organisations=members[1:3])
    client = client_for(personas["partner_a"])
    # 1 session, 2 user, 3 the networks with their counts, 4 the themes; the rest: what is
    # due and the header's count (other apps', at most 8).
    with django_assert_max_num_queries(14):
        assert client.get("/networks/").status_code == 200
    # 1-2 session and user, 3 the network, 4-10 members, facilitations, statuses,
    # meetings and who came, activities with their lead and who took part, links.
    with django_assert_max_num_queries(18):
        assert client.get(f"/networks/{made.pk}/").status_code == 200


def test_structures_pages_and_their_queries(personas, django_assert_max_num_queries):
    cso = OrganisationFactory(name="Accompanying CSO")
    for n in range(10):
        structure = services.structure_create(by=None, data={
            "organisation": community_group(f"Club {n}"), "kind": "vsl_group"})
        services.maturity_record(structure=structure, by=None,
                                 data={"on": D(2024, 1, 1), "level": 1 + n % 4})
        services.accompaniment_add(structure=structure, by=None,
                                   data={"organisation": cso, "since": D(2024, 1, 1)})
    staff = client_for(personas["staff"])
    # 1-2 session and user, 3 structures, 4 their steps, 5-6 accompaniments and their
    # organisations; the rest other apps' (what is due, the header).
    with django_assert_max_num_queries(16):
        page = staff.get("/networks/structures/").content.decode()
    assert page.count("Club ") == 10
    # A partner reads only its own structure's record.
    assert "Club 3" not in client_for(personas["partner_a"]).get(
        "/networks/structures/").content.decode()
    response = staff.post(f"/networks/structures/{structure.pk}/registered/", {
        "registered_on": "2025-01-10", "registration_note": "Cooperative", "version": 1})
    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.registered_on == D(2025, 1, 10)


def test_the_graph_page_says_it_in_lists_and_loads_the_drawing(personas, org_a):
    home = home_organisation()
    network(initiated_by=home, members=[org_a], name="Open land network")
    page = client_for(personas["staff"]).get("/networks/graph/").content.decode()
    assert "cytoscape.min.js" in page and "Open land network" in page
    assert "Bridges" in page and "Isolated partners" in page
    assert "cytoscape" not in client_for(personas["staff"]).get("/networks/").content.decode()
    data = client_for(personas["staff"]).get("/networks/graph.json").json()
    assert {sector for _id, _label, sector in data["nodes"]} >= {"home", "network", "cso"}


def test_the_api_keeps_the_same_rule(personas, nets, org_a):
    public, private_a, private_b = nets
    as_b = client_for(personas["partner_b"])
    names = {n["name"] for n in as_b.get("/api/v1/networks/networks/").json()}
    assert names == {"Open land network", "B's quiet coalition"}
    assert as_b.get(f"/api/v1/networks/networks/{private_a.pk}/").status_code == 404
    member_ids = {m["organisation"] for m in as_b.get(
        f"/api/v1/networks/networks/{public.pk}/").json()["members"]}
    assert org_a.pk in member_ids
    graph = client_for(personas["staff"]).get("/api/v1/networks/graph/").json()
    assert graph["networks"] == 3 and graph["organisations"] >= 3
