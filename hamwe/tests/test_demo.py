from collections import Counter

import pytest
from django.contrib.auth import authenticate

from hamwe.accounts.models import Role, User
from hamwe.demo import load_demo
from hamwe.partners.models import Contact, ImpactGroup, Organisation, Sector, ThematicArea


def _counts():
    return {
        "organisations": Organisation.objects.count(),
        "organisation history": Organisation.history.count(),
        "contacts": Contact.objects.count(),
        "contact history": Contact.history.count(),
        "thematic areas": ThematicArea.objects.count(),
        "impact groups": ImpactGroup.objects.count(),
        "users": User.objects.count(),
        "user history": User.history.count(),
    }


@pytest.fixture
def demo(db):
    return load_demo()


def test_running_twice_duplicates_nothing(demo):
    before = _counts()
    again = load_demo()
    assert _counts() == before
    assert again["users"] == demo["users"]


def test_every_sector_has_at_least_three_organisations(demo):
    counts = Counter(Organisation.objects.values_list("sector", flat=True))
    assert {sector: counts[sector] for sector in Sector.values if counts[sector] < 3} == {}


def test_exactly_one_home_organisation(demo):
    assert Organisation.objects.filter(is_home=True).count() == 1


def test_every_organisation_has_one_main_contact(demo):
    for organisation in Organisation.objects.all():
        assert organisation.contacts.filter(is_primary=True).count() == 1, organisation


def test_every_login_works_with_the_printed_password(demo):
    for _label, email in demo["users"]:
        assert authenticate(email=email, password=demo["password"]) is not None, email


def test_password_changes_each_run_and_the_new_one_works(demo):
    again = load_demo()
    assert again["password"] != demo["password"]
    for _label, email in again["users"]:
        user = User.objects.get(email=email)
        assert user.check_password(again["password"])
        assert not user.check_password(demo["password"])


def test_partner_users_belong_to_organisations(demo):
    partners = User.objects.filter(role=Role.PARTNER)
    assert partners.filter(is_partner_admin=True).count() >= 2
    assert partners.filter(is_partner_admin=False).count() >= 2
    for user in partners:
        assert user.organisation is not None
        assert not user.organisation.is_home
    emails = {email for _label, email in demo["users"]}
    assert set(partners.values_list("email", flat=True)) <= emails


def test_home_users_have_their_roles(demo):
    admin = User.objects.get(email="admin@hamwe.example")
    assert admin.role == Role.ADMIN and admin.is_superuser
    assert User.objects.get(email="staff@hamwe.example").role == Role.STAFF
    assert User.objects.get(email="viewer@hamwe.example").role == Role.VIEWER


def test_audit_trail_names_the_demo_admin_and_shows_edits(demo):
    admin = User.objects.get(email="admin@hamwe.example")
    assert not Organisation.history.exclude(history_user=admin).exists()
    changed = Organisation.history.filter(history_type="~", history_user=admin)
    edited = {
        record.name
        for record in changed
        if record.prev_record is not None
        and {"staff_size", "description"}
        & set(record.diff_against(record.prev_record).changed_fields)
    }
    assert len(edited) >= 2
