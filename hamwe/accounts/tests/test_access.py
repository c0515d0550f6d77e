"""The access rule, function by function, for every persona."""

import pytest

from hamwe.accounts import access
from hamwe.conftest import EDITS_A, SEES_A_PRIVATE
from hamwe.partners.models import Contact, Organisation


@pytest.mark.parametrize(
    "persona",
    [
        "anonymous",
        "no_role",
        "viewer",
        "staff",
        "admin",
        "partner_a",
        "partner_admin_a",
        "partner_b",
    ],
)
def test_scope_of_contacts_follows_the_rule(personas, org_a, org_b, persona):
    from hamwe.partners.tests.factories import ContactFactory

    ContactFactory(organisation=org_b)
    user = personas[persona]
    visible = set(Contact.objects.visible_to(user).values_list("organisation_id", flat=True))
    if persona in {"viewer", "staff", "admin"}:
        assert visible == {org_a.pk, org_b.pk}
    elif persona in {"partner_a", "partner_admin_a"}:
        assert visible == {org_a.pk}
    elif persona == "partner_b":
        assert visible == {org_b.pk}
    else:
        assert visible == set()


@pytest.mark.parametrize(
    "persona",
    [
        "anonymous",
        "no_role",
        "viewer",
        "staff",
        "admin",
        "partner_a",
        "partner_admin_a",
        "partner_b",
    ],
)
def test_private_and_edit_predicates(personas, org_a, persona):
    user = personas[persona]
    assert access.sees_private(user, org_a.pk) is (persona in SEES_A_PRIVATE)
    assert access.may_edit_organisation(user, org_a.pk) is (persona in EDITS_A)


def test_deny_by_default(personas, org_a):
    for persona in ("anonymous", "no_role"):
        user = personas[persona]
        assert not Organisation.objects.visible_to(user).exists()
        assert not Organisation.objects.fully_visible_to(user).exists()


def test_inactive_user_sees_nothing(personas, org_a):
    staff = personas["staff"]
    staff.is_active = False
    assert not Organisation.objects.visible_to(staff).exists()


def test_partner_sees_every_public_profile_but_only_own_full_record(personas, org_a, org_b):
    user = personas["partner_b"]
    assert set(Organisation.objects.visible_to(user)) == {org_a, org_b}
    assert list(Organisation.objects.fully_visible_to(user)) == [org_b]


def test_scope_through_a_to_many_path_does_not_repeat_rows(personas, org_a):
    from hamwe.partners.tests.factories import ContactFactory

    ContactFactory(organisation=org_a)
    qs = access.scope(
        Organisation.objects.all(), personas["partner_a"], via="contacts__organisation"
    )
    assert list(qs) == [org_a]


def test_only_admins_and_partner_admins_invite(personas, org_a, org_b):
    assert access.may_invite(personas["admin"], organisation_id=org_b.pk)
    assert access.may_invite(personas["partner_admin_a"], organisation_id=org_a.pk)
    assert not access.may_invite(personas["partner_admin_a"], organisation_id=org_b.pk)
    assert not access.may_invite(personas["partner_a"], organisation_id=org_a.pk)
    assert not access.may_invite(personas["staff"], organisation_id=org_a.pk)
