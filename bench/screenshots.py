"""Screenshots of a running Hamwe demo, for people to look at (not a test).

    HAMWE_MODE=demo uv run python bench/screenshots.py --password PASSWORD \
        [--base http://127.0.0.1:8000] [--out screenshots]

Start the demo first (`./run demo`); it prints the shared demo password, which this script
takes from --password or the HAMWE_DEMO_PASSWORD environment variable. It signs in as the
demo staff user and writes full-page PNGs, named <page>-<width>-<language>.png: the staff
home page and the partner list (1280 px and 360 px wide, in English and in French, switched
with the header's language buttons), a partner's detail page (1280 and 360), a partner's page
as a hub in French (its partnerships, agreements, reviews and documents; 1280 and 360), the
sign-in page (360), a partnership's record in French (1280 and 360), the results and the
joint action plan of the latest closed score-card round (1280 and 360, English and
French); then it signs in as a demo partner admin (--partner-email) for the partner's home
page (1280 and 360, English and French) and a question of the open score card as the
partner answers it, in French (1280 and 360); then, as a colleague of that partner who has
not answered yet (--colleague-email), the consultation on the partnership competencies as
a partner answers it, in French (1280 and 360), printing each file as it is written.
`--out docs/screenshots` refreshes the ones kept in the repository.

Pure Playwright, driving Debian's Chromium: it never downloads a browser.
"""

import argparse
import os
import re
import sys
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
TIMEOUT_MS = 15_000


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000", help="the demo's address")
    parser.add_argument("--out", default="screenshots", help="folder for the PNG files")
    parser.add_argument("--email", default="staff@hamwe.example", help="who signs in")
    parser.add_argument("--partner-email", default="admin@arsn.example",
                        help="the partner user whose home page is shot")
    parser.add_argument("--colleague-email", default="pascal@arsn.example",
                        help="a partner user who has not answered the competency "
                             "consultation yet (its answer form is shot)")
    parser.add_argument(
        "--password",
        default=os.environ.get("HAMWE_DEMO_PASSWORD"),
        help="the demo password (default: $HAMWE_DEMO_PASSWORD)",
    )
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the browser to drive")
    parser.add_argument("--only", choices=["networks", "consultation"],
                        help="shoot only these pages")
    args = parser.parse_args(argv)
    if not args.password:
        parser.error("give the demo password with --password or HAMWE_DEMO_PASSWORD")
    args.base = args.base.rstrip("/")
    return args


class Shooter:
    def __init__(self, page, out: Path):
        self.page = page
        self.out = out

    def shoot(self, name, viewport, language):
        self.page.set_viewport_size(viewport)
        self.page.wait_for_load_state("networkidle")
        path = self.out / f"{name}-{viewport['width']}-{language}.png"
        self.page.screenshot(path=str(path), full_page=True)
        small(path)
        print(path)
        return path

    def both_widths(self, name, language):
        self.shoot(name, WIDE, language)
        self.shoot(name, PHONE, language)

    def switch_language(self, code):
        """Press the header's language button, as a person would."""
        page = self.page
        if page.locator(f"html[lang={code}]").count():
            return
        page.locator("header form.lang").get_by_role(
            "button", name=code.upper(), exact=True
        ).click()
        expect(page.locator(f"html[lang={code}]")).to_have_count(1)


