"""A browser journey through the strategy, in Debian's Chromium: a member of staff enters
a manual indicator with its evidence, marks an activity of the action plan done, makes
the annual report of the last fiscal year and downloads both its files."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hamwe.conftest import PASSWORD
from hamwe.strategy.models import ActivityUpdate, IndicatorEntry, Report
from hamwe.tests import conftest as browser_fixtures

from .conftest import PDF

# The browser fixtures live in hamwe/tests/conftest.py, which only that folder sees.
browser = browser_fixtures.browser
page = browser_fixtures.page

DOWNLOAD_TIMEOUT_MS = 60_000  # WeasyPrint lays the PDF out while the browser waits
MANUAL = "A partnership manual is adopted by the board."
ACTIVITY = "Map research institutions working on community health."

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, base_url, user):
    page.goto(base_url + "/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"^\s*sign in\s*$", re.I)).click()
    expect(page.locator("header details.account summary")).to_have_text(str(user))


def test_staff_follow_the_strategy_and_make_the_annual_report(
        page, live_server, followed, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff = personas["staff"]
    sign_in(page, live_server.url, staff)

    # The dashboard: every indicator at a glance; the manual one has no entry yet.
    page.get_by_role("link", name="Strategy", exact=True).click()
    card = page.locator("#indicator-partnership-manual")
    expect(card.locator(".st")).to_have_text("Not measurable yet")
    card.get_by_role("link", name=MANUAL).click()

    # Enter its value (a status) with the board's decision as evidence.
    page.get_by_role("button", name="Enter a value or status").click()
    page.get_by_label("Status").select_option("met")
    page.get_by_label("As of").fill("2025-02-01")
    page.get_by_label("Note").fill("Adopted by the board on 1 February 2025.")
    evidence = tmp_path / "board-decision.pdf"
    evidence.write_bytes(PDF)
    page.get_by_label("Evidence document").set_input_files(str(evidence))
    page.get_by_role("button", name="Record the entry").click()
    expect(page.get_by_role("status")).to_contain_text("The entry was recorded.")
    expect(page.locator(".entries")).to_contain_text("Adopted by the board on 1 February")
    entry = IndicatorEntry.objects.get()
    assert entry.entered_by == staff and entry.evidence
    with page.expect_download() as info:  # served through the access rule
        page.locator(".entries").get_by_role("link", name="evidence document").click()
    assert Path(info.value.path()).read_bytes() == PDF

    page.goto(live_server.url + "/strategy/")
    expect(card.locator(".st")).to_have_text("Met")
    expect(card).to_contain_text(f"Entered by {staff.full_name}")

    # Mark an activity of the action plan done.
    page.get_by_role("button", name="Action plan").click()
    row = page.locator("#activity-map-research-partners")
    expect(row.locator(".a-state")).to_have_text("Not started · overdue")
    row.get_by_role("link", name=ACTIVITY).click()
    page.get_by_label("Status").select_option("done")
    page.get_by_label("As of").fill("2024-05-10")
    page.get_by_label("What was done").fill("Twelve research institutions mapped.")
    page.get_by_role("button", name="Record the progress").click()
    expect(page.get_by_role("status")).to_contain_text("The progress was recorded.")
    assert ActivityUpdate.objects.get().status == "done"
    page.goto(live_server.url + "/strategy/plan/")
    expect(page.locator("#activity-map-research-partners .a-state")).to_have_text("Done")

    # Make the annual report of FY25 and download both files.
    page.goto(live_server.url + "/strategy/")
    page.get_by_role("button", name="Annual reports").click()
    page.get_by_label("Fiscal year").select_option("2025")
    page.get_by_label("Language").select_option("en")
    page.get_by_role("button", name="Make the report").click()
    expect(page.get_by_text("The report is ready.")).to_be_visible(timeout=DOWNLOAD_TIMEOUT_MS)
    assert Report.objects.get().status == Report.Status.DONE
    files = {}
    for name, suffix in (("Download the PDF", "pdf"), ("Download the spreadsheet (XLSX)",
                                                      "xlsx")):
        with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
            page.get_by_role("button", name=name).click()
        download = info.value
        assert download.suggested_filename == f"annual-report-lakeside-2025-en.{suffix}"
        files[suffix] = Path(download.path()).read_bytes()
    assert files["pdf"].startswith(b"%PDF-") and files["xlsx"].startswith(b"PK")
