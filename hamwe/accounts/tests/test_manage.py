"""Managing people's access: roles, the partner-admin flag, deactivation, invitations."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from hamwe.accounts import services
from hamwe.accounts.models import ApiToken, Role, User
from hamwe.accounts.tests.factories import UserFactory
from hamwe.conftest import client_for


def test_an_admin_changes_a_home_users_role_and_the_history_says_who(personas):
    staff, admin = personas["staff"], personas["admin"]
    client = client_for(admin)
    response = client.post(f"/users/{staff.pk}/access/", {
        "role": "viewer", "seen": services.access_state(staff)})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.role == Role.VIEWER
    page = client.get(f"/users/{staff.pk}/").content.decode()
    assert "Change history" in page and admin.full_name in page


def test_a_partner_user_stays_a_partner_user(personas):
    partner = personas["partner_a"]
    with pytest.raises(ValidationError) as refused:
        services.user_change_access(by=personas["admin"], person=partner, role=Role.ADMIN)
    assert "stays a partner user" in str(refused.value)
    partner.refresh_from_db()
    assert partner.role == Role.PARTNER


def test_a_partner_admin_manages_colleagues_of_their_own_organisation_only(personas):
    partner_admin = personas["partner_admin_a"]
    colleague, outsider = personas["partner_a"], personas["partner_b"]
    client = client_for(partner_admin)
    assert client.post(f"/users/{colleague.pk}/access/", {
        "is_partner_admin": "on", "seen": services.access_state(colleague)}).status_code == 302
    colleague.refresh_from_db()
    assert colleague.is_partner_admin
    # Another organisation's user is not even found; home users neither.
    assert client.post(f"/users/{outsider.pk}/active/", {"active": "0"}).status_code == 404
    assert client.get(f"/users/{personas['staff'].pk}/").status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active


@pytest.mark.parametrize("persona", ["staff", "viewer", "partner_a"])
def test_who_may_not_manage_is_refused(personas, persona):
    target = personas["partner_admin_a"] if persona == "partner_a" else personas["partner_a"]
    client = client_for(personas[persona])
    response = client.post(f"/users/{target.pk}/active/", {"active": "0"})
    assert response.status_code in (403, 404)
    target.refresh_from_db()
    assert target.is_active


def test_no_one_manages_themselves_so_an_active_admin_remains(personas):
    admin = personas["admin"]
    with pytest.raises(PermissionDenied):
        services.user_deactivate(by=admin, person=admin)
    with pytest.raises(PermissionDenied):
        services.user_change_access(by=admin, person=admin, role=Role.VIEWER)
    second = UserFactory(role=Role.ADMIN)
    services.user_deactivate(by=second, person=admin)
    admin.refresh_from_db()
    assert not admin.is_active
    # An inactive admin manages no one, so the one active admin left stays one.
    with pytest.raises(PermissionDenied):
        services.user_change_access(by=admin, person=second, role=Role.STAFF)
    with pytest.raises(PermissionDenied):
        services.user_reactivate(by=admin, person=admin)
    second.refresh_from_db()
    assert second.role == Role.ADMIN and second.is_active


def test_a_change_made_meanwhile_is_not_silently_undone(personas):
    partner = personas["partner_a"]
    seen = services.access_state(partner)
    services.user_change_access(by=personas["admin"], person=partner, is_partner_admin=True)
    client = client_for(personas["partner_admin_a"])
    response = client.post(f"/users/{partner.pk}/access/", {"seen": seen})  # unticks the flag
    assert response.status_code == 400
    assert "while you were looking" in response.content.decode()
    partner.refresh_from_db()
    assert partner.is_partner_admin


def test_deactivation_ends_an_open_session_and_the_api_tokens_at_once(personas):
    from hamwe.accounts.tests.test_tokens import api_with, make, signed_in_with_two_factors

    partner = personas["partner_a"]
    theirs, _secret = signed_in_with_two_factors(partner)
    _response, token = make(theirs)
    assert api_with(token).get("/api/v1/organisations/").status_code == 200
    assert theirs.get("/").status_code == 200
    session_key = theirs.session.session_key
    client_for(personas["partner_admin_a"]).post(
        f"/users/{partner.pk}/active/", {"active": "0", "seen": services.access_state(partner)})
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=session_key).exists()
    response = theirs.get("/partners/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert api_with(token).get("/api/v1/organisations/").status_code in (401, 403)
    assert not ApiToken.objects.filter(user=partner).exists()
    # Reactivated, they sign in again; nothing they recorded was lost.
    services.user_reactivate(by=personas["admin"], person=partner)
    assert client_for(partner).get("/partners/").status_code == 200


def test_an_unused_invitation_is_sent_again(personas, org_a, django_capture_on_commit_callbacks):
    invited = services.user_invite(by=personas["admin"], email="new@a.example",
                                   role=Role.PARTNER, organisation=org_a)
    client = client_for(personas["partner_admin_a"])
    assert "Send the invitation again" in client.get(f"/users/{invited.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/users/{invited.pk}/invite-again/").status_code == 302
    assert [m.to for m in mail.outbox] == [["new@a.example"]]
    # Someone who has chosen a password resets it themselves.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/users/{personas['partner_a'].pk}/invite-again/")
    assert len(mail.outbox) == 1
    assert User.objects.get(pk=invited.pk).is_active


def test_the_user_page_reads_a_fixed_number_of_queries(personas, django_assert_max_num_queries):
    client = client_for(personas["admin"])
    url = f"/users/{personas['partner_a'].pk}/"
    client.get(url)
    # Session, user, the person (with organisation), their history (with authors),
    # the two-factor check; the rest is the layout's.
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_the_history_says_yes_and_no_in_the_readers_language(personas):
    partner = personas["partner_a"]
    services.user_deactivate(by=personas["admin"], person=partner)
    page = client_for(personas["admin"]).get(
        f"/users/{partner.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<del>oui</del> → <ins>non</ins>" in page and "True" not in page
