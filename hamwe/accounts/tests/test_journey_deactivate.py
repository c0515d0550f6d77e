"""In Chromium: an admin deactivates a partner user, whose open session stops at once."""

import re

import pytest
from playwright.sync_api import expect

from hamwe.tests import conftest as browser_fixtures
from hamwe.tests.test_journey_registry import sign_in

# The browser fixtures live in hamwe/tests/conftest.py, which only that folder sees.
browser = browser_fixtures.browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_admin_deactivates_a_partner_whose_open_session_stops(live_server, browser, personas):
    partner, admin = personas["partner_a"], personas["admin"]
    theirs = browser.new_context().new_page()
    sign_in(theirs, live_server.url, partner)
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
    theirs.context.close()
    ours.context.close()
