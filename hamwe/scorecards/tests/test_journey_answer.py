"""Browser journey: a partner user answers the score card on a phone, without JavaScript.

Partner A's user opens their list of score cards on a 360 px screen, presses Answer (which
issues a fresh personal link), scores an indicator with a reason, sends, gets the
thank-you page, and the list then says "You have answered" — never what.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hamwe.conftest import PASSWORD
from hamwe.scorecards.models import Answer
from hamwe.tests import conftest as browser_fixtures

# The browser fixtures live in hamwe/tests/conftest.py, which only that folder sees.
browser = browser_fixtures.browser
page = browser_fixtures.page

REASON = "Field visits are too rare"
SCREENSHOTS = Path(__file__).resolve().parents[3] / "screenshots"  # git-ignored

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _fits_the_screen(phone):
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_partner_answers_on_a_phone_without_javascript(live_server, browser, personas,
                                                         round_a):
    # A phone on a weak connection may well run no scripts: the journey needs none.
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en",
                                  java_script_enabled=False)
    phone = context.new_page()
    try:
        user = personas["partner_a"]
        phone.goto(live_server.url + "/accounts/login/?next=/scorecards/")
        phone.locator("input[name=login]").fill(user.email)
        phone.locator("input[name=password]").fill(PASSWORD)
        phone.get_by_role("button", name=re.compile(r"^\s*sign in\s*$", re.I)).click()

        expect(phone.get_by_role("heading", name="Score cards")).to_be_visible()
        expect(phone.get_by_text(round_a.title)).to_be_visible()
        _fits_the_screen(phone)
        phone.get_by_role("button", name="Answer", exact=True).click()

        expect(phone.get_by_role("heading", name=round_a.title)).to_be_visible()
        _fits_the_screen(phone)
        first = phone.locator("fieldset.answer-item").first
        first.get_by_role("combobox").select_option("80")
        first.get_by_label("Why this score?").fill(REASON)
        SCREENSHOTS.mkdir(exist_ok=True)
        phone.screenshot(path=str(SCREENSHOTS / "journey-answer-360.png"), full_page=True)
        phone.get_by_role("button", name="Send my answer").click()

        expect(phone.get_by_role("heading", name="Thank you, your answer was received")
               ).to_be_visible()
        assert REASON not in phone.content()
        _fits_the_screen(phone)

        phone.get_by_role("link", name="Back to the score cards").click()
        expect(phone.get_by_text("You have answered")).to_be_visible()
        expect(phone.get_by_role("button", name="Answer", exact=True)).to_have_count(0)
        _fits_the_screen(phone)
        assert Answer.objects.filter(round=round_a).count() == 1
    finally:
        context.close()
