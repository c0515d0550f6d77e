import pytest
from django.core import mail
from django.test import override_settings

from hamwe.conftest import PASSWORD, client_for


def test_login_with_email_and_logout(personas):
    client = client_for(None)
    response = client.post("/accounts/login/", {"login": "staff@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/partners/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/partners/").status_code == 302


def test_repeated_failed_logins_are_rate_limited(personas):
    client = client_for(None)
    for _ in range(5):
        client.post("/accounts/login/", {"login": "staff@example.org", "password": "wrong"})
    response = client.post("/accounts/login/", {"login": "staff@example.org", "password": PASSWORD})
    # Even the right password is refused once the limit is reached.
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link(personas):
    client_for(None).post("/accounts/password/reset/", {"email": "viewer@example.org"})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("persona", "sent_to_setup"),
    [
        ("admin", True),
        ("staff", True),
        # Viewers read every private record too.
        ("viewer", True),
        ("partner_a", False),
    ],
)
def test_two_factor_is_required_of_home_users_when_enforced(personas, persona, sent_to_setup):
    with override_settings(HAMWE_REQUIRE_2FA=True):
        response = client_for(personas[persona]).get("/partners/")
    if sent_to_setup:
        assert (
            response.status_code == 302 and "/accounts/2fa/totp/activate/" in response["Location"]
        )
    else:
        assert response.status_code == 200


def test_two_factor_satisfied_once_totp_is_set_up(personas):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(
        user=personas["staff"], type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    with override_settings(HAMWE_REQUIRE_2FA=True):
        assert client_for(personas["staff"]).get("/partners/").status_code == 200


def test_demo_shows_the_optional_two_factor_note(personas):
    with override_settings(MODE="demo", HAMWE_REQUIRE_2FA=False):
        page = client_for(personas["staff"]).get("/").content.decode()
    assert "two-factor sign-in is optional here" in page


def test_an_api_token_is_no_way_around_two_factor(personas):
    from rest_framework.test import APIClient

    from hamwe.accounts.models import ApiToken
    from hamwe.accounts.tests.factories import api_token_for

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(personas['staff'])}")
    with override_settings(HAMWE_REQUIRE_2FA=True):
        assert client.get("/api/v1/organisations/").status_code == 200
    # Its authenticator removed, the token made under it stops working, everywhere.
    personas["staff"].authenticator_set.all().delete()
    for required in (True, False):
        with override_settings(HAMWE_REQUIRE_2FA=required):
            assert client.get("/api/v1/organisations/").status_code == 401
    assert ApiToken.objects.filter(user=personas["staff"]).exists()  # refused, not lost
