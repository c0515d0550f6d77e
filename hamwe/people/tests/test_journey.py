"""A browser journey through people, in Debian's Chromium, on the CARE Burundi pack: an
admin puts a person in a key position, the manager starts the year's evaluation and asks
partners for feedback, the person assesses themselves, partners' feedback appears only
once the minimum gave it, the manager assesses and makes the development plan; the SD1
indicator moves on the strategy's dashboard."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from hamwe.accounts.models import Role
from hamwe.accounts.tests.factories import UserFactory
from hamwe.conftest import PASSWORD
from hamwe.people import services
from hamwe.people.models import Evaluation
from hamwe.people.policy import fiscal_calendar
from hamwe.tests import conftest as browser_fixtures

browser = browser_fixtures.browser
page = browser_fixtures.page

CARE = Path(__file__).resolve().parents[2] / "policy" / "packs" / "care-burundi.yaml"
INDICATOR = "#indicator-partnership-competencies-key-positions"

SLOW_MS = 60_000  # two cores shared by many: a page may take a while

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _patient():
    expect.set_options(timeout=SLOW_MS)
    yield
    expect.set_options(timeout=browser_fixtures.DEFAULT_TIMEOUT_MS)


def sign_in(page, base_url, user):
    page.set_default_timeout(SLOW_MS)
    page.goto(base_url + "/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"^\s*sign in\s*$", re.I)).click()
    expect(page.locator("header details.account summary")).to_have_text(str(user))


def _as(browser, base_url, user):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en")
    page = context.new_page()
    sign_in(page, base_url, user)
    return page


def _rate_all(page, score):
    for radio in page.locator(f"input[type=radio][name^=score_][value='{score}']").all():
        radio.check()


def test_an_evaluation_from_appointment_to_plan(page, browser, live_server, personas, org_a):
    from hamwe.policy import services as policy_services
    from hamwe.policy.validation import parse_file

    policy_services.policy_load(pack=parse_file(CARE))
    admin = personas["admin"]
    person = UserFactory(email="beatrice@home.example", full_name="Beatrice Niyonzima",
                         role=Role.STAFF)
    manager = UserFactory(email="emmanuel@home.example", full_name="Emmanuel Bigirimana",
                          role=Role.STAFF)
    partners = [UserFactory(email=f"p{c}@a.example", full_name=f"Partner {c.upper()}",
                            role=Role.PARTNER, organisation=org_a) for c in "abcde"]
    base = live_server.url

    # The dashboard before: nobody in a key position is evaluated.
    sign_in(page, base, admin)
    page.goto(base + "/strategy/")
    before = page.locator(f"{INDICATOR} .value").inner_text()

    # An admin puts the person in a key position.
    page.get_by_role("navigation").get_by_text("More", exact=True).click()  # the menu's rest
    page.get_by_role("navigation").get_by_role("link", name="People", exact=True).click()
    page.get_by_label("key position").select_option("km-partnership-coordinator")
    page.get_by_label("User").select_option(str(person.pk))
    page.get_by_label("Manager").select_option(str(manager.pk))
    page.get_by_label("starts on").fill("2024-01-01")
    page.get_by_role("button", name="Save the appointment").click()
    expect(page.locator("#position-km-partnership-coordinator")).to_contain_text(
        "Beatrice Niyonzima")

    # The manager starts this year's evaluation and asks five partners for feedback.
    year = fiscal_calendar().year_of(timezone.localdate())
    as_manager = _as(browser, base, manager)
    as_manager.goto(base + "/people/evaluations/")
    as_manager.get_by_label("person in a key position").select_option(index=1)
    as_manager.get_by_label("fiscal year").fill(str(year))
    as_manager.get_by_role("button", name="Start", exact=True).click()
    expect(as_manager.locator("h1")).to_contain_text("Evaluation of Beatrice Niyonzima")
    evaluation = Evaluation.objects.get()
    as_manager.get_by_text("Ask partners for feedback").click()
    for partner in partners:
        as_manager.get_by_label(re.compile(partner.full_name)).check()
    as_manager.get_by_role("button", name="Ask them").click()
    expect(as_manager.get_by_role("status")).to_contain_text("asked for their feedback")

    # The person assesses themselves.
    as_person = _as(browser, base, person)
    as_person.goto(base + f"/people/evaluations/{evaluation.pk}/")
    as_person.get_by_role("button", name="Assess myself").click()
    _rate_all(as_person, 3)
    as_person.get_by_role("button", name="Save the assessment").click()
    expect(as_person.locator("#ratings")).to_contain_text("Good")

    # Four partners give feedback: below the minimum, nothing shows; the fifth, in the
    # portal, brings it to the minimum.
    for partner in partners[:4]:
        services.feedback_give(evaluation=evaluation, user=partner, score=4,
                               comment="Listens to us")
    as_manager.reload()
    expect(as_manager.locator("#feedback")).not_to_contain_text("Listens to us")
    expect(as_manager.locator("#feedback")).not_to_contain_text("4 partners")
    as_partner = _as(browser, base, partners[4])
    as_partner.goto(base + "/")
    as_partner.get_by_role("link", name=re.compile("Give feedback on Beatrice")).click()
    as_partner.locator("input[name=score][value='3']").check()
    as_partner.get_by_label("comment").fill("Visits us often")
    as_partner.get_by_role("button", name="Send my feedback").click()
    expect(as_partner.get_by_text("your feedback was received")).to_be_visible()
    as_manager.reload()
    expect(as_manager.locator("#feedback")).to_contain_text("5 partners gave feedback")
    expect(as_manager.locator("#feedback")).to_contain_text("Visits us often")

    # The manager assesses and makes the development plan.
    as_manager.get_by_role("button", name="Assess as the manager").click()
    _rate_all(as_manager, 4)
    as_manager.get_by_role("button", name="Save the assessment").click()
    expect(as_manager.locator("body")).to_contain_text("Completed by the manager")
    as_manager.get_by_label("action").fill("Co-facilitate a partnership review")
    as_manager.get_by_label("due on").fill(
        (timezone.localdate() + datetime.timedelta(days=60)).isoformat())
    as_manager.get_by_role("button", name="Add to the plan").click()
    expect(as_manager.locator("#plan")).to_contain_text("Co-facilitate a partnership review")

    # The SD1 indicator moved: the one person in a key position is positively evaluated.
    # (The dashboard keeps today's figures for five minutes; a test does not wait them.)
    cache.clear()
    page.goto(base + "/strategy/")
    expect(page.locator(f"{INDICATOR} .value")).not_to_have_text(before)
    expect(page.locator(f"{INDICATOR} .value")).to_contain_text("100")
