"""Browser journeys through a partnership's cycle, in Debian's Chromium.

A member of staff records a partnership with partner A, checks that it is a partnership,
generates its agreement, has it signed, walks it through the gates to its first review,
loops back to revise it, walks it forward again to sustaining outcomes, and downloads the
signed MoU. A partner user of A reads the partnership on a phone and adds A's own
contribution, without the buttons that change the record.
"""

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hamwe.conftest import PASSWORD
from hamwe.partners.tests.factories import ContactFactory, OrganisationFactory
from hamwe.partnerships.models import Partnership
from hamwe.tests import conftest as browser_fixtures

# The browser fixtures live in hamwe/tests/conftest.py, which only that folder sees.
browser = browser_fixtures.browser
page = browser_fixtures.page

ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "screenshots"  # git-ignored: for looking, not for the repository

HOME = "Lakeside Health Alliance"
PARTNER = "Alpha Women's Savings Network"
TITLE = "Savings groups and community health in Gitega"
VISION = "Women in Gitega save together and keep their families healthy."
OBJECTIVES = "Set up 40 savings groups with a health fund\nTrain 80 community health workers"
REVISION_NOTE = "The review asks to revise the agreement: add the health fund's rules."
# The example pack (live_policy): two non-partnership patterns, three principles.
PATTERNS = 2
PRINCIPLES = {"Equity": "4", "Transparency": "3", "Mutual learning": "5"}
DOWNLOAD_TIMEOUT_MS = 60_000  # WeasyPrint lays the PDF out while the browser waits

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


def status_message(page, text):
    """The flash message (or the cycle panel's notice) that says `text`."""
    return page.get_by_role("status").filter(has_text=text)


def tick_gate(page, evidence):
    """Tick every item of the current stage's gate that is still open, with the evidence
    given for its key; items ticked earlier keep their tick. Each tick swaps the cycle
    panel in place (htmx)."""
    cycle = page.locator("#cycle")
    for key, text in evidence.items():
        item = cycle.locator(f"#gate-{key}")
        expect(item).to_be_visible()
        if "open" in (item.get_attribute("class") or ""):
            item.get_by_label("Evidence").fill(text)
            item.get_by_role("button", name="Tick", exact=True).click()
            expect(status_message(page, "Ticked.")).to_be_visible()
        expect(cycle.locator(f"#gate-{key}")).to_have_class(re.compile(r"\bticked\b"))
        expect(cycle.locator(f"#gate-{key} .tag")).to_have_text("done")


def move(page, target, note=""):
    """Move through the cycle panel's form; a move reloads the whole page."""
    form = page.locator("#cycle form.move-form")
    form.get_by_label("Move to").select_option(label=target)
    if note:
        form.get_by_label("Note").fill(note)
    form.get_by_role("button", name="Move", exact=True).click()
    expect(status_message(page, f"Moved to {target}.")).to_be_visible()
    expect(page.locator("#cycle .cycle-now")).to_contain_text(target.split(" · ")[0])
    expect(page.locator("#cycle .cycle-now")).to_contain_text(target.split(" · ")[1])


def answer_no_to_every_pattern(scope, expected):
    """Answer "no" to each yes/no question of `scope` ("yes" = the pattern is present)."""
    questions = scope.get_by_role("group").filter(has=scope.page.get_by_label("No", exact=True))
    expect(questions).to_have_count(expected)
    for i in range(expected):
        questions.nth(i).get_by_label("No", exact=True).check()


def record_signature(page, organisation, signatory, position, scan=None):
    page.get_by_role("button", name="Record a signature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a signature")
    page.get_by_label("Party").select_option(label=organisation)
    page.get_by_label("Signed by").fill(signatory)
    page.get_by_label("Position").fill(position)
    page.get_by_label("Date of signature").fill(datetime.date.today().isoformat())
    if scan:
        page.get_by_label("Scanned copy").set_input_files(scan)
    page.get_by_role("button", name="Record the signature").click()


