"""The networks' measures, as the data stood on a day."""

import datetime

import pytest

from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.partnerships.tests.test_measures import make
from hamwe.policy.measures import compute

from .. import services
from .factories import community_group, home_organisation, network

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def partners():
    """The home NGO and three partners (a programme with each, running from 2015)."""
    home = home_organisation()
    a, b, c = (OrganisationFactory(name=f"Partner {x}") for x in "ABC")
    make("Home programme", [home, a, b, c], initiated_by=home, created=D(2015, 1, 1),
         starts=D(2015, 2, 1))
    return home, a, b, c


def test_sd4_counts_joint_activities_a_partner_led(partners, django_assert_max_num_queries):
    home, a, b, c = partners
    net = network(initiated_by=home, members=[a, b, c], theme="Land rights",
                  set_up_on=D(2024, 1, 10))
    before = compute("partnerships-among-partners", {}, as_of=D(2024, 6, 30))
    services.activity_record(network=net, by=None, data={
        "kind": "advocacy", "title": "Home-led hearing", "started_on": D(2024, 3, 1),
        "led_by": home}, organisations=[a, b])
    services.activity_record(network=net, by=None, data={
        "kind": "advocacy", "title": "Land law petition", "started_on": D(2024, 4, 1),
        "ended_on": D(2024, 4, 1), "led_by": a}, organisations=[b])
    # 1-2 the partnerships' count per area and rows; 3 the activities per area; 4 their rows.
    with django_assert_max_num_queries(4):
        after = compute("partnerships-among-partners", {}, as_of=D(2024, 6, 30))
    assert (before.value, after.value) == (0, 1)
    assert after.detail["per_area"] == {"Land rights": 1}
    assert [(r.kind, r.label, r.counts) for r in after.rows] == [
        ("network", "Land law petition (Governance network)", True)]
    # A one-day action counts for the year after it: not two years on.
    assert compute("partnerships-among-partners", {}, as_of=D(2026, 6, 30)).value == 0
    assert compute("partnerships-among-partners", {"per_area": 2},
                   as_of=D(2024, 6, 30)).value == 0


def test_networks_set_up_and_handed_over(partners, django_assert_max_num_queries):
    home, a, b, c = partners
    first = network(initiated_by=home, members=[a, b], name="First", set_up_on=D(2024, 1, 1))
    network(initiated_by=a, members=[c], name="Partner-led", set_up_on=D(2024, 2, 1))
    services.facilitation_hand_over(network=first, by=None, data={
        "organisation": a, "since": D(2025, 1, 1)})
    services.status_change(network=first, by=None, data={"status": "closed",
                                                         "since": D(2026, 1, 1)})

    def value(name, on, **params):
        return compute(name, params, as_of=on).value

    assert value("networks-set-up", D(2024, 1, 31)) == 1
    assert value("networks-set-up", D(2025, 6, 30)) == 2
    assert value("networks-set-up", D(2025, 6, 30), initiated_by_home=True) == 1
    assert value("networks-set-up", D(2026, 6, 30)) == 1  # the first one closed
    assert value("networks-handed-over", D(2024, 12, 31)) == 0
    # 1 the count, 2 the rows.
    with django_assert_max_num_queries(2):
        handed = compute("networks-handed-over", {}, as_of=D(2025, 6, 30))
    assert handed.value == 1 and [r.label for r in handed.rows] == ["First"]


def test_community_structures_matured_and_registered(django_assert_max_num_queries):
    made = []
    for name, levels in (("Rising club", (1, 3)), ("Steady club", (2, 2)),
                         ("New club", (1,))):
        structure = services.structure_create(by=None, data={
            "organisation": community_group(name), "kind": "peace_club"})
        for year, level in zip((2023, 2024), levels, strict=False):
            services.maturity_record(structure=structure, by=None,
                                     data={"on": D(year, 6, 1), "level": level})
        made.append(structure)
    services.structure_register(structure=made[0], by=None, expected_version=1,
                                data={"registered_on": D(2024, 9, 1)})
    with django_assert_max_num_queries(2):
        matured = compute("community-structures-matured", {}, as_of=D(2024, 12, 31))
    assert matured.value == 1 and [r.label for r in matured.rows] == ["Rising club"]
    assert compute("community-structures-matured", {}, as_of=D(2023, 12, 31)).value == 0
    assert compute("community-structures-registered", {}, as_of=D(2024, 8, 31)).value == 0
    assert compute("community-structures-registered", {}, as_of=D(2024, 12, 31)).value == 1
