"""Shared test fixtures: the personas every view test checks against.

Organisation A is the one whose records the personas probe; B is another partner.
"""

import pytest

from hamwe.accounts.models import Role
from hamwe.accounts.tests.factories import UserFactory
from hamwe.partners.tests.factories import ContactFactory, OrganisationFactory

PASSWORD = "correct-horse-battery"

# Markers planted in A's private fields: any response that shows one to someone who may
# not see A's private record is a leak.
SECRET_REGISTRATION = "SECRET-REG-A-7731"
SECRET_CONTACT_EMAIL = "secret.contact.a@partner-a.example"
SECRET_NOTE = "SECRET-NOTE-A-4410"
SECRET_PARTNERSHIP = "SECRET-PARTNERSHIP-A-2291"
SECRET_CONTRIBUTION = "SECRET-CONTRIBUTION-A-5150"
SECRETS_OF_A = (SECRET_REGISTRATION, SECRET_CONTACT_EMAIL, SECRET_NOTE, SECRET_PARTNERSHIP,
                SECRET_CONTRIBUTION)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Login rate limits live in the cache: one test's failed logins must not lock out
    the next test's user. Rendered fragments too: a rolled-back test's ids come back."""
    from django.core.cache import cache, caches

    cache.clear()
    caches["fragments"].clear()
    yield


@pytest.fixture
def org_a(db):
    org = OrganisationFactory(
        name="Alpha Women's Savings Network",
        acronym="AWSN",
        registration_number=SECRET_REGISTRATION,
        notes=SECRET_NOTE,
    )
    ContactFactory(organisation=org, name="Contact of A", email=SECRET_CONTACT_EMAIL)
    return org


@pytest.fixture
def org_b(db):
    return OrganisationFactory(name="Beta Youth Radio", acronym="BYR", sector="media")


@pytest.fixture
def personas(db, org_a, org_b):
    """Every kind of user, keyed by name. None is the anonymous visitor."""
    return {
        "anonymous": None,
        "no_role": UserFactory(email="norole@example.org", role=""),
        "viewer": UserFactory(email="viewer@example.org", role=Role.VIEWER),
        "staff": UserFactory(email="staff@example.org", role=Role.STAFF),
        "admin": UserFactory(email="admin@example.org", role=Role.ADMIN),
        "partner_a": UserFactory(
            email="partner@a.example", role=Role.PARTNER, organisation=org_a
        ),
        "partner_admin_a": UserFactory(
            email="partner.admin@a.example", role=Role.PARTNER, organisation=org_a,
            is_partner_admin=True,
        ),
        "partner_b": UserFactory(
            email="partner@b.example", role=Role.PARTNER, organisation=org_b
        ),
    }


# Who may read A's private record, and who may change it.
SEES_A_PRIVATE = {"viewer", "staff", "admin", "partner_a", "partner_admin_a"}
EDITS_A = {"staff", "admin", "partner_a", "partner_admin_a"}


def client_for(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def live_policy(db):
    """The documented example pack, loaded and live: a four-stage cycle with loops, gates,
    principles and non-partnership patterns."""
    from pathlib import Path

    from hamwe.policy import services
    from hamwe.policy.validation import parse_file

    pack = Path(__file__).parent / "policy" / "tests" / "example-pack.yaml"
    return services.policy_load(pack=parse_file(pack))


@pytest.fixture
def partnership_a(org_a, live_policy):
    """A partnership of A with a third organisation (never B), with a contribution."""
    from hamwe.partnerships.models import Contribution, Partnership, Party
    from hamwe.partnerships.records.services import sync_parties

    third = OrganisationFactory(name="Gamma Research Institute", sector="research")
    partnership = Partnership.objects.create(
        title=f"Savings groups with research ({SECRET_PARTNERSHIP})", kind="strategic",
        stage="scoping-and-building", phase="scoping",
        shared_vision="Women save and invest together.",
    )
    party_a = Party.objects.create(partnership=partnership, organisation=org_a,
                                   role="implementing", own_objectives="Grow our groups")
    Party.objects.create(partnership=partnership, organisation=third, role="knowledge")
    Contribution.objects.create(party=party_a, kind="staff",
                                description=f"Two facilitators ({SECRET_CONTRIBUTION})")
    sync_parties(partnership)  # as the services keep it: the parties' sectors, for filters
    return partnership


@pytest.fixture
def round_a(org_a, personas, live_policy):
    """An open score-card round that A's partner users (and partner_b) are invited to."""
    import datetime

    from hamwe.scorecards.rounds import services

    round_ = services.round_create(
        by=personas["staff"], title="Partner score card 2026", period="FY26",
        opens_on=datetime.date(2026, 1, 1), closes_on=datetime.date(2026, 12, 31))
    services.invite(
        round_=round_, by=personas["staff"],
        users=[personas["partner_a"], personas["partner_admin_a"], personas["partner_b"]])
    services.round_open(round_=round_, by=personas["staff"])
    round_.refresh_from_db()
    return round_