def small(path):
    """Down to 128 colours, undithered: a third of the size, text as sharp (the pages are
    flat colours), so the ones kept in docs/ stay light."""
    from PIL import Image  # Pillow comes with WeasyPrint

    with Image.open(path) as image:
        flat = image.convert("RGB").quantize(
            colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    flat.save(path, optimize=True)


def sign_in(page, base, email, password):
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    if page.locator("header details.dropdown").count() == 0:
        raise SystemExit(f"Could not sign in as {email} at {base}: wrong password?")


def latest_closed_round(page, base):
    """The address of the latest closed score-card round, found in the list of rounds as a
    person would (the list is newest first)."""
    page.goto(base + "/scorecards/")
    closed = page.locator("li.round-row", has=page.locator(".status-round-closed")).first
    href = closed.locator("a").first.get_attribute("href")
    if not href:
        raise SystemExit(f"No closed score-card round at {base}/scorecards/: is it the demo?")
    return base + href


def partner_home(browser, args, out):
    """The home page of a partner user, in a session of its own."""
    context = browser.new_context(viewport=PHONE, locale="en")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    shooter = Shooter(page, out)
    sign_in(page, args.base, args.partner_email, args.password)
    for language in ("en", "fr"):
        page.goto(args.base + "/")
        shooter.switch_language(language)
        expect(page.locator("#your-partnerships")).to_be_visible()
        shooter.both_widths("home-partner", language)
    # A question of the open score card, as the partner answers it, in French.
    answer = page.locator("a[href*='/scorecards/'][href$='/answer/']").first
    if answer.count():
        answer.click()
        page.wait_for_url("**/answer/**")
        expect(page.locator("form fieldset").first).to_be_visible()
        shooter.both_widths("scorecard-question", "fr")
    else:
        print("No open score-card round for the partner: no question shot", file=sys.stderr)
    shooter.switch_language("en")
    context.close()


def partner_consultation(browser, args, out):
    """The consultation on the partnership competencies as a partner answers it, in
    French on a phone and wide, reached from the partner's home page as they would."""
    context = browser.new_context(viewport=PHONE, locale="fr")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    shooter = Shooter(page, out)
    sign_in(page, args.base, args.colleague_email, args.password)
    page.goto(args.base + "/")
    shooter.switch_language("fr")
    answer = page.locator("a[href*='/people/consultations/'][href$='/answer/']").first
    if not answer.count():
        print(f"{args.colleague_email} has no consultation to answer: none shot",
              file=sys.stderr)
    else:
        answer.click()
        page.wait_for_url("**/answer/")
        expect(page.locator("main form").first).to_be_visible()
        shooter.both_widths("people-consultation-answer", "fr")
    shooter.switch_language("en")
    context.close()


def networks(page, shooter, base):
    """The networks of the demo: the list, a network's page (the one handed over), the
    graph with its lists (1280 and 360, English and French) and the community
    structures."""
    for language in ("en", "fr"):
        page.goto(base + "/networks/")
        shooter.switch_language(language)
        expect(page.locator("main table.registry")).to_be_visible()
        shooter.both_widths("networks", language)
        page.locator("main table.registry td.name a").first.click()
        page.wait_for_url("**/networks/*/")
        shooter.both_widths("network-detail", language)
        page.set_viewport_size(WIDE)  # the drawing is made for a wide screen only
        page.goto(base + "/networks/graph/")
        expect(page.locator("#graph.drawn canvas").first).to_be_visible()
        shooter.both_widths("networks-graph", language)
        page.goto(base + "/networks/structures/")
        shooter.both_widths("community-structures", language)
    shooter.switch_language("en")


def run(args) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if not Path(args.chromium).exists():
        print(f"{args.chromium} is missing: apt-get install chromium fonts-dejavu-core",
              file=sys.stderr)
        return 2
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(viewport=PHONE, locale="en")
            context.set_default_timeout(TIMEOUT_MS)
            expect.set_options(timeout=TIMEOUT_MS)
            page = context.new_page()
            shooter = Shooter(page, out)

            page.goto(args.base + "/accounts/login/")
            shooter.switch_language("en")
            shooter.shoot("login", PHONE, "en")

            sign_in(page, args.base, args.email, args.password)
            if args.only == "networks":
                networks(page, shooter, args.base)
                return 0
            if args.only == "consultation":
                partner_consultation(browser, args, out)
                return 0

            for language in ("en", "fr"):
                page.goto(args.base + "/")
                shooter.switch_language(language)
                expect(page.locator("#due")).to_be_visible()
                shooter.both_widths("home-staff", language)

            page.goto(args.base + "/partners/")
            shooter.switch_language("en")
            shooter.both_widths("partners", "en")

            first = page.locator("#results td.name a").first
            expect(first).to_be_visible()
            first.click()
            page.wait_for_url("**/partners/*/")
            shooter.both_widths("partner-detail", "en")

            page.goto(args.base + "/partners/")
            shooter.switch_language("fr")
            shooter.both_widths("partners", "fr")

            # The organisation as a hub: a partner with partnerships, an agreement signed
            # and documents (one expiring soon), in French.
            page.goto(args.base + "/partners/?q=ARSN")
            page.locator("#results td.name a").first.click()
            page.wait_for_url("**/partners/*/")
            expect(page.locator("#documents")).to_be_visible()
            shooter.both_widths("organisation-hub", "fr")

            # A partnership's record in French: parties, what each brings, the cycle.
            page.goto(args.base + "/partnerships/")
            page.locator("#results td.name a").first.click()
            page.wait_for_url("**/partnerships/*/")
            expect(page.locator("#parties")).to_be_visible()
            shooter.both_widths("partnership", "fr")

            score_card = latest_closed_round(page, args.base)
            for language in ("en", "fr"):
                page.goto(score_card + "results/")
                shooter.switch_language(language)
                expect(page.locator("#indicators table.results")).to_be_visible()
                shooter.both_widths("scorecard-results", language)
                page.goto(score_card + "plan/")
                expect(page.locator("#actions .plan-action").first).to_be_visible()
                shooter.both_widths("scorecard-plan", language)

            networks(page, shooter, args.base)
            # People: key positions, the partners' input on the competencies, and an
            # evaluation of someone the demo staff member manages.
            for language in ("en", "fr"):
                page.goto(args.base + "/people/")
                shooter.switch_language(language)
                expect(page.locator("section.card").first).to_be_visible()
                shooter.both_widths("people-positions", language)
                page.goto(args.base + "/people/competencies/")
                page.locator("#consultations td a").first.click()
                expect(page.locator("section.card").first).to_be_visible()
                shooter.both_widths("people-consultation", language)
                page.goto(args.base + "/people/evaluations/")
                page.locator("table td a").first.click()
                expect(page.locator("#ratings")).to_be_visible()
                shooter.both_widths("people-evaluation", language)
            # Capacity: a follow-up's results (radar beside the change table), in both
            # languages.
            for language in ("en", "fr"):
                page.goto(args.base + "/capacity/")
                shooter.switch_language(language)
                shooter.both_widths("capacity-list", language)
                scored = page.locator("tbody tr", has=page.locator(
                    "td", has_text=re.compile(r"^\d[.,]\d\d$")))
                scored.first.locator("td.name a").click()
                expect(page.locator("svg.radar")).to_be_visible()
                shooter.both_widths("capacity-results", language)

            # Leave the session as it was found.
            shooter.switch_language("en")
            context.close()

            partner_home(browser, args, out)
            partner_consultation(browser, args, out)
        except (PlaywrightError, AssertionError) as error:
            print(f"Screenshots stopped: {error}", file=sys.stderr)
            return 1
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(run(parse_args()))
