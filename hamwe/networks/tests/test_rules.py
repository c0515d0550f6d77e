"""The networks' rules, through the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hamwe.partners.tests.factories import OrganisationFactory

from .. import services
from ..models import CommunityStructure, Network
from .factories import community_group, home_organisation, network

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def net():
    home = home_organisation()
    a, b, c = (OrganisationFactory(name=f"Member {x}", acronym=f"M{x}") for x in "ABC")
    made = network(initiated_by=home, members=[a, b, c])
    made.home, made.a, made.b, made.c = home, a, b, c
    return made


def test_a_network_starts_facilitated_and_convened_by_its_initiator(net):
    assert net.facilitator == net.home and net.status == Network.Status.FORMING
    roles = dict(net.memberships.values_list("organisation__name", "role"))
    assert roles == {"Home NGO": "convenor", "Member A": "member", "Member B": "member",
                     "Member C": "member"}
    assert list(net.statuses.values_list("status", flat=True)) == ["forming"]


def test_hand_over_keeps_the_history_and_moves_the_facilitator(net):
    services.facilitation_hand_over(network=net, by=None, data={
        "organisation": net.a, "since": D(2025, 3, 1), "note": "A convenes now"})
    net.refresh_from_db()
    assert net.facilitator == net.a
    history = list(net.facilitations.values_list("organisation__name",
                                                 "handed_over_by__name", "since"))
    assert history == [("Home NGO", None, D(2024, 1, 15)),
                       ("Member A", "Home NGO", D(2025, 3, 1))]


def test_hand_over_only_to_another_member_in_order(net):
    stranger = OrganisationFactory(name="Stranger")
    with pytest.raises(ValidationError) as error:
        services.facilitation_hand_over(network=net, by=None, data={
            "organisation": stranger, "since": D(2025, 3, 1)})
    assert "member of the network" in str(error.value)
    with pytest.raises(ValidationError, match="already facilitates"):
        services.facilitation_hand_over(network=net, by=None, data={
            "organisation": net.home, "since": D(2025, 3, 1)})
    services.facilitation_hand_over(network=net, by=None, data={
        "organisation": net.a, "since": D(2025, 3, 1)})
    with pytest.raises(ValidationError, match="later hand-over"):
        services.facilitation_hand_over(network=net, by=None, data={
            "organisation": net.b, "since": D(2025, 1, 1)})


def test_status_over_time_shows_the_newest(net):
    services.status_change(network=net, by=None, data={"status": "active",
                                                       "since": D(2024, 6, 1)})
    services.status_change(network=net, by=None, data={"status": "dormant",
                                                       "since": D(2024, 3, 1)})
    net.refresh_from_db()
    assert net.status == "active"  # the newest by date, not the last typed
    with pytest.raises(ValidationError, match="not before"):
        services.status_change(network=net, by=None, data={"status": "active",
                                                           "since": D(2023, 1, 1)})


def test_meetings_and_activities_are_of_members(net):
    meeting = services.meeting_record(network=net, by=None, data={
        "held_on": D(2024, 2, 1), "title": "First meeting"}, attended_by=[net.a, net.b])
    assert set(meeting.attended_by.all()) == {net.a, net.b}
    stranger = OrganisationFactory(name="Stranger")
    with pytest.raises(ValidationError, match="Stranger"):
        services.meeting_record(network=net, by=None, data={
            "held_on": D(2024, 2, 1), "title": "Second"}, attended_by=[net.a, stranger])
    with pytest.raises(ValidationError, match="at least two"):
        services.activity_record(network=net, by=None, data={
            "kind": "advocacy", "title": "Alone", "started_on": D(2024, 3, 1),
            "led_by": net.a}, organisations=[])
    activity = services.activity_record(network=net, by=None, data={
        "kind": "advocacy", "title": "Land rights", "started_on": D(2024, 3, 1),
        "led_by": net.a}, organisations=[net.b])
    assert set(activity.organisations.all()) == {net.a, net.b}  # the lead takes part


def test_a_member_left_is_no_longer_present(net):
    late = OrganisationFactory(name="Late member")
    with pytest.raises(ValidationError):
        services.member_add(network=net, by=None, data={
            "organisation": late, "role": "member", "joined_on": D(2023, 1, 1)})
    services.member_add(network=net, by=None, data={
        "organisation": late, "role": "observer", "joined_on": D(2024, 5, 1)})
    with pytest.raises(ValidationError, match="Late member"):
        services.meeting_record(network=net, by=None, data={
            "held_on": D(2024, 4, 1), "title": "Before it joined"}, attended_by=[late, net.a])


def test_community_structure_rules():
    cso = OrganisationFactory(name="Accompanying CSO")
    with pytest.raises(ValidationError, match="community-group sector"):
        services.structure_create(by=None, data={"organisation": cso, "kind": "peace_club"})
    structure = services.structure_create(by=None, data={
        "organisation": community_group(), "kind": "peace_club", "formed_on": D(2020, 1, 1)})
    with pytest.raises(ValidationError, match="maturity scale"):
        services.maturity_record(structure=structure, by=None,
                                 data={"on": D(2021, 1, 1), "level": 9})
    services.maturity_record(structure=structure, by=None, data={"on": D(2021, 1, 1),
                                                                 "level": 1})
    with pytest.raises(ValidationError, match="civil-society"):
        services.accompaniment_add(structure=structure, by=None, data={
            "organisation": community_group("Another club"), "since": D(2021, 1, 1)})
    services.accompaniment_add(structure=structure, by=None, data={
        "organisation": cso, "since": D(2021, 1, 1)})
    with pytest.raises(ValidationError, match="before it was formed"):
        services.structure_register(structure=structure, by=None, expected_version=1,
                                    data={"registered_on": D(2019, 1, 1)})
    registered = services.structure_register(structure=structure, by=None,
                                             expected_version=1,
                                             data={"registered_on": D(2024, 1, 1)})
    assert registered.registered_on == D(2024, 1, 1)
    with pytest.raises(ValidationError, match="already registered"):
        services.structure_register(structure=registered, by=None, expected_version=2,
                                    data={"registered_on": D(2024, 2, 1)})
    assert CommunityStructure.objects.get().history.count() == 2
