"""Browser journey: a partner on a 360 px phone, in French, answers an item of its
due-diligence checklist with a document as evidence, and sees its funding figures."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hamwe.partners.models import DiligenceItem, Funding
from hamwe.tests import conftest as browser_fixtures
from hamwe.tests.test_journey_registry import sign_in

browser = browser_fixtures.browser
page = browser_fixtures.page

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
PDF = b"%PDF-1.4\n% procedures manual\n%%EOF\n"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_partner_answers_on_a_phone_in_french(live_server, page, personas, org_a,
                                               live_policy, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for year, amounts in ((2024, ["50"]), (2025, ["50", "30", "20"])):
        for n, amount in enumerate(amounts):
            Funding.objects.create(organisation=org_a, year=year, source_name=f"Source {n}",
                                   category="bilateral", amount=Decimal(amount))
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, live_server.url, personas["partner_a"])
    page.locator("header form.lang").get_by_role("button", name="FR", exact=True).click()
    expect(page.locator("html[lang=fr]")).to_have_count(1)

    page.goto(f"{live_server.url}/partners/{org_a.pk}/diligence/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Diligence raisonnable")
    _fits(page)
    page.get_by_role("link", name=re.compile("sound financial procedures")).click()
    answer = page.locator("#answer form")
    answer.get_by_label("Partiellement satisfait").check()
    answer.get_by_label("Votre commentaire").fill("Manuel en cours de révision")
    answer.get_by_role("button", name="Enregistrer votre réponse").click()
    expect(page.locator(".message")).to_contain_text("Votre réponse est enregistrée.")

    evidence = page.locator("#evidence form")
    evidence.get_by_label("Type").select_option("other")
    evidence.get_by_label("Date du document").fill(datetime.date.today().isoformat())
    evidence.get_by_label("Ou un nouveau fichier").set_input_files(
        {"name": "manuel.pdf", "mimeType": "application/pdf", "buffer": PDF})
    evidence.get_by_role("button", name="Joindre").click()
    expect(page.locator(".message")).to_contain_text("La pièce justificative est jointe.")
    _fits(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "diligence-item-360-fr.png"), full_page=True)
    item = DiligenceItem.objects.get()
    assert (item.partner_status, item.status, item.evidence.count()) == ("partly", "", 1)

    page.goto(f"{live_server.url}/partners/{org_a.pk}/funding/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Financement")
    expect(page.locator("table.funding-figures")).to_contain_text("0,380")
    _fits(page)
    page.screenshot(path=str(SCREENSHOTS / "funding-360-fr.png"), full_page=True)
