"""The policy in the reader's language, page by page: a French reader of CARE Burundi's
pack sees its French translation and no English pack text; a text the translation lacks
is shown in the source language with a visible mark, and only then; the MoU quotes the
policy in its own language."""

import html
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from hamwe.conftest import client_for
from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.policy import localise, services
from hamwe.policy.validation import parse_file

PACKS = Path(__file__).resolve().parents[1] / "policy" / "packs"
MARK = 'class="untranslated"'
# Proper names the French translation keeps in English.
PROPER_NAMES = ("Effective Partnership Initiative", "Country Presence Review",
                "The Partnering Initiative", "Partnering Toolbook")


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    translation.deactivate()


@pytest.fixture
def care(db):
    return services.policy_load(pack=parse_file(PACKS / "care-burundi.yaml"))


@pytest.fixture
def care_partnership(care, org_a):
    from hamwe.partnerships.models import Partnership, Party

    partnership = Partnership.objects.create(
        title="Savings groups in Gitega", kind="strategic", stage="scoping-building",
        phase="scoping", shared_vision="Women save and invest together.",
    )
    Party.objects.create(partnership=partnership, organisation=org_a, role="implementing",
                         own_objectives="Grow our groups")
    Party.objects.create(partnership=partnership, role="knowledge",
                         organisation=OrganisationFactory(name="Gamma Research Institute"))
    return partnership


def _french(client):
    client.cookies["django_language"] = "fr"
    return client


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _english_left(page, pack, *, only=None):
    """The pack's English texts that the page still shows, where the French translation
    words them differently (names such as "CARE Burundi" or "PQLD" stay as they are)."""
    french = localise.translated_texts(pack.translations["fr"])
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    text = re.sub(r"\s+", " ", text)
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    left = []
    for path, value in localise.source_texts(pack).items():
        if only and path[0] not in only:
            continue
        given = french[path]
        pairs = zip(value, given, strict=True) if isinstance(value, list) else [(value, given)]
        for english, translated in pairs:
            english = re.sub(r"\s+", " ", english)
            if english != translated and re.search(rf"(?<!\w){re.escape(english)}(?!\w)", text):
                left.append(english)
    return left


# --- CARE Burundi in French ---------------------------------------------------------------


def test_the_policy_page_in_french_shows_the_french_policy_and_no_english_text(care, personas):
    page = _page(_french(client_for(personas["partner_a"])), "/policy/")
    assert '<html lang="fr"' in page
    for french in ("Vision partagée et objectifs communs", "Cadrage et construction",
                   "Pérennisation des résultats", "CARE Burundi nous inclut",
                   "Renforcer la culture organisationnelle", "Groupe d'impact",
                   "Traduction de Hamwe, pas le texte source"):
        assert french in html.unescape(page), french
    assert MARK not in page
    assert _english_left(page, parse_file(PACKS / "care-burundi.yaml")) == []
    assert "<title>CARE International au Burundi - Stratégie de partenariat 2013-2018 · Hamwe" \
        in page


def test_setlang_switches_the_policy_to_french(care, personas):
    client = client_for(personas["staff"])
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/policy/"})
    assert response.status_code == 302
    page = _page(client, "/policy/")
    assert "Équité entre partenaires" in html.unescape(page)


def test_the_policy_own_words_are_one_link_away(care, personas):
    page = _page(_french(client_for(personas["staff"])), "/policy/?text=source")
    assert "Equity between partners" in page and "Équité entre partenaires" not in page
    assert MARK not in page
    assert "Le texte même de la politique, dans sa langue source (anglais)." in \
        html.unescape(page)


def test_a_partnership_in_french_names_its_kind_stage_phases_and_gate_in_french(
    care_partnership, personas
):
    pack = parse_file(PACKS / "care-burundi.yaml")
    client = _french(client_for(personas["staff"]))
    page = _page(client, reverse("partnerships:detail", args=[care_partnership.pk]))
    text = html.unescape(page)
    for french in ("Partenariat stratégique", "Cadrage et construction", "Cadrage",
                   "Gestion et maintien", "Mobilisation des ressources",
                   "Vision partagée et objectifs communs convenus et mis par écrit"):
        assert french in text, french
    assert MARK not in page
    assert _english_left(page, pack, only={"partnership_kinds", "cycle"}) == []


def test_the_partnership_list_and_form_offer_the_kinds_and_stages_in_french(
    care_partnership, personas
):
    client = _french(client_for(personas["staff"]))
    listing = html.unescape(_page(client, reverse("partnerships:list")))
    assert "Partenariat stratégique" in listing and "Cadrage et construction" in listing
    assert "Strategic partnership" not in listing and "Scoping & Building" not in listing
    form = html.unescape(_page(client, reverse("partnerships:create")))
    assert "Partenariat opérationnel — Un partenariat opérationnel est un engagement" in form
    assert "Operational partnership" not in form


def test_the_qualification_check_and_the_review_ask_in_french(care_partnership, personas):
    client = _french(client_for(personas["staff"]))
    check = html.unescape(_page(client, reverse("partnerships:qualify",
                                                args=[care_partnership.pk])))
    assert "Une partie achète-t-elle des biens ou des services à l'autre ?" in check
    assert "Does one party procure goods or services" not in check
    review = html.unescape(_page(client, reverse("partnerships:review_new",
                                                 args=[care_partnership.pk])))
    assert "Équité entre partenaires" in review and "Transparence" in review
    assert "Equity between partners" not in review


