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
SECRETS_OF_A = (SECRET_REGISTRATION, SECRET_CONTACT_EMAIL, SECRET_NOTE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Login rate limits live in the cache: one test's failed logins must not lock out
    the next test's user."""
    from django.core.cache import cache

    cache.clear()
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
