import datetime

import pytest

from hamwe.core.registries import due_for
from hamwe.partners.tests.factories import OrganisationFactory

from .. import services
from .factories import community_group, home_organisation, network

D = datetime.date
pytestmark = pytest.mark.django_db


def _kinds(user, today, kind):
    return [(i.title, i.due_on) for i in due_for(user, today=today, only=[kind])]


def test_a_structure_assessed_a_year_ago_is_due(personas):
    structure = services.structure_create(by=None, data={
        "organisation": community_group("Club Amahoro"), "kind": "peace_club"})
    services.maturity_record(structure=structure, by=None, data={"on": D(2024, 1, 10),
                                                                 "level": 1})
    assert _kinds(personas["staff"], D(2024, 6, 1), "structure-maturity") == []
    assert _kinds(personas["staff"], D(2024, 12, 20), "structure-maturity") == [
        ("Record the maturity of Club Amahoro", D(2025, 1, 9))]
    assert _kinds(personas["partner_a"], D(2024, 12, 20), "structure-maturity") == []


def test_the_facilitating_partner_is_asked_for_a_meeting(personas, org_a):
    net = network(initiated_by=home_organisation(), members=[org_a, OrganisationFactory()],
                  set_up_on=D(2024, 1, 1))
    assert _kinds(personas["partner_a"], D(2024, 9, 1), "network-meeting") == []
    services.facilitation_hand_over(network=net, by=None, data={
        "organisation": org_a, "since": D(2024, 2, 1)})
    assert _kinds(personas["partner_a"], D(2024, 9, 1), "network-meeting") == [
        ("Record the latest meeting of Governance network", D(2024, 7, 1))]
    services.meeting_record(network=net, by=None, data={"held_on": D(2024, 8, 1),
                                                        "title": "Catch-up"},
                            attended_by=[org_a])
    assert _kinds(personas["partner_a"], D(2024, 9, 1), "network-meeting") == []
    assert _kinds(personas["partner_b"], D(2025, 9, 1), "network-meeting") == []
