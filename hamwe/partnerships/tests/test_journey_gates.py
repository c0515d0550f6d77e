"""Browser journeys through gates that read the record, in Debian's Chromium.

Staff generate a partnership's agreement, send it and record each party's signature: the
gate item bound to "agreement signed" stays open (with no tick form) until the last party
signs, then ticks itself. And ticking one gate item never loses what is being typed in
another.
"""

import datetime
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.partnerships.models import Agreement, GateTick, Party
from hamwe.partnerships.tests.test_journey_cycle import (
    SCREENSHOTS,
    sign_in,
    status_message,
)
from hamwe.tests import conftest as browser_fixtures

browser = browser_fixtures.browser
page = browser_fixtures.page

PACKS = Path(__file__).resolve().parents[2] / "policy" / "packs"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def record_signature(page, organisation, signatory):
    page.get_by_role("button", name="Record a signature").click()
    page.get_by_label("Party").select_option(label=organisation)
    page.get_by_label("Signed by").fill(signatory)
    page.get_by_label("Date of signature").fill(datetime.date.today().isoformat())
    page.get_by_role("button", name="Record the signature").click()


def test_the_mou_item_opens_until_the_last_party_signs_then_ticks_itself(
    live_server, page, personas, partnership_a
):
    detail = f"{live_server.url}/partnerships/{partnership_a.pk}/"
    item = page.locator("#gate-agreement-signed")
    sign_in(page, live_server.url, personas["staff"])
    page.goto(detail)
    expect(item).to_have_class(re.compile(r"\bopen\b"))
    expect(item).to_contain_text(
        "Open until every party has signed the current version of the agreement.")
    expect(item.locator("form")).to_have_count(0)  # no tick by hand

    # Generate, complete the checklist, send: still a draft, then sent.
    page.locator("#agreement").get_by_role("button", name="Generate the agreement").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Draft")
    agreement_url = page.url
    page.goto(detail)
    expect(item).to_contain_text("Version 1 of the agreement is a draft")
    expect(item.locator("form")).to_have_count(0)
    page.goto(agreement_url)
    checklist = page.locator("#checklist")
    missing = checklist.locator("tbody tr").filter(has=page.locator(".ingredient-missing"))
    for i in range(missing.count()):
        missing.nth(i).get_by_role("checkbox").check()
    checklist.get_by_role("button", name="Save the checklist").click()
    expect(status_message(page, "Checklist saved.")).to_be_visible()
    page.get_by_role("button", name="Send for signature").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sent for signature")

    parties = list(partnership_a.parties.select_related("organisation").order_by("pk"))
    for n, party in enumerate(parties, start=1):
        page.goto(agreement_url)
        record_signature(page, party.organisation.name, f"Signatory {n}")
        expect(status_message(page, "is recorded" if n < len(parties) else
                              "Every party has signed")).to_be_visible()
        page.goto(detail)
        if n < len(parties):
            expect(item).to_have_class(re.compile(r"\bopen\b"))
            expect(item).to_contain_text(f"is sent for signature; {n} party has signed it.")
    # The last signature: the item ticked itself, saying why, with a link to the version.
    expect(item).to_have_class(re.compile(r"\bticked\b"))
    expect(item.locator(".tag")).to_have_text("done")
    expect(item).to_contain_text("Ticked by the record, because:")
    link = item.get_by_role("link", name=re.compile("signed by every party it names"))
    expect(link).to_have_attribute("href", re.compile(r"/agreements/\d+/$"))
    assert not GateTick.objects.filter(item="agreement-signed").exists()
    assert Agreement.objects.get().status == Agreement.Status.SIGNED
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator("#cycle").screenshot(path=str(SCREENSHOTS / "gate-by-the-record.png"))
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Signed")


def test_ticking_one_item_keeps_what_is_typed_in_the_next(live_server, page, personas, org_a):
    from hamwe.partnerships.records import services as records
    from hamwe.policy import services as policy
    from hamwe.policy.validation import parse_file

    policy.policy_load(pack=parse_file(PACKS / "care-burundi.yaml"))
    home = OrganisationFactory(name="CARE International in Burundi", is_home=True,
                               sector="ingo")
    partnership = records.partnership_create(
        by=personas["staff"], data={"title": "Savings groups in Gitega", "kind": "strategic"},
        parties=[{"organisation": home, "role": Party.Role.LEAD},
                 {"organisation": org_a, "role": Party.Role.IMPLEMENTING}],
    )
    sign_in(page, live_server.url, personas["staff"])
    page.goto(f"{live_server.url}/partnerships/{partnership.pk}/")
    first = page.locator("#gate-shared-vision-agreed")
    second = page.locator("#gate-roles-contributions-risks")
    half_written = "Roles agreed at the workshop of 12 May; the risks still to"
    second.get_by_label("Evidence").fill(half_written)
    first.get_by_label("Evidence").fill("Vision and objectives in the minutes of 12 May")
    first.get_by_role("button", name="Tick", exact=True).click()

    expect(status_message(page, "Ticked.")).to_be_visible()
    expect(first).to_have_class(re.compile(r"\bticked\b"))
    expect(first).to_contain_text("Vision and objectives in the minutes of 12 May")
    expect(second.get_by_label("Evidence")).to_have_value(half_written)
    # The items the record ticks stay as they were, with no form.
    expect(page.locator("#gate-agreement-signed form")).to_have_count(0)

    # And the same the other way: unticking keeps the text typed in the other item.
    first.get_by_role("button", name="Untick").click()
    expect(status_message(page, "The tick was removed.")).to_be_visible()
    expect(first).to_have_class(re.compile(r"\bopen\b"))
    expect(second.get_by_label("Evidence")).to_have_value(half_written)
    assert not GateTick.objects.exists()
