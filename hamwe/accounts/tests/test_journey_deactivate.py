"""In Chromium: an admin deactivates a partner user, whose open session and API token stop
working at once."""

import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from hamwe.accounts import services
from hamwe.tests import conftest as browser_fixtures
from hamwe.tests.test_journey_registry import sign_in

# The browser fixtures live in hamwe/tests/conftest.py, which only that folder sees.
browser = browser_fixtures.browser

def with_authenticator(user):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


def theirs_api(base_url, token):
    """A script calling the API with the partner's token, as a sync tool would."""
    def status(path):
        request = urllib.request.Request(base_url + path,
                                         headers={"Authorization": f"Token {token}"})
        try:
            with urllib.request.urlopen(request) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
    return status


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_admin_deactivates_a_partner_whose_session_and_token_stop(live_server, browser,
                                                                    personas):
    partner, admin = personas["partner_a"], personas["admin"]
    theirs = browser.new_context().new_page()
    sign_in(theirs, live_server.url, partner)
    # Then they set up an authenticator (tokens need one) and made a token for a script.
    _row, token = services.token_create(by=with_authenticator(partner), name="sync", days=30)
    api = theirs_api(live_server.url, token)
    assert api("/api/v1/organisations/") == 200
    theirs.goto(live_server.url + "/partners/")
    expect(theirs.get_by_role("heading", level=1)).to_be_visible()

    ours = browser.new_context().new_page()
    sign_in(ours, live_server.url, admin)
    ours.goto(live_server.url + "/users/")
    ours.get_by_role("link", name=partner.full_name).click()
    ours.get_by_role("button", name="Deactivate: end their access now").click()
    expect(ours.locator(".messages")).to_contain_text("can no longer sign in")
    expect(ours.locator(".notice")).to_contain_text("can no longer sign in")

    theirs.reload()
    expect(theirs).to_have_url(re.compile(r"/accounts/login/"))
    assert api("/api/v1/organisations/") in (401, 403)
    theirs.context.close()
    ours.context.close()
