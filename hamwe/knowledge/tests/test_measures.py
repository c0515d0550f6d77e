"""The knowledge measures on hand-built data (the example pack's fiscal year starts in
July: FY26 is July 2025 - June 2026)."""

import datetime

import pytest

from hamwe.knowledge import services
from hamwe.knowledge.models import Item, ProgrammeModel
from hamwe.knowledge.tests.factories import home_organisation, make_item
from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.policy.measures import compute

pytestmark = pytest.mark.django_db
D = datetime.date


def _adopt(item, organisation, by, on, confirm_by, confirmed_on=None):
    adoption = services.adoption_record(item=item, by=by, organisation=organisation,
                                        taken_up_in="A project", adopted_on=on)
    if confirm_by:
        services.adoption_confirm(adoption=adoption, by=confirm_by, on=confirmed_on or on)
    return adoption


def test_practices_adopted_in_each_direction(live_policy, personas, org_a, org_b):
    staff, admin = personas["staff"], personas["admin"]
    home = home_organisation()
    from_a = make_item(by=staff, origins=[org_a], title="A's practice", publish=True,
                       published_on=D(2025, 8, 1))
    from_home = make_item(by=staff, origins=[home], title="Home's model", publish=True,
                          published_on=D(2025, 8, 1))
    _adopt(from_a, home, staff, D(2025, 10, 1), personas["partner_a"])  # partner -> home
    _adopt(from_home, org_b, personas["partner_b"], D(2025, 11, 1), admin)  # home -> B
    _adopt(from_a, org_b, personas["partner_b"], D(2025, 12, 1), personas["partner_a"])
    _adopt(from_home, org_a, personas["partner_a"], D(2026, 1, 1), None)  # not confirmed
    _adopt(from_a, home, staff, D(2025, 5, 1), personas["partner_a"])  # FY25
    both = compute("practices-adopted", {"origin": "both"}, as_of=D(2026, 3, 31))
    assert both.value == 3 and both.target_met  # each counted once
    assert both.detail["from_partners"] == 1 and both.detail["from_home"] == 1
    assert both.detail["among_partners"] == 1
    assert compute("practices-adopted", {"origin": "partner"}, as_of=D(2026, 3, 31)).value == 1
    # As of October 15th only the first counts (one side only: not met); in FY25, May's.
    early = compute("practices-adopted", {"origin": "both"}, as_of=D(2025, 10, 15))
    assert early.value == 1 and not early.target_met
    assert compute("practices-adopted", {"origin": "partner"}, as_of=D(2025, 6, 30)).value == 1


def test_toolkits_on_topics_and_stories_per_year(live_policy, personas, org_a):
    staff = personas["staff"]
    abatangamuco = ProgrammeModel.objects.create(name="Abatangamuco")
    peace = ProgrammeModel.objects.create(name="Peace Clubs")
    make_item(by=staff, origins=[org_a], kind=Item.Kind.TOOLKIT, title="Toolkit A",
              publish=True, published_on=D(2014, 5, 1), programme_models=[abatangamuco])
    make_item(by=staff, origins=[org_a], kind=Item.Kind.TOOLKIT, title="Internal toolkit",
              publish=True, published_on=D(2014, 5, 1), sharing=Item.Sharing.INTERNAL,
              programme_models=[peace])
    params = {"topics": ["Abatangamuco", "Peace clubs"]}
    result = compute("toolkits-published", params, as_of=D(2014, 6, 30))
    assert result.value == 1 and result.target_met is False
    assert result.detail["topics"] == {"Abatangamuco": 1, "Peace clubs": 0}
    make_item(by=staff, origins=[org_a], kind=Item.Kind.TOOLKIT, title="Toolkit P",
              publish=True, published_on=D(2014, 6, 1), programme_models=[peace])
    assert compute("toolkits-published", params, as_of=D(2014, 6, 30)).target_met
    assert compute("toolkits-published", params, as_of=D(2014, 4, 30)).value == 0

    for day in (D(2025, 9, 1), D(2026, 2, 1), D(2026, 8, 1)):
        make_item(by=staff, origins=[org_a, OrganisationFactory()], kind=Item.Kind.STORY,
                  title=f"Story {day}", publish=True, published_on=day)
    stories = compute("success-stories-shared", {"per_year": 2}, as_of=D(2026, 6, 30))
    assert stories.value == 2 and stories.target_met
    assert [r.label for r in stories.rows] == ["Story 2025-09-01", "Story 2026-02-01"]
    assert compute("success-stories-shared", {"per_year": 2}, as_of=D(2026, 1, 1)).value == 1
