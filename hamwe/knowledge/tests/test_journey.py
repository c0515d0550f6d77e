"""A browser journey through the knowledge hub, in Debian's Chromium: a partner shares a
lesson from a 360 px phone in French, staff publish it to all partners, another partner
records that it adopted it, the home NGO confirms, and the mutual-learning measure moves
on the strategy's dashboard."""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import expect

from hamwe.knowledge.models import Adoption, Item
from hamwe.knowledge.tests.factories import home_organisation
from hamwe.tests import conftest as browser_fixtures

browser = browser_fixtures.browser

PACK = Path(__file__).resolve().parents[2] / "policy" / "packs" / "care-burundi.yaml"
CARD = "#indicator-mutual-learning-with-partners"
DASHBOARD_MS = 60_000  # every indicator of the strategy computed for today

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _signed_in(browser, live_server, user, *, width=1280, locale="en"):
    """A browser page whose session is `user`'s (signed in by the test client)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": 800}, locale=locale)
    context.set_default_timeout(browser_fixtures.DEFAULT_TIMEOUT_MS)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    return context, context.new_page()


def test_a_lesson_shared_from_a_phone_is_adopted_and_the_measure_moves(
        browser, live_server, personas, org_a, org_b):
    from django.utils import timezone

    from hamwe.policy import services
    from hamwe.policy.validation import parse_file
    from hamwe.strategy.indicators.selectors import fill_all
    from hamwe.strategy.policy import current_strategy

    services.policy_load(pack=parse_file(PACK))
    home_organisation()
    # The past fiscal years' values stored first, as the daily task would have: the
    # dashboard then computes only today's.
    fill_all(current_strategy(), today=timezone.localdate())
    staff_context, staff = _signed_in(browser, live_server, personas["staff"])
    staff.goto(live_server.url + "/strategy/", timeout=DASHBOARD_MS)
    expect(staff.locator(CARD + " .value")).to_have_text("0")

    # A partner shares a lesson on a 360 px phone, in French.
    phone_context, phone = _signed_in(browser, live_server, personas["partner_a"], width=360,
                                      locale="fr")
    phone.goto(live_server.url + "/knowledge/new/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Partager une leçon, une pratique ou une histoire")
    phone.get_by_label("Titre").fill("Les visites d'échange entre groupes d'épargne")
    phone.get_by_label("Résumé").fill("Les trésorières apprennent en se visitant.")
    phone.get_by_label("Tous les partenaires").check()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_role("button", name="Partager").click()
    expect(phone.get_by_role("status")).to_contain_text("Merci")
    item = Item.objects.get()
    assert item.is_draft and list(item.origins.all()) == [org_a] and item.language == "fr"

    # Staff publish it to all partners.
    staff.goto(live_server.url + f"/knowledge/{item.pk}/")
    staff.locator("#publish").get_by_label("All partners").check()
    staff.locator("#publish").get_by_role("button", name="Publish").click()
    expect(staff.get_by_role("status")).to_contain_text("The item is published.")

    # Another partner finds it without its accents and records its adoption.
    other_context, other = _signed_in(browser, live_server, personas["partner_b"])
    other.goto(live_server.url + "/knowledge/?q=echange")
    other.get_by_role("link", name="Les visites d'échange entre groupes d'épargne").click()
    other.get_by_role("button", name="Record an adoption").click()  # a link styled so
    other.get_by_label("In project, approach or programme").fill("Radio listening clubs")
    other.get_by_label("Effect").fill("Clubs visit each other every quarter.")
    other.get_by_role("button", name="Record").click()
    expect(other.locator("#adoptions")).to_contain_text("Waiting for confirmation")

    # The home NGO confirms; the dashboard's figure moves (it keeps today's figures a
    # few minutes: the cache is emptied as if they had passed).
    staff.goto(live_server.url + f"/knowledge/{item.pk}/?adoptions")  # a new load, not a jump
    staff.locator("#adoptions").get_by_role("button", name="Confirm").click()
    expect(staff.get_by_role("status")).to_contain_text("The adoption is confirmed.")
    assert Adoption.objects.get().confirmed_on is not None
    cache.clear()
    staff.goto(live_server.url + "/strategy/", timeout=DASHBOARD_MS)
    expect(staff.locator(CARD + " .value")).to_have_text("1")
    for context in (staff_context, phone_context, other_context):
        context.close()
