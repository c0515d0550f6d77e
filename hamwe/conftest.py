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


def organisation_a():
    """Organisation A, its private fields marked with the secrets."""
    org = OrganisationFactory(
        name="Alpha Women's Savings Network",
        acronym="AWSN",
        registration_number=SECRET_REGISTRATION,
        notes=SECRET_NOTE,
    )
    ContactFactory(organisation=org, name="Contact of A", email=SECRET_CONTACT_EMAIL)
    return org


def organisation_b():
    return OrganisationFactory(name="Beta Youth Radio", acronym="BYR", sector="media")


@pytest.fixture
def org_a(db):
    return organisation_a()


@pytest.fixture
def org_b(db):
    return organisation_b()


@pytest.fixture
def personas(db, org_a, org_b):
    return personas_of(org_a, org_b)


def personas_of(org_a, org_b):
    """Every kind of user, keyed by name. None is the anonymous visitor. Their names are
    names only (no digits, no word a page or a policy uses), so that what a test looks
    for on a page is never found in who is signed in; and short, as the header shows
    them (a long one wraps it on a phone, and a page's measured height with it)."""
    return {
        "anonymous": None,
        "no_role": UserFactory(email="norole@example.org", full_name="Nadia Uwase", role=""),
        "viewer": UserFactory(email="viewer@example.org", full_name="Vera Uwimana",
                              role=Role.VIEWER),
        "staff": UserFactory(email="staff@example.org", full_name="Sylvie Keza",
                             role=Role.STAFF),
        "admin": UserFactory(email="admin@example.org", full_name="Aime Akimana",
                             role=Role.ADMIN),
        "partner_a": UserFactory(
            email="partner@a.example", full_name="Pia Irakoze", role=Role.PARTNER,
            organisation=org_a,
        ),
        "partner_admin_a": UserFactory(
            email="partner.admin@a.example", full_name="Paula Ineza", role=Role.PARTNER,
            organisation=org_a, is_partner_admin=True,
        ),
        "partner_b": UserFactory(
            email="partner@b.example", full_name="Ben Mugisha", role=Role.PARTNER,
            organisation=org_b,
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
    return example_policy()


def example_policy():
    """The documented example pack, loaded and live: a four-stage cycle with loops, gates,
    principles and non-partnership patterns."""
    from pathlib import Path

    from hamwe.policy import services
    from hamwe.policy.validation import parse_file

    pack = Path(__file__).parent / "policy" / "tests" / "example-pack.yaml"
    return services.policy_load(pack=parse_file(pack))


@pytest.fixture
def partnership_a(org_a, live_policy):
    return partnership_of_a(org_a)


def partnership_of_a(org_a):
    """A partnership of A with a third organisation (never B), with a contribution."""
    from hamwe.partnerships.tests.factories import PartnershipFactory, brings, in_role

    third = OrganisationFactory(name="Gamma Research Institute", sector="research")
    return PartnershipFactory(
        title=f"Savings groups with research ({SECRET_PARTNERSHIP})", kind="strategic",
        shared_vision="Women save and invest together.",
        parties=[in_role(org_a, "implementing", own_objectives="Grow our groups"),
                 in_role(third, "knowledge")],
        contributions=[brings(org_a, kind="staff",
                                    description=f"Two facilitators ({SECRET_CONTRIBUTION})")],
    )


@pytest.fixture
def round_a(org_a, personas, live_policy):
    return round_of_a(personas)


def round_of_a(personas):
    """An open score-card round that A's partner users (and partner_b) are invited to."""
    from hamwe.scorecards.tests.factories import RoundFactory

    return RoundFactory(
        by=personas["staff"], title="Partner score card 2026", status="open",
        invited=[personas["partner_a"], personas["partner_admin_a"], personas["partner_b"]])


@pytest.fixture
def without_the_strategy_plan(monkeypatch):
    """What is due, without the strategy's overdue activities: the example pack's action
    plan lies in fiscal periods already past, so on any date its activities are overdue for
    home editors; tests that count other apps' items leave them out."""
    from hamwe.core import registries

    monkeypatch.setattr(registries, "_DUE", {
        name: provider for name, provider in registries._DUE.items()
        if name != "strategy-activity"})


@pytest.fixture
def without_the_reporting_fact(monkeypatch):
    """The cycle as it runs without the reporting app: its gate item "reports approved"
    is then ticked by hand. Tests of the cycle's hand ticks, loop-backs and reviews walk a
    partnership through stages whose gates ask for it, without writing reports."""
    from hamwe.policy import facts

    monkeypatch.delitem(facts._IMPLEMENTATIONS, "report-approved")
