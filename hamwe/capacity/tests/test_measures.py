"""`capacity-improvement`, computed by hand across two framework versions: a partner is
compared only with its baseline in the same framework version."""

import datetime

import pytest

from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.policy.measures import compute

from .factories import completed, next_framework_version

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def four_partners(org_a, org_b, personas, live_policy):
    staff = personas["staff"]
    org_c = OrganisationFactory(name="Gamma Cooperative")
    org_d = OrganisationFactory(name="Delta Health Committee")
    # Framework version 1.
    completed(org_a, 2, by=staff, on=D(2026, 1, 15))
    completed(org_a, {"internal-control": 3, "monitoring": 2}, by=staff, kind="follow-up",
              on=D(2026, 6, 1))  # +1 and 0: improving, mean change +0.5
    completed(org_b, 3, by=staff, on=D(2026, 1, 20))
    completed(org_b, {"internal-control": 2, "monitoring": 3}, by=staff, kind="follow-up",
              on=D(2026, 6, 2))  # -1 and 0: not improving, mean change -0.5
    completed(org_c, 2, by=staff, on=D(2026, 2, 1))
    next_framework_version()
    # Framework version 2: C's new baseline is not compared with its version-1 baseline
    # (that would count +2 in both domains).
    completed(org_c, 4, by=staff, on=D(2026, 7, 1))
    completed(org_d, 1, by=staff, on=D(2026, 7, 1))
    completed(org_d, {"internal-control": 1, "monitoring": 2}, by=staff, kind="follow-up",
              on=D(2026, 9, 1))  # 0 and +1: improving, mean change +0.5
    return org_a, org_b, org_c, org_d


def test_partners_improving_and_the_mean_change(four_partners, django_assert_max_num_queries):
    org_a, org_b, org_c, org_d = four_partners
    # 1 the partners compared (grouped), 2 the partners assessed.
    with django_assert_max_num_queries(2):
        result = compute("capacity-improvement", as_of=D(2026, 12, 31))
    assert result.value == 2
    assert result.detail["compared"] == 3
    assert result.detail["mean_change"] == round((0.5 - 0.5 + 0.5) / 3, 2) == 0.17
    assert result.detail["assessed"] == 4
    counted = {row.id for row in result.rows if row.counts}
    assert counted == {org_a.pk, org_d.pk}
    assert org_c.pk not in {row.id for row in result.rows}


def test_as_the_data_stood_on_a_past_day(four_partners):
    result = compute("capacity-improvement", as_of=D(2026, 6, 30))
    assert result.value == 1  # A only; D was not assessed yet, C not compared
    assert result.detail["compared"] == 2 and result.detail["mean_change"] == 0.0
    assert compute("capacity-improvement", as_of=D(2026, 1, 1)).value == 0


def test_some_domains_only(four_partners):
    result = compute("capacity-improvement", {"domains": ["project-performance"]},
                     as_of=D(2026, 12, 31))
    assert result.value == 1  # D
    assert result.detail["mean_change"] == round((0 + 0 + 1) / 3, 2)


def test_a_mutual_assessment_is_of_the_home_ngo_and_not_counted(org_a, personas,
                                                               live_policy):
    staff = personas["staff"]
    completed(org_a, 1, by=staff, mode="mutual", on=D(2026, 1, 5))
    completed(org_a, 4, by=staff, mode="mutual", kind="follow-up", on=D(2026, 6, 5))
    result = compute("capacity-improvement", as_of=D(2026, 12, 31))
    assert result.value == 0 and result.detail["assessed"] == 0