def test_staff_runs_a_partnership_through_its_cycle_and_signs_the_mou(
    live_server, page, personas, org_a, live_policy
):
    # The home organisation, with a main contact who will represent it in the MoU.
    home = OrganisationFactory(name=HOME, acronym="LHA", is_home=True, iati_type=21)
    ContactFactory(organisation=home, name="Grace Niyonzima", position="Executive director",
                   is_primary=True)
    staff = personas["staff"]
    sign_in(page, live_server.url, staff)

    # 1. Record the partnership from the list page.
    page.get_by_role("navigation").get_by_role("link", name="Partnerships", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnerships")
    page.get_by_role("button", name="Record a partnership").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a partnership")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_role("group", name="Kind of partnership").get_by_role(
        "radio", name=re.compile(r"^Strategic partnership")
    ).check()
    page.get_by_label("Shared vision").fill(VISION)
    page.get_by_label("Joint objectives").fill(OBJECTIVES)
    page.get_by_label("Programme or project").fill("Women's economic empowerment")
    rows = page.locator("#parties .party-row")
    expect(rows).to_have_count(3)
    for row, (organisation, role, objectives) in zip(
        (rows.nth(0), rows.nth(1)),
        (
            (str(home), "Lead / contract holder", "Reach women's groups with health education"),
            (str(org_a), "Implementing", "Grow our savings groups to 40"),
        ),
        strict=True,
    ):
        row.get_by_label("Organisation").select_option(label=organisation)
        row.get_by_label("Role").select_option(label=role)
        row.get_by_label("Own objectives").fill(objectives)
    page.get_by_role("button", name="Save", exact=True).click()

    expect(status_message(page, "The partnership was recorded.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    partnership = Partnership.objects.get(title=TITLE)
    detail_url = f"{live_server.url}/partnerships/{partnership.pk}/"
    expect(page).to_have_url(detail_url)
    parties = page.locator("#parties")
    expect(parties.get_by_role("link", name=HOME, exact=True)).to_be_visible()
    expect(parties.get_by_role("link", name=PARTNER, exact=True)).to_be_visible()
    expect(page.locator("#cycle .cycle-now")).to_contain_text("Scoping and building · Scoping")
    expect(page.locator("#qualification")).to_contain_text("has not been run yet")

    # 2. "Is this a partnership?": no pattern of a non-partnership is present.
    page.get_by_role("button", name="Is this a partnership?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Is this a partnership?")
    questionnaire = page.locator("form.questionnaire")
    answer_no_to_every_pattern(questionnaire, expected=PATTERNS)
    questionnaire.get_by_role("button", name="Check", exact=True).click()
    expect(status_message(page, "Checked: this is a partnership.")).to_be_visible()
    result = page.locator("#result")
    expect(result.locator(".verdict")).to_contain_text("Partnership")
    expect(result.locator(".verdict")).not_to_contain_text("Not a partnership")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("#qualification .verdict")).to_contain_text("Partnership —")

    # 3. The agreement: generate, complete the checklist, send, have both parties sign.
    agreement_panel = page.locator("#agreement")
    expect(agreement_panel).to_contain_text("No agreement yet.")
    agreement_panel.get_by_role("button", name="Generate the agreement").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agreement, version 1")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Draft")
    text = page.locator("article.agreement-text")
    expect(text).to_contain_text(HOME)
    expect(text).to_contain_text(PARTNER)
    expect(text).to_contain_text(VISION)

    checklist = page.locator("#checklist")
    missing = checklist.locator("tbody tr").filter(has=page.locator(".ingredient-missing"))
    for i in range(missing.count()):
        missing.nth(i).get_by_role("checkbox").check()
    checklist.get_by_role("button", name="Save the checklist").click()
    expect(status_message(page, "Checklist saved.")).to_be_visible()
    expect(checklist.locator(".ingredient-missing")).to_have_count(0)
    expect(checklist.locator(".ingredient-missing-text")).to_have_count(0)

    page.get_by_role("button", name="Send for signature").click()
    expect(status_message(page, "Version 1 is sent for signature.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sent for signature")

    record_signature(page, PARTNER, "Jeanine Ndayishimiye", "Coordinator", scan={
        "name": "signed-page.pdf", "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4\n% the signed page, scanned\n%%EOF\n",
    })
    expect(status_message(page, f"The signature of {PARTNER} is recorded.")).to_be_visible()
    record_signature(page, HOME, "Grace Niyonzima", "Executive director")
    expect(status_message(page, "Every party has signed: the agreement is signed.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Signed")
    signatures = page.locator("#signatures")
    expect(signatures.get_by_role("row", name=re.compile(PARTNER))).to_contain_text(
        "Jeanine Ndayishimiye"
    )
    expect(signatures.get_by_role("row", name=re.compile(HOME))).to_contain_text(
        "Grace Niyonzima, Executive director"
    )
    expect(signatures.get_by_role("link", name="Download")).to_have_count(1)
    expect(page.get_by_role("button", name="Record a signature")).to_have_count(0)

    # 4. Through the gates: scoping and building, then managing and maintaining. The
    # signed agreement has ticked its item already; the team ticks the rest.
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("#agreement .tag")).to_have_text("Signed")
    expect(page.locator("#gate-agreement-signed")).to_have_class(re.compile(r"\bticked\b"))
    expect(page.locator("#gate-agreement-signed")).to_contain_text("Ticked by the record")
    scoping_evidence = {
        "due-diligence": "Financial procedures manual and the 2023 audited accounts seen.",
    }
    tick_gate(page, scoping_evidence)
    move(page, "Managing and maintaining · Managing")
    expect(page.locator("#cycle .cycle-track > li[aria-current=step]")).to_contain_text(
        "Managing and maintaining"
    )
    managing_evidence = {"reports-approved": "Q1 narrative and financial reports approved."}
    tick_gate(page, managing_evidence)
    move(page, "Reviewing and revising · Reviewing")
    expect(page.locator("#cycle")).to_contain_text("The policy sets no gate for this stage.")

    # 5. The review: objectives, value to each party, every principle, recommendation.
    page.locator("#cycle").get_by_role("button", name="Record a review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership review")
    page.get_by_role("group", name="Were the joint objectives met?").get_by_label(
        "Partly", exact=True
    ).check()
    page.get_by_label("On the objectives").fill("32 of 40 groups set up; the health fund lags.")
    for organisation, rating in ((HOME, "4"), (PARTNER, "5")):
        value = page.get_by_role("group", name=organisation)
        value.get_by_label("What it expected").fill("Reach and trust in the communities")
        value.get_by_label("What it received").fill("Most of it, a little late")
        value.get_by_role("group", name="Value to this party").get_by_label(
            rating, exact=True
        ).check()
    for principle, rating in PRINCIPLES.items():
        page.get_by_role("group", name=principle).get_by_label(rating, exact=True).check()
    page.get_by_label("Were the contributions delivered?").fill("Yes, the trainers late.")
    page.get_by_label("Is the governance working?").fill("The steering group meets monthly.")
    page.get_by_role("checkbox", name="Revise the agreement").check()
    still = page.locator("section").filter(
        has=page.get_by_role("heading", name="Is it still a partnership?")
    )
    answer_no_to_every_pattern(still, expected=PATTERNS)
    page.get_by_role("group", name="Recommendation").get_by_label(
        "Revise the agreement", exact=True
    ).check()
    page.get_by_role("button", name="Record the review").click()

    expect(status_message(page, "The review was recorded.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Review of")
    suggestion = page.locator("#next-step")
    expect(suggestion).to_contain_text("Revise the agreement: go back")
    ratings = page.locator("ul.ratings")
    for principle, rating in PRINCIPLES.items():
        expect(ratings.locator("li", has_text=principle)).to_contain_text(f"{rating}/5")
    expect(page.get_by_role("row", name=re.compile(PARTNER))).to_contain_text("5/5")
    expect(page.get_by_role("row", name=re.compile(HOME))).to_contain_text("4/5")

    # 6. The revision loop: back to scoping and building (planning), with a note...
    loop = suggestion.locator("form.move-form")
    expect(loop.get_by_label("Move to")).to_have_value("scoping-and-building/scoping")
    loop.get_by_label("Move to").select_option(label="Scoping and building · Planning")
    loop.get_by_label("Note").fill(REVISION_NOTE)
    loop.get_by_role("button", name="Move", exact=True).click()
    expect(status_message(page, "Moved to Scoping and building · Planning.")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/partnerships/{partnership.pk}/(#cycle)?$"))
    expect(page.locator("#cycle .cycle-now")).to_contain_text("Scoping and building · Planning")
    latest_review = page.locator("#cycle dl.fields dd").first
    expect(latest_review).to_contain_text("revise the agreement")

    # ... then forward again through the gates, to the review and on to sustaining. (The
    # ticks of the first pass still stand: tick_gate ticks only what a gate shows open.)
    tick_gate(page, scoping_evidence)
    move(page, "Managing and maintaining · Implementing")
    tick_gate(page, managing_evidence)
    move(page, "Reviewing and revising · Revising")
    move(page, "Sustaining outcomes · Institutionalising")
    current = page.locator("#cycle .cycle-track > li[aria-current=step]")
    expect(current).to_contain_text("Sustaining outcomes")
    expect(current.locator("li.current")).to_contain_text("Institutionalising")
    expect(page.locator(".record-tags .status")).to_have_text("Active")

    # 7. The timeline shows every move, the loop back to scoping among them.
    timeline = page.locator("#cycle ol.timeline > li")
    expect(timeline).to_have_count(7)
    expected = [
        "Scoping and building · Scoping",
        "Scoping and building → Managing and maintaining · Managing",
        "Managing and maintaining → Reviewing and revising · Reviewing",
        "Reviewing and revising → Scoping and building · Planning",
        "Scoping and building → Managing and maintaining · Implementing",
        "Managing and maintaining → Reviewing and revising · Revising",
        "Reviewing and revising → Sustaining outcomes · Institutionalising",
    ]
    for i, text in enumerate(expected):
        expect(timeline.nth(i)).to_contain_text(text)
    expect(timeline.nth(3).locator(".note")).to_have_text(REVISION_NOTE)
    expect(timeline.nth(0)).not_to_contain_text("→")

    # 8. The signed MoU as an editable DOCX and as a PDF to print.
    agreement_panel = page.locator("#agreement")
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as docx_download:
        agreement_panel.get_by_role("button", name="DOCX (editable)").click()
    assert docx_download.value.suggested_filename.endswith(".docx")
    from docx import Document

    document = Document(docx_download.value.path())
    words = [p.text for p in document.paragraphs]
    words += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    words = "\n".join(words)
    for name in (HOME, PARTNER, "Jeanine Ndayishimiye", "Grace Niyonzima", VISION):
        assert name in words

    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as pdf_download:
        # The PDF is served inline (to read in the browser); Alt+click saves a link.
        agreement_panel.get_by_role("button", name="PDF", exact=True).click(modifiers=["Alt"])
    assert pdf_download.value.suggested_filename.endswith(".pdf")
    pdf = Path(pdf_download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")

    SCREENSHOTS.mkdir(exist_ok=True)
    if shutil.which("pdftoppm"):  # poppler-utils: for looking at the page, not required
        pdf_copy = SCREENSHOTS / "journey-mou.pdf"
        pdf_copy.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile",
             str(pdf_copy), str(SCREENSHOTS / "journey-mou-page1")],
            check=True, timeout=60,
        )
        assert (SCREENSHOTS / "journey-mou-page1.png").stat().st_size > 10_000

    # The page as it stands at the end, for the documentation.
    page.goto(detail_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "partnership-detail.png"), full_page=True)


def test_partner_reads_the_partnership_on_a_phone_and_adds_its_contribution(
    live_server, page, personas, org_a, partnership_a
):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, live_server.url, personas["partner_a"])

    page.goto(live_server.url + "/partnerships/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnerships")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.get_by_role("button", name="Record a partnership")).to_have_count(0)
    results = page.locator("#results")
    expect(results).to_contain_text("1 partnership")
    results.get_by_role("link", name=partnership_a.title).click()

    expect(page).to_have_url(re.compile(rf"/partnerships/{partnership_a.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(partnership_a.title)
    expect(page.locator("#cycle .cycle-now")).to_contain_text("Scoping and building · Scoping")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Partners read the record; the home organisation's staff change it.
    for name in ("Edit", "Move", "Tick", "Record a review", "Add a party",
                 "Generate the agreement"):
        expect(page.get_by_role("button", name=name, exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Edit party")).to_have_count(0)
    expect(page.locator("#cycle form")).to_have_count(0)
    expect(page.locator("#agreement form")).to_have_count(0)

    # Only A's own row offers to add a contribution, or to edit one.
    party_a = partnership_a.parties.get(organisation=org_a)
    row_a = page.locator(f"#party-{party_a.pk}")
    add = page.get_by_role("link", name="+ Add a contribution")
    expect(add).to_have_count(1)
    expect(row_a.get_by_role("link", name="+ Add a contribution")).to_be_visible()
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(1)
    expect(row_a.get_by_role("link", name="Edit", exact=True)).to_have_count(1)
    add.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Add a contribution")
    expect(page.get_by_text(f"What {org_a.name} brings to the partnership.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("Kind").select_option(label="Money")
    page.get_by_label("Description").fill("Savings ledger printing")
    page.get_by_label("Estimated value").fill("1500000")
    page.get_by_label("Currency").fill("bif")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(status_message(page, "Contribution added.")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/partnerships/{partnership_a.pk}/#party-{party_a.pk}$"))
    row = page.locator(f"#party-{party_a.pk}")
    expect(row).to_contain_text("Savings ledger printing")
    expect(row).to_contain_text("BIF")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert party_a.contributions.filter(description="Savings ledger printing").exists()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "journey-partnership-360.png"), full_page=True)
