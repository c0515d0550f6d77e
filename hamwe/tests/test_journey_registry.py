"""Browser journeys through the partner registry, in Debian's Chromium.

A member of staff finds a partner, edits it and sees the edit in the change history; a
partner of another organisation sees only the public profile; the list works on a phone
and in French.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hamwe.conftest import PASSWORD, SECRET_CONTACT_EMAIL, SECRET_REGISTRATION
from hamwe.partners.models import Organisation

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
NEW_DESCRIPTION = "Savings and credit groups for women in Gitega; edited in the browser."

# The live server uses a transactional database, which is emptied after each test;
# serialized_rollback restores what the migrations loaded (Burundi's provinces).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, base_url, user):
    page.goto(base_url + "/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"^\s*sign in\s*$", re.I)).click()
    # Signed in: the header shows the user's menu instead of the sign-in form.
    expect(page.locator("header details.account summary")).to_have_text(str(user))


def test_staff_finds_edits_and_sees_the_change_in_the_history(live_server, page, personas, org_a):
    staff = personas["staff"]
    sign_in(page, live_server.url, staff)

    page.get_by_role("navigation").get_by_role("link", name="Partners", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner registry")

    results = page.locator("#results")
    expect(results).to_contain_text("Beta Youth Radio")
    search = page.get_by_role("search")
    search.get_by_label("Search", exact=True).fill("Alpha")
    search.get_by_role("button", name="Apply").click()
    expect(results).not_to_contain_text("Beta Youth Radio")
    expect(results).to_contain_text("1 organisation")
    expect(page).to_have_url(re.compile(r"[?&]q=Alpha"))

    results.get_by_role("link", name="Alpha Women's Savings Network").click()
    expect(page).to_have_url(re.compile(rf"/partners/{org_a.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alpha Women's Savings Network")

    page.get_by_role("button", name="Edit", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/partners/{org_a.pk}/edit/$"))
    page.get_by_label("Staff (people)").fill("42")
    page.get_by_label("Description").fill(NEW_DESCRIPTION)
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page).to_have_url(re.compile(rf"/partners/{org_a.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text("Changes saved.")
    expect(page.get_by_role("paragraph").filter(has_text=NEW_DESCRIPTION)).to_be_visible()

    history = page.locator("section.audit")
    expect(history.get_by_role("heading", name="Change history")).to_be_visible()
    staff_change = history.locator("li.change", has_text="Staff (people)")
    expect(staff_change).to_have_count(1)
    expect(staff_change.locator("del")).to_have_text("—")
    expect(staff_change.locator("ins")).to_have_text("42")
    expect(history.locator("li.change", has_text="Description").locator("ins")).to_have_text(
        NEW_DESCRIPTION
    )
    expect(history).to_contain_text(str(staff))

    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "journey-detail.png"), full_page=True)

    saved = Organisation.objects.get(pk=org_a.pk)
    assert saved.staff_size == 42
    assert saved.description == NEW_DESCRIPTION
    assert saved.version == org_a.version + 1
    assert saved.history.latest().history_user == staff


def test_partner_of_b_sees_only_the_public_profile_of_a(live_server, page, personas, org_a):
    sign_in(page, live_server.url, personas["partner_b"])

    page.goto(f"{live_server.url}/partners/{org_a.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alpha Women's Savings Network")
    expect(page.get_by_role("heading", name="Profile")).to_be_visible()
    expect(page.get_by_text("public profile", exact=False)).to_be_visible()

    expect(page.get_by_role("heading", name="Contact persons")).to_have_count(0)
    expect(page.get_by_role("heading", name="Registration and contact")).to_have_count(0)
    expect(page.get_by_role("heading", name="Change history")).to_have_count(0)
    expect(page.get_by_role("button", name="Edit")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    body = page.content()
    assert SECRET_REGISTRATION not in body
    assert SECRET_CONTACT_EMAIL not in body


def test_partner_list_fits_a_phone_and_switches_to_french(live_server, page, personas):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, live_server.url, personas["partner_a"])

    page.goto(live_server.url + "/partners/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner registry")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    switcher = page.locator("header form.lang")
    expect(switcher.get_by_role("button")).to_have_text(["EN", "FR", "SV"])
    switcher.get_by_role("button", name="FR", exact=True).click()

    expect(page.locator("html[lang=fr]")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text("Registre des partenaires")
    expect(page).to_have_url(re.compile(r"/partners/$"))
    expect(switcher.get_by_role("button", name="FR", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
