"""A browser journey through a review, in Debian's Chromium: partner A's user, on a 360 px
phone in French, writes a narrative report section by section and a financial report and
submits both; staff comment on a budget line and request a revision; the partner revises
and resubmits; staff approve. The rounds figure moves to one and the difference between
the versions is shown."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hamwe.conftest import PASSWORD
from hamwe.reporting.models import Report
from hamwe.tests import conftest as browser_fixtures

from .factories import first_report, schedule_for

browser = browser_fixtures.browser
page = browser_fixtures.page

SCREENSHOTS = Path(__file__).resolve().parents[3] / "screenshots"  # git-ignored

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sign_in(tab, base_url, user):
    tab.goto(base_url + "/accounts/login/")
    tab.locator("input[name=login]").fill(user.email)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("form button[type=submit]").last.click()
    expect(tab.locator("header details.account summary")).to_have_text(str(user))


def _fits(phone):
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_partner_reports_on_a_phone_and_staff_review(live_server, browser, page, personas,
                                                       partnership_a, org_a):
    narrative = first_report(schedule_for(partnership_a, org_a, "narrative"))
    financial = first_report(schedule_for(partnership_a, org_a, "financial"))
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR",
                                  extra_http_headers={"Accept-Language": "fr"})
    phone = context.new_page()
    try:
        _sign_in(phone, live_server.url, personas["partner_a"])
        phone.goto(f"{live_server.url}/reports/{narrative.pk}/")
        expect(phone.get_by_role("heading", level=1)).to_contain_text("FY26 Q1")
        _fits(phone)
        for section in narrative.sections.order_by("position"):
            phone.locator(f"[name=s{section.pk}-text]").fill(
                f"Quarante groupes se sont réunis ({section.key}).")
            phone.locator(f"#section-{section.pk}").get_by_role(
                "button", name="Enregistrer cette section").click()
            expect(phone.get_by_role("status")).to_contain_text("La section a été enregistrée")
        phone.get_by_role("button", name="Soumettre le rapport").click()
        expect(phone.get_by_role("status")).to_contain_text("Le rapport a été soumis")

        phone.goto(f"{live_server.url}/reports/{financial.pk}/")
        phone.get_by_text("Ajouter une ligne budgétaire").click()
        for name, value in {"code": "1.1", "label": "Animateurs", "budget": "1000",
                            "actual": "1300", "budget_to_date": "1000",
                            "actual_to_date": "1300",
                            "explanation": "Deux animateurs de plus"}.items():
            phone.locator(f"[name=new-{name}]").fill(value)
        phone.get_by_role("button", name="Ajouter la ligne").click()
        expect(phone.get_by_role("status")).to_contain_text("ligne budgétaire a été ajoutée")
        _fits(phone)
        SCREENSHOTS.mkdir(exist_ok=True)
        phone.screenshot(path=str(SCREENSHOTS / "journey-report-360-fr.png"), full_page=True)
        phone.get_by_role("button", name="Soumettre le rapport").click()
        expect(phone.get_by_role("status")).to_contain_text("Le rapport a été soumis")

        # Staff, at a desk in English: a comment on the budget line, then a revision.
        _sign_in(page, live_server.url, personas["staff"])
        page.goto(f"{live_server.url}/reports/{financial.pk}/")
        line = financial.lines.get()
        block = page.locator(f"#line-{line.pk}")
        block.get_by_text("Comment on this").click()
        block.locator("textarea[name=text]").fill("Which budget pays for them?")
        block.get_by_role("button", name="Send").click()
        expect(page.get_by_role("status")).to_contain_text("The comment was added.")
        page.get_by_label("Decision").select_option("revision")
        page.get_by_role("button", name="Record the decision").click()
        expect(page.get_by_role("status")).to_contain_text("The decision was recorded.")

        # The partner sees the comment on the line, revises the explanation, resubmits.
        phone.goto(f"{live_server.url}/reports/{financial.pk}/")
        expect(phone.locator(f"#line-{line.pk}")).to_contain_text("Which budget pays")
        phone.locator(f"#line-{line.pk}").get_by_text("Modifier cette ligne").click()
        phone.locator(f"[name=l{line.pk}-explanation]").fill(
            "Deux animateurs de plus, payés par les économies sur la formation")
        phone.locator(f"#line-{line.pk}").get_by_role("button",
                                                       name="Enregistrer la ligne").click()
        expect(phone.get_by_role("status")).to_contain_text("enregistrée")
        phone.get_by_role("button", name="Soumettre le rapport révisé").click()
        expect(phone.get_by_role("status")).to_contain_text("Le rapport a été soumis")

        # Staff approve: one round of feedback, and the versions' difference.
        page.goto(f"{live_server.url}/reports/{financial.pk}/")
        page.get_by_label("Decision").select_option("approved")
        page.get_by_role("button", name="Record the decision").click()
        expect(page.get_by_role("status")).to_contain_text("The decision was recorded.")
        assert Report.objects.get(pk=financial.pk).rounds == 1
        page.goto(f"{live_server.url}/reports/?status=approved")
        expect(page.locator("table.registry tbody tr").first).to_contain_text("1")
        page.goto(f"{live_server.url}/reports/{financial.pk}/versions/2/")
        expect(page.locator(".diff .add")).to_contain_text("économies sur la formation")
        expect(page.locator(".diff .del")).to_contain_text("Deux animateurs de plus")
        page.screenshot(path=str(SCREENSHOTS / "journey-report-diff-1280.png"), full_page=True)
        assert re.search("Version 2", page.content())
    finally:
        context.close()
