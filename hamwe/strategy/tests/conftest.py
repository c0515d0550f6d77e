"""The strategy's test data, on the documented example pack (strategy July 2023 - June
2027, fiscal years from July): the day is fixed at 15 March 2026 (FY26 Q3), so FY24 and
FY25 have ended and FY26 is under way.

- SD1 `research-private-partnerships` (active-partnerships, research and private,
  target >= 2 sectors by June 2026): a running partnership of the home organisation
  with a research institute since January 2024, one with a company being scoped since
  May 2025: 2 sectors, met;
- SD2 `high-grades` (scorecard-high-grades, target >= 2): no round: 0, at risk;
- SD2 `partnership-manual` (manual, deadline December 2024): no entry yet.
"""

import datetime
from pathlib import Path

import pytest

from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.partnerships.models import Partnership, Party
from hamwe.policy.selectors import live_policy
from hamwe.strategy import clock
from hamwe.strategy.policy import current_strategy

TODAY = datetime.date(2026, 3, 15)
PACKS = Path(__file__).resolve().parents[2] / "policy" / "packs"
CARE, KIC = PACKS / "care-burundi.yaml", PACKS / "kic.yaml"
PDF = b"%PDF-1.4\n% evidence\n"


def load(path):
    from hamwe.policy import services
    from hamwe.policy.validation import parse_file

    return services.policy_load(pack=parse_file(path))


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


def partnership(title, organisations, *, created, status="active", starts=None):
    made = Partnership.objects.create(
        title=title, kind="strategic", status=status, starts_on=starts,
        stage="scoping-and-building" if status == "proposed" else "managing-and-maintaining",
        phase="scoping", includes_home=any(o.is_home for o in organisations),
        is_partnership=True,
    )
    moment = datetime.datetime.combine(created, datetime.time(9), tzinfo=datetime.UTC)
    Partnership.objects.filter(pk=made.pk).update(created_at=moment, updated_at=moment)
    for organisation in organisations:
        Party.objects.create(partnership=made, organisation=organisation, role="implementing")
    return made


@pytest.fixture
def home(live_policy):
    return OrganisationFactory(name="Home NGO", acronym="HOME", sector="ingo", is_home=True)


@pytest.fixture
def followed(home, today, org_a):
    """The example strategy with its SD1 partnerships (organisation A is the research
    partner, so its records are behind the value)."""
    from hamwe.partners.models import Organisation

    Organisation.objects.filter(pk=org_a.pk).update(sector="research")
    company = OrganisationFactory(name="Solar Lamps Ltd", sector="private")
    partnership("Soil research with A", [home, org_a], created=datetime.date(2023, 11, 1),
                starts=datetime.date(2024, 1, 1))
    partnership("Solar lamps talks", [home, company], created=datetime.date(2025, 5, 2),
                status="proposed")
    return current_strategy()


@pytest.fixture
def strategy(live_policy):
    return current_strategy()


def policy():
    return live_policy()


@pytest.fixture
def without_capacity_and_knowledge(monkeypatch):
    """The measures as they stand without the capacity and knowledge apps: what the
    strategy says of an indicator whose module is not in place."""
    from hamwe.policy import measures

    for name in ("capacity-improvement", "knowledge-use-by-key-positions",
                 "practices-adopted", "toolkits-published", "success-stories-shared"):
        monkeypatch.delitem(measures._IMPLEMENTATIONS, name, raising=False)
