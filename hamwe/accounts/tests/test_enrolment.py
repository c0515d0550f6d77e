"""A home account's first sign-in: password and authenticator through the e-mailed link.

Where two-factor sign-in is required, a home account without an authenticator opens only
through the invitation (or a password-reset link, which proves the mailbox too), so a
leaked password alone can never enrol a stranger's authenticator. Mail that cannot be
sent is said so, and the mail about an unknown address says how to get invited.
"""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings

from hamwe.accounts.models import Role, User
from hamwe.accounts.tests.factories import give_authenticator
from hamwe.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db

required = override_settings(HAMWE_REQUIRE_2FA=True)
# Nothing listens on the discard port here: the mail server is "down".
smtp_down = override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1", EMAIL_PORT=9, EMAIL_TIMEOUT=2,
)


def link_in(message):
    return re.search(r"http://testserver(/accounts/password/reset/key/\S+)", message.body).group(1)


def choose_password(client, link, password="my-own-passphrase-42"):
    form_url = client.get(link)["Location"]  # the key moves out of the address at once
    return client.post(form_url, {"password1": password, "password2": password})


def invite(admin, email, role, django_capture_on_commit_callbacks, **extra):
    give_authenticator(admin)  # the inviter signed in with two factors
    with django_capture_on_commit_callbacks(execute=True):
        return client_for(admin).post(
            "/users/invite/", {"email": email, "full_name": "New Person", "role": role, **extra}
        )


@required
@pytest.mark.parametrize("persona", ["admin", "staff", "viewer"])
def test_a_home_password_alone_does_not_open_an_account_without_authenticator(
    personas, persona
):
    client = Client()
    response = client.post("/accounts/login/", {"login": personas[persona].email,
                                                "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert "only from the link that Hamwe e-mails you" in response.content.decode()
    # Nor can it reach the set-up page afterwards.
    assert client.get("/accounts/2fa/totp/activate/").status_code == 302
    assert "_auth_user_id" not in client.session


@required
def test_a_partner_signs_in_with_a_password(personas):
    client = Client()
    client.post("/accounts/login/", {"login": "partner@a.example", "password": PASSWORD})
    assert "_auth_user_id" in client.session


@required
def test_the_invitation_sets_password_and_authenticator_in_one_visit(
    personas, django_capture_on_commit_callbacks
):
    assert invite(personas["admin"], "new.staff@example.org", "staff",
                  django_capture_on_commit_callbacks).status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["new.staff@example.org"]
    assert "authenticator app" in message.body and "same visit" in message.body
    newcomer = Client()
    choose_password(newcomer, link_in(message))
    assert "_auth_user_id" in newcomer.session  # the link signed them in
    # Every page sends them to set up the authenticator, which opens without asking for
    # the password they just chose.
    assert newcomer.get("/partners/")["Location"] == "/accounts/2fa/totp/activate/"
    page = newcomer.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    assert 'name="code"' in page.content.decode()


@required
def test_a_leaked_password_before_enrolment_is_useless(
    personas, django_capture_on_commit_callbacks
):
    invite(personas["admin"], "new.viewer@example.org", "viewer",
           django_capture_on_commit_callbacks)
    owner = Client()
    choose_password(owner, link_in(mail.outbox[-1]), password="leaked-passphrase-99")
    # Someone who learnt the password, in their own browser:
    stranger = Client()
    response = stranger.post("/accounts/login/", {"login": "new.viewer@example.org",
                                                  "password": "leaked-passphrase-99"})
    assert response.status_code == 403 and "_auth_user_id" not in stranger.session


def test_the_invitation_of_a_partner_is_only_about_the_password(
    personas, django_capture_on_commit_callbacks
):
    with required:
        invite(personas["partner_admin_a"], "colleague@a.example", "partner",
               django_capture_on_commit_callbacks)
    body = mail.outbox[-1].body
    assert "choose your password" in body and "authenticator" not in body


def test_password_reset_says_so_when_mail_cannot_be_sent(personas):
    with smtp_down:
        response = Client().post("/accounts/password/reset/", {"email": "viewer@example.org"})
    assert response.status_code == 503
    assert "could not be sent" in response.content.decode()


def test_an_unknown_address_also_hears_that_mail_is_down(db):
    # Same answer whether or not the address has an account: nothing to learn from it.
    with smtp_down:
        response = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 503


@pytest.mark.django_db(transaction=True)  # the mail goes out as the invitation commits
def test_an_invitation_whose_mail_fails_says_so(personas):
    admin = client_for(personas["admin"])
    with smtp_down:
        response = admin.post("/users/invite/", {"email": "unlucky@example.org", "role": "staff"})
    assert response.status_code == 302
    page = admin.get(response["Location"]).content.decode()
    assert "could not be sent" in page
    assert User.objects.filter(email="unlucky@example.org", role=Role.STAFF).exists()


def test_the_unknown_account_mail_says_how_to_get_invited(db):
    Client().post("/accounts/password/reset/", {"email": "stranger@example.org"})
    body = mail.outbox[-1].body
    assert "stranger@example.org" in body and "by invitation" in body
    assert "/accounts/signup/" not in body and "sign up for an account" not in body


def test_createadmin_prints_the_first_sign_in_link_when_two_factor_is_required(db):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    with required:
        call_command("createadmin", "boss@example.org", "--random-password", stdout=out)
    link = re.search(r"https?://\S+(/accounts/password/reset/key/\S+)", out.getvalue()).group(1)
    client = Client()
    choose_password(client, link)
    assert "_auth_user_id" in client.session


@required
def test_the_invitation_sent_again_is_the_same_invitation(
    personas, django_capture_on_commit_callbacks
):
    invite(personas["admin"], "late.staff@example.org", "staff",
           django_capture_on_commit_callbacks)
    invited = User.objects.get(email="late.staff@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas["admin"]).post(f"/users/{invited.pk}/invite-again/")
    assert response.status_code == 302
    first, again = mail.outbox
    assert again.subject == first.subject and "same visit" in again.body
    newcomer = Client()
    choose_password(newcomer, link_in(again))
    assert newcomer.get("/partners/")["Location"] == "/accounts/2fa/totp/activate/"


@pytest.mark.django_db(transaction=True)  # the mail goes out as the request commits
def test_an_invitation_sent_again_whose_mail_fails_says_so(personas):
    admin = client_for(personas["admin"])
    invited = User.objects.create(email="unlucky@example.org", role=Role.STAFF)
    invited.set_unusable_password()
    invited.save()
    with smtp_down:
        response = admin.post(f"/users/{invited.pk}/invite-again/")
    assert response.status_code == 302
    assert "could not be sent again" in admin.get(response["Location"]).content.decode()
