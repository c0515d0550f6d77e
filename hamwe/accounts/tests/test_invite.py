import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from hamwe.accounts.models import Role, User
from hamwe.accounts.services import user_invite
from hamwe.conftest import client_for


def test_partner_admin_invites_a_colleague_who_gets_a_link(
    personas, org_a, django_capture_on_commit_callbacks
):
    client = client_for(personas["partner_admin_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/users/invite/",
            {"email": "New.Colleague@a.example", "full_name": "New Colleague", "role": "partner"},
        )
    assert response.status_code == 302
    invited = User.objects.get(email="new.colleague@a.example")
    assert invited.organisation == org_a and invited.role == Role.PARTNER
    assert not invited.has_usable_password()
    assert len(mail.outbox) == 1 and "new.colleague@a.example" in mail.outbox[0].to


def test_partner_admin_cannot_invite_into_another_organisation(personas, org_b):
    with pytest.raises(PermissionDenied):
        user_invite(
            by=personas["partner_admin_a"],
            email="x@b.example",
            role=Role.PARTNER,
            organisation=org_b,
        )
    assert not User.objects.filter(email="x@b.example").exists()


def test_partner_admin_cannot_invite_home_staff(personas, org_a):
    client = client_for(personas["partner_admin_a"])
    client.post("/users/invite/", {"email": "boss@a.example", "role": "admin"})
    assert not User.objects.filter(email="boss@a.example", role=Role.ADMIN).exists()


def test_plain_partner_user_cannot_invite(personas):
    assert client_for(personas["partner_a"]).get("/users/invite/").status_code == 403


def test_duplicate_address_is_a_clear_error(personas, org_a):
    with pytest.raises(ValidationError) as error:
        user_invite(by=personas["admin"], email="STAFF@example.org", role=Role.STAFF)
    assert "email" in error.value.message_dict


def test_a_partner_user_needs_an_organisation(personas):
    with pytest.raises(ValidationError) as error:
        user_invite(by=personas["admin"], email="p@x.example", role=Role.PARTNER)
    assert "organisation" in error.value.message_dict


def test_admin_user_list_shows_everyone_partner_admin_only_colleagues(personas):
    admin_page = client_for(personas["admin"]).get("/users/").content.decode()
    assert "partner@b.example" in admin_page and "staff@example.org" in admin_page
    partner_page = client_for(personas["partner_admin_a"]).get("/users/").content.decode()
    assert "partner@a.example" in partner_page
    assert "partner@b.example" not in partner_page and "staff@example.org" not in partner_page


def test_nobody_signs_themselves_up(db):
    response = client_for(None).post(
        "/accounts/signup/",
        {"email": "me@x.example", "password1": "a-long-pass-1", "password2": "a-long-pass-1"},
    )
    assert response.status_code in (200, 302)
    assert not User.objects.filter(email="me@x.example").exists()
