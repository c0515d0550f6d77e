"""A browser journey through networks, in Debian's Chromium, on CARE Burundi's pack: staff
set up a thematic network with three partners, record a meeting and a joint advocacy
action a partner led, and hand facilitation over to a partner; SD4's indicator and the
count of networks handed over move on the dashboard and the indicator's page; the graph
page shows the network with the list view beside it."""

import datetime
import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from hamwe.partners.tests.factories import OrganisationFactory, ThematicAreaFactory
from hamwe.strategy.tests.conftest import CARE, load, partnership
from hamwe.tests import conftest as browser_fixtures

from ..models import Network

browser = browser_fixtures.browser
page = browser_fixtures.page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NETWORK = "Land rights coalition of Ngozi"


def sign_in(page, base_url, user):
    from hamwe.strategy.tests.test_journey import sign_in as strategy_sign_in

    strategy_sign_in(page, base_url, user)


def sd4_card(page):
    return page.locator("#indicator-partnerships-among-partners")


def test_staff_set_up_a_network_and_hand_it_over(page, live_server, personas):
    load(CARE)
    from hamwe.partners.models import Organisation

    home = OrganisationFactory(name="CARE International au Burundi", acronym="CARE",
                               sector="ingo", iati_type=21, is_home=True)
    ThematicAreaFactory(name="Governance")
    partners = [OrganisationFactory(name=name, acronym=acronym) for name, acronym in (
        ("Ukuri Land Forum", "ULF"), ("Twiyunge Women Ngozi", "TWN"),
        ("Amahoro Paralegals", "AMP"))]
    a_year_ago = datetime.date.today() - datetime.timedelta(days=365)
    partnership("Programme with the three", [home, *partners], created=a_year_ago,
                starts=a_year_ago)
    staff = personas["staff"]
    sign_in(page, live_server.url, staff)
    base = live_server.url

    page.goto(base + "/strategy/")
    expect(sd4_card(page).locator(".value")).to_have_text("0")

    # Set up the network with its three partners.
    page.get_by_role("navigation").get_by_text("More", exact=True).click()  # the menu's rest
    page.get_by_role("navigation").get_by_role("link", name="Networks", exact=True).click()
    page.get_by_role("button", name="Set up a network").click()
    page.locator("#id_name").fill(NETWORK)
    page.locator("#id_theme").select_option(label="Governance")
    page.locator("#id_initiated_by").select_option(label="CARE International au Burundi (CARE)")
    page.locator("#id_set_up_on").fill((datetime.date.today()
                                        - datetime.timedelta(days=60)).isoformat())
    page.locator("#id_members").select_option(label=[str(p) for p in partners])
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NETWORK)
    network = Network.objects.get()
    assert network.memberships.count() == 4

    # A meeting with who came.
    page.get_by_role("button", name="Record a meeting").click()
    page.locator("#id_held_on").fill((datetime.date.today()
                                      - datetime.timedelta(days=40)).isoformat())
    page.locator("#id_title").fill("First meeting")
    for partner in partners[:2]:
        page.get_by_label(str(partner)).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("First meeting")

    # A joint advocacy action that ULF led with TWN.
    page.get_by_role("button", name="Record a joint activity").click()
    page.locator("#id_kind").select_option("advocacy")
    page.locator("#id_title").fill("Hearing on land titles for widows")
    page.locator("#id_started_on").fill((datetime.date.today()
                                         - datetime.timedelta(days=20)).isoformat())
    page.locator("#id_led_by").select_option(label=str(partners[0]))
    page.get_by_label(str(partners[1])).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("Hearing on land titles for widows")

    # Facilitation handed over to ULF.
    page.get_by_role("button", name="Hand facilitation over").click()
    page.locator("#id_organisation").select_option(label=str(partners[0]))
    page.locator("#id_since").fill((datetime.date.today()
                                    - datetime.timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("handed over by CARE International")
    network.refresh_from_db()
    assert network.facilitator == partners[0]

    # The dashboard (its figures are kept five minutes; the test does not wait).
    cache.clear()
    page.goto(base + "/strategy/")
    expect(sd4_card(page).locator(".value")).to_have_text("1")
    page.goto(base + "/strategy/indicators/partnerships-among-partners/")
    rows = page.locator("main")
    expect(rows).to_contain_text("Hearing on land titles for widows")
    expect(rows).to_contain_text("Networks handed over to partners: 1")

    # The graph page: the drawing beside the lists that say the same.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/networks/graph/")
    expect(page.locator("#graph")).to_have_class(re.compile("drawn"))
    lists = page.locator(".graph-list")
    expect(lists.get_by_role("link", name=NETWORK)).to_be_visible()
    expect(lists).to_contain_text("AMP, CARE, TWN, ULF")
    assert Organisation.objects.filter(is_home=True).count() == 1
