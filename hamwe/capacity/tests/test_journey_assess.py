"""Browser journey: a partner self-assesses on a 360 px phone in French, criterion by
criterion; staff facilitate and agree the scores and complete; the plan is made from the
gaps; a follow-up shows the change on the radar, beside the actions done meanwhile."""

import datetime
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hamwe.capacity.models import Action, Assessment, Score
from hamwe.conftest import PASSWORD
from hamwe.tests import conftest as browser_fixtures

browser = browser_fixtures.browser
page = browser_fixtures.page

SCREENSHOTS = Path(__file__).resolve().parents[3] / "screenshots"  # git-ignored
CRITERIA = ("internal-control", "monitoring")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sign_in(tab, live_server, user, next_url):
    tab.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    tab.locator("input[name=login]").fill(user.email)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("form button[type=submit]").last.click()


def _fits_the_screen(phone):
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def _score(tab, criterion, side, level, saved_text):
    card = tab.locator(f"#c-{criterion}")
    card.locator(f".side-{side} input[type=radio][value='{level}']").check()
    card.locator(f".side-{side} button[type=submit]").click()
    expect(tab.locator(f"#c-{criterion} .saved-note")).to_contain_text(saved_text)


def test_self_assess_facilitate_plan_and_follow_up(live_server, browser, personas, org_a,
                                                   live_policy):
    SCREENSHOTS.mkdir(exist_ok=True)
    phone_context = browser.new_context(viewport={"width": 360, "height": 740},
                                        locale="fr-FR")
    phone = phone_context.new_page()
    desk_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en")
    desk = desk_context.new_page()
    try:
        # The partner starts its own baseline in the portal and scores it on the phone.
        _sign_in(phone, live_server, personas["partner_a"], "/capacity/new/")
        expect(phone.get_by_role("heading", name="Commencer une évaluation")).to_be_visible()
        phone.get_by_role("button", name="Commencer").click()
        expect(phone.get_by_text("Approval rules exist but are not always followed.")
               ).to_be_visible()
        _fits_the_screen(phone)
        for criterion in CRITERIA:
            _score(phone, criterion, "self", 2, "Enregistré")
        _fits_the_screen(phone)
        phone.screenshot(path=str(SCREENSHOTS / "capacity-self-assessment-360-fr.png"),
                         full_page=True)
        phone.get_by_role("button", name="Soumettre notre auto-évaluation").click()
        assessment = Assessment.objects.get()
        assert assessment.self_submitted_on is not None
        assert Score.objects.filter(side="self").count() == 2

        # Staff facilitate and agree, side by side with the self scores, then complete.
        _sign_in(desk, live_server, personas["staff"], f"/capacity/{assessment.pk}/")
        for criterion, level in zip(CRITERIA, (1, 2), strict=True):
            _score(desk, criterion, "facilitator", level, "Saved")
            _score(desk, criterion, "agreed", level, "Saved")
        desk.get_by_role("button", name="Complete on the agreed scores").click()
        expect(desk.get_by_role("heading", name="Results")).to_be_visible()
        assert dict(Score.objects.filter(side="self").values_list("criterion", "level")) == {
            "internal-control": 2, "monitoring": 2}  # never overwritten

        # The plan from the gaps: the weakest criterion first.
        desk.get_by_role("button", name="Plan from the gaps").click()
        expect(desk.locator("fieldset.gap-choice").first).to_contain_text("Internal control")
        desk.get_by_role("button", name="Add to the plan").click()
        assert Action.objects.count() == 2
        action = Action.objects.get(criterion="internal-control")
        desk.goto(f"{live_server.url}/capacity/actions/{action.pk}/")
        desk.locator("select[name=status]").select_option("done")
        desk.locator("input[name=done_on]").fill(datetime.date.today().isoformat())
        desk.get_by_role("button", name="Save").click()
        expect(desk.get_by_text("The action is saved.")).to_be_visible()

        # A follow-up: the change on the radar, beside the action done meanwhile.
        desk.goto(f"{live_server.url}/capacity/new/?organisation={org_a.pk}")
        desk.locator("select[name=kind]").select_option("follow-up")
        desk.get_by_role("button", name="Start").click()
        expect(desk.locator("#c-monitoring")).to_be_visible()
        for criterion, level in zip(CRITERIA, (3, 2), strict=True):
            _score(desk, criterion, "agreed", level, "Saved")
        desk.get_by_role("button", name="Complete on the agreed scores").click()
        radar = desk.locator("svg.radar")
        expect(radar.locator('polygon[data-series="now"]')).to_have_count(1)
        expect(radar.locator('polygon[data-series="previous"]')).to_have_count(1)
        change = desk.locator("table.change-table")
        expect(change).to_contain_text("+2.00")
        expect(change).to_contain_text(action.title)
        desk.screenshot(path=str(SCREENSHOTS / "capacity-follow-up-1280.png"), full_page=True)
        assert re.search(r"Overall score:\s*<strong>2\.50</strong>", desk.content())
    finally:
        phone_context.close()
        desk_context.close()