def test_the_mou_in_french_quotes_the_french_principles(care_partnership, personas):
    from hamwe.partnerships.agreements import documents
    from hamwe.partnerships.agreements import services as agreements

    agreement = agreements.agreement_generate(partnership=care_partnership,
                                              by=personas["staff"], language="fr")
    quotes = [b for a in agreement.content["articles"] for b in a["blocks"]
              if b["type"] == "quote"]
    # Each text only repeats its principle's name: the name is quoted with what the
    # principle means in practice, never twice.
    assert [(q["title"], q["text"], q["practice"][0].split(" ")[0]) for q in quotes] == [
        ("Vision partagée et objectifs communs", "", "Une"),
        ("Équité entre partenaires", "", "Prise"),
        ("Transparence", "", "Communication"),
    ]
    assert not any(key.endswith("_lang") for q in quotes for key in q)
    text = documents.mou_html(agreement)
    assert "Partenariat stratégique" in html.unescape(text)
    assert "Traduction de Hamwe, pas le texte source" in html.unescape(text)
    assert "fait foi" in html.unescape(text)
    assert "Equity between partners" not in text and 'class="lang-mark"' not in text
    # Written in English, the same partnership's MoU quotes the policy's own words.
    english = agreements.agreement_generate(partnership=care_partnership,
                                            by=personas["staff"], language="en")
    quoted = [b["title"] for a in english.content["articles"] for b in a["blocks"]
              if b["type"] == "quote"]
    assert quoted[1] == "Equity between partners"


# --- A partial translation: the fallback is marked, and only the fallback -----------------


def test_an_untranslated_text_is_marked_and_a_translated_one_is_not(live_policy, personas):
    page = _page(_french(client_for(personas["staff"])), "/policy/")
    text = html.unescape(page)
    assert "<strong>Équité</strong>" in page  # translated: no mark
    assert ('<strong><span class="untranslated" title="Pas encore traduit : affiché dans la '
            'langue source (anglais)."><span lang="en">Mutual learning</span> '
            '<small class="lang-mark">[EN]</small></span></strong>') in text
    assert "ne sont pas encore traduits" in text
    english = _page(client_for(personas["staff"]), "/policy/")
    assert MARK not in english and "Mutual learning" in english


def test_a_reader_whose_language_the_pack_lacks_sees_it_all_marked(live_policy, personas):
    client = client_for(personas["staff"])
    client.cookies["django_language"] = "sv"
    page = html.unescape(_page(client, "/policy/"))
    assert "inte översatt till ditt språk än" in page
    assert page.count(MARK) > 50


def test_a_fallback_choice_label_carries_its_mark_as_text(live_policy, partnership_a, personas):
    """A choice label composed in code ("name — description") and an <option>, where a
    browser drops tags, still say "[EN]" in words."""
    client = client_for(personas["staff"])
    client.cookies["django_language"] = "sv"
    form = html.unescape(_page(client, reverse("partnerships:edit", args=[partnership_a.pk])))
    assert "Strategic partnership [EN] — A long-term partnership on shared goals beyond any " \
        "single project. [EN]" in form
    listing = _page(client, reverse("partnerships:list"))
    option = re.search(r'<option value="scoping-and-building">(.*?)</option>', listing).group(1)
    assert re.sub(r"<[^>]+>", "", option) == "Scoping and building [EN]"


def test_the_cycle_panel_in_french_marks_only_what_is_untranslated(live_policy, partnership_a,
                                                                  personas):
    page = html.unescape(_page(_french(client_for(personas["staff"])),
                               reverse("partnerships:detail", args=[partnership_a.pk])))
    assert "L'accord de partenariat est signé par chaque partenaire." in page
    assert "Gestion et maintien" in page
    assert '<span lang="en">Resourcing</span> <small class="lang-mark">[EN]</small>' in page
    assert '<span lang="en">Scoping</span>' not in page  # translated: "Cadrage"


def test_a_mou_quotes_an_untranslated_principle_in_the_source_marked(
    live_policy, partnership_a, personas
):
    from hamwe.partnerships.agreements import documents
    from hamwe.partnerships.agreements import services as agreements

    agreement = agreements.agreement_generate(partnership=partnership_a,
                                              by=personas["staff"], language="fr")
    quotes = {b["key"]: b for a in agreement.content["articles"] for b in a["blocks"]
              if b["type"] == "quote"}
    assert quotes["equity"]["title"] == "Équité" and "title_lang" not in quotes["equity"]
    assert quotes["mutual-learning"]["title_lang"] == "en"
    assert quotes["mutual-learning"]["text_lang"] == "en"
    page = documents.mou_html(agreement)
    assert ('<strong lang="en">Mutual learning</strong> <small class="lang-mark">[EN]</small>'
            in page)
    from docx import Document

    docx = Document(io.BytesIO(documents.mou_docx(agreement)))
    assert any(p.text == "Mutual learning [EN]" for p in docx.paragraphs)
