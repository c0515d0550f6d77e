"""Personal API tokens: made after a fresh second factor, named, expiring, stored hashed,
listed and revoked by their owner and by the home admins (/users/tokens/)."""

import datetime
import re
import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.test import Client, override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from hamwe.accounts.models import ApiToken
from hamwe.accounts.tests.factories import api_token_for
from hamwe.conftest import PASSWORD, client_for

TOKENS = "/users/tokens/"
ORGS = "/api/v1/organisations/"

pytestmark = pytest.mark.django_db


def code_for(secret, *, offset=0):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def with_totp(user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def signed_in_with_two_factors(user):
    """A browser signed in as allauth does it: password, then a code from the app."""
    secret = with_totp(user)
    client = Client()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    client.post("/accounts/2fa/authenticate/", {"code": code_for(secret)})
    assert "_auth_user_id" in client.session
    return client, secret


def make(client, name="export script", days=90):
    response = client.post(TOKENS, {"name": name, "days": days})
    found = re.search(r"<code>(hamwe_[0-9a-f]+)</code>", response.content.decode())
    return response, found and found.group(1)


def api_with(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_a_token_is_made_after_the_second_factor_and_works(personas):
    client, _secret = signed_in_with_two_factors(personas["partner_a"])
    response, token = make(client)
    assert response.status_code == 200 and token
    # Only its hash is kept; it acts as its owner.
    row = ApiToken.objects.get(user=personas["partner_a"])
    assert token not in (row.digest, row.token_key) and row.name == "export script"
    assert api_with(token).get(ORGS).status_code == 200
    # Shown once: the list names it, never shows it again.
    page = client.get(TOKENS).content.decode()
    assert "export script" in page and token not in page
    assert response["Cache-Control"].startswith("max-age=0")


def test_its_times_say_nothing_finer_than_the_day(personas):
    client, _secret = signed_in_with_two_factors(personas["staff"])
    make(client, days=30)
    row = ApiToken.objects.get()
    assert isinstance(row.created, datetime.date) and not isinstance(row.created, datetime.datetime)
    local = timezone.localtime(row.expiry)
    assert (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)
    assert row.last_day == timezone.localdate() + datetime.timedelta(days=30)


def test_no_token_without_an_authenticator(personas):
    client = client_for(personas["partner_a"])
    page = client.get(TOKENS).content.decode()
    assert "set up an authenticator app first" in page
    response, token = make(client)
    assert response.status_code == 302 and token is None
    assert not ApiToken.objects.exists()


def test_no_token_without_a_fresh_code(personas, monkeypatch):
    client, secret = signed_in_with_two_factors(personas["staff"])
    # Half an hour later the sign-in's code is stale: the page asks for a new one.
    later = time.time() + 1800
    monkeypatch.setattr("hamwe.accounts.signin.time.time", lambda: later)
    response, token = make(client)
    assert token is None and response["Location"].startswith("/accounts/2fa/reauthenticate/")
    assert not ApiToken.objects.exists()
    monkeypatch.undo()
    # ...and once given, the token is made.
    client.post("/accounts/2fa/reauthenticate/", {"code": code_for(secret, offset=1)})
    assert make(client)[1]


def test_a_password_alone_session_cannot_make_one(personas):
    # Signed in by a session that never gave a code (e.g. before the authenticator was
    # set up), with an authenticator now: the page asks for a code first.
    with_totp(personas["staff"])
    client = client_for(personas["staff"])
    response, token = make(client)
    assert token is None and response.status_code == 302
    assert not ApiToken.objects.exists()


def test_a_token_expires(personas):
    token = api_token_for(personas["partner_a"])
    ApiToken.objects.update(expiry=timezone.now() - datetime.timedelta(seconds=1))
    assert api_with(token).get(ORGS).status_code == 401
    assert not ApiToken.objects.exists()  # knox deletes it when it is next shown


def test_a_token_made_before_two_factor_stops_working_once_it_is_required(personas):
    token = api_token_for(personas["staff"])
    personas["staff"].authenticator_set.all().delete()  # as before it was set up
    with override_settings(HAMWE_REQUIRE_2FA=True):
        assert api_with(token).get(ORGS).status_code == 401


def test_the_owner_revokes_a_token(personas):
    client, _secret = signed_in_with_two_factors(personas["partner_a"])
    _response, token = make(client)
    row = ApiToken.objects.get()
    response = client.post(f"{TOKENS}{row.pk}/revoke/")
    assert response.status_code == 302
    assert api_with(token).get(ORGS).status_code == 401


def test_others_cannot_revoke_or_see_a_token(personas):
    token = api_token_for(personas["partner_a"], name="A's script")
    row = ApiToken.objects.get()
    for persona in ("partner_b", "partner_admin_a", "staff", "viewer"):
        client = client_for(personas[persona])
        assert client.post(f"{TOKENS}{row.pk}/revoke/").status_code == 404, persona
        assert "A&#x27;s script" not in client.get(TOKENS).content.decode(), persona
    assert api_with(token).get(ORGS).status_code == 200


def test_an_admin_lists_and_revokes_anyones_token(personas):
    token = api_token_for(personas["partner_a"], name="A's script")
    admin = client_for(personas["admin"])
    page = admin.get(TOKENS).content.decode()
    assert "A&#x27;s script" in page and "partner@a.example" in page
    admin.post(f"{TOKENS}{ApiToken.objects.get().pk}/revoke/")
    assert api_with(token).get(ORGS).status_code == 401


def test_at_most_ten_live_tokens_each(personas):
    from django.core.exceptions import ValidationError

    for n in range(ApiToken.MAX_PER_USER):
        api_token_for(personas["staff"], name=f"t{n}")
    with pytest.raises(ValidationError):
        api_token_for(personas["staff"], name="one too many")


def test_a_lifetime_not_offered_is_refused(personas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        api_token_for(personas["staff"], days=10_000)
