"""Browser journey: a partner user answers the score card on a phone, without JavaScript.

Partner A's user opens their list of score cards on a 360 px screen, presses Answer (which
opens the round's answer page), scores an indicator with a reason, sends, gets the
thank-you page, and the list then says "You have answered" — never what.
"""

import datetime
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hamwe.accounts.models import Role
from hamwe.accounts.tests.factories import UserFactory
from hamwe.conftest import PASSWORD
from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.scorecards.models import Action, Answer, InterfaceMeeting, Round
from hamwe.scorecards.tests.factories import RoundFactory
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
        first.get_by_label("80\u00a0%").check()
        first.locator("summary").click()
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


def test_on_a_phone_with_javascript_the_form_is_short_counts_and_keeps_a_draft(
    live_server, browser, personas, round_a
):
    """Scores are a row of choices (one tap), words fold away, a progress line counts, and
    what was chosen survives a reload in the same tab (kept in the tab, not the server)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en")
    phone = context.new_page()
    try:
        user = personas["partner_a"]
        phone.goto(live_server.url + "/accounts/login/?next=/scorecards/")
        phone.locator("input[name=login]").fill(user.email)
        phone.locator("input[name=password]").fill(PASSWORD)
        phone.get_by_role("button", name=re.compile(r"^\s*sign in\s*$", re.I)).click()
        phone.get_by_role("button", name="Answer", exact=True).click()
        count = round_a.indicators.count()
        progress = phone.locator(".answer-progress")
        expect(progress).to_have_text(f"0 / {count}")
        # The page below the header (whose links grow with the apps a partner uses):
        # about two screens per five statements.
        height = phone.evaluate("document.documentElement.scrollHeight"
                                " - document.querySelector('header').offsetHeight")
        assert height < 250 * count + 600, height
        phone.locator("fieldset.answer-item").nth(1).get_by_label("60\u00a0%").check()
        expect(progress).to_have_text(f"1 / {count}")
        phone.reload()
        expect(phone.locator("fieldset.answer-item").nth(1).get_by_label("60\u00a0%")
               ).to_be_checked()
        expect(progress).to_have_text(f"1 / {count}")
        assert not Answer.objects.exists()  # nothing reached the server
    finally:
        context.close()


def _closed_round(*, by, title, closes_on, organisations, scores):
    """A round from the live policy with six partner users invited (spread over
    `organisations`); the first len(scores) answer every indicator with their score; then
    the round is closed."""
    users = [UserFactory(role=Role.PARTNER, organisation=organisations[i % len(organisations)])
             for i in range(6)]
    round_ = RoundFactory(by=by, title=title, closes_on=closes_on, invited=users,
                          answers=scores, status="closed")
    return round_, list(round_.indicators.all())


def test_staff_sees_results_only_from_the_minimum_and_plans_from_the_meeting(
        live_server, page, personas, org_a, org_b, live_policy):
    staff = personas["staff"]
    org_c = OrganisationFactory(name="Gamma Farmers Union")
    organisations = [org_a, org_b, org_c]
    # Four answers: below the policy's minimum of five, every figure stays hidden.
    few, indicators = _closed_round(by=staff, title="Score card, too few answers",
                                    closes_on=datetime.date(2026, 6, 30),
                                    organisations=organisations, scores=[80, 80, 80, 80])
    # Five answers: the minimum, so the medians show (60..100 → median 80).
    enough, _same = _closed_round(by=staff, title="Score card, enough answers",
                              closes_on=datetime.date(2026, 12, 31),
                              organisations=organisations, scores=[60, 70, 80, 90, 100])
    assert few.status == enough.status == Round.Status.CLOSED
    assert few.min_group_scores == enough.min_group_scores == 5

    page.goto(f"{live_server.url}/accounts/login/?next=/scorecards/{few.pk}/results/")
    page.locator("input[name=login]").fill(staff.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"^\s*sign in\s*$", re.I)).click()

    # 1. Too few answers: every indicator withheld, no median anywhere.
    expect(page.get_by_role("heading", name=f"Results: {few.title}")).to_be_visible()
    withheld = page.locator("#indicators td.withheld")
    expect(withheld).to_have_count(len(indicators))
    for i in range(len(indicators)):
        expect(withheld.nth(i)).to_have_text("withheld: fewer than 5 answers")
    expect(page.locator("#indicators td[data-label='Median']")).to_have_count(0)
    expect(page.get_by_text("No indicator has enough answers to show.")).to_be_visible()
    assert "Median 80" not in page.content()

    # 2. The minimum reached: every indicator shows its median.
    page.goto(f"{live_server.url}/scorecards/{enough.pk}/results/")
    expect(page.get_by_role("heading", name=f"Results: {enough.title}")).to_be_visible()
    expect(page.locator("#indicators td.withheld")).to_have_count(0)
    medians = page.locator("#indicators td[data-label='Median']")
    expect(medians).to_have_count(len(indicators))
    for indicator in indicators:
        row = page.locator(f"#indicator-{indicator.key}")
        expect(row.locator("td[data-label='Median']")).to_have_text("80")
        expect(row.locator("td[data-label='Answers']")).to_have_text("5")
        expect(row.locator("td[data-label='Spread']")).to_contain_text("60–100")

    # 3. The interface meeting, recorded from the plan page.
    page.goto(f"{live_server.url}/scorecards/{enough.pk}/plan/")
    expect(page.get_by_role("heading", name="Joint action plan")).to_be_visible()
    expect(page.get_by_text("No interface meeting recorded yet.")).to_be_visible()
    page.get_by_role("button", name="Record an interface meeting").click()
    expect(page.get_by_role("heading", name="Record an interface meeting")).to_be_visible()
    page.get_by_label("Held on").fill("2027-01-20")
    page.get_by_label(org_a.name).check()
    page.get_by_label(org_b.name).check()
    agreed = "Transfers are announced a month ahead."
    page.get_by_label("What was agreed").fill(agreed)
    page.get_by_role("button", name="Record the meeting").click()

    expect(page.get_by_role("heading", name=re.compile(r"^Interface meeting of"))
           ).to_be_visible()
    expect(page.get_by_text("The interface meeting was recorded.")).to_be_visible()
    expect(page.get_by_text(agreed)).to_be_visible()
    expect(page.get_by_text("No action recorded from this meeting yet.")).to_be_visible()
    meeting = InterfaceMeeting.objects.get(round=enough)
    assert set(meeting.organisations.all()) == {org_a, org_b}

    # 4. An action of the joint plan, from the meeting.
    page.get_by_role("button", name="Add an action").click()
    expect(page.get_by_role("heading", name="Add an action to the joint plan")).to_be_visible()
    expect(page.get_by_label("Meeting")).to_have_value(str(meeting.pk))
    text = "Share the transfer calendar with every partner"
    page.get_by_label(re.compile(r"^Action\b")).fill(text)  # "Action *": required
    page.get_by_label("Joint").check()
    page.get_by_label(re.compile(r"^Due\b")).fill("2027-06-30")
    page.get_by_role("button", name="Add the action").click()

    expect(page.get_by_role("heading", name="Joint action plan")).to_be_visible()
    expect(page.get_by_text("The action was added to the plan.")).to_be_visible()
    item = page.locator("#actions li.plan-action").filter(has_text=text)
    expect(item).to_have_count(1)
    expect(item.locator(".tag.status")).to_have_text("Planned")
    expect(item).to_contain_text("Owner: Joint")
    action = Action.objects.get(round=enough)
    assert (action.meeting_id, action.owner, action.status) == (
        meeting.pk, Action.Owner.JOINT, Action.Status.PLANNED)
    assert action.due_on == datetime.date(2027, 6, 30)
