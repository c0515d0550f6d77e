"""French and Swedish catalogues: complete, faithful to their placeholders, compiled, and
actually used by the pages.

Whether makemessages would find new strings is not checked here (too slow); run it before
release: `manage.py makemessages -l fr -l sv --no-obsolete ...`.
"""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

from hamwe.conftest import client_for

LOCALE = Path(__file__).resolve().parents[1] / "locale"
LANGUAGES = {
    "fr": "nplurals=2; plural=(n > 1);",
    "sv": "nplurals=2; plural=(n != 1);",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[a-zA-Z]")


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """A request in French or Swedish leaves that language active in the test's thread:
    put the default back, so later tests in the same worker read English."""
    yield
    translation.deactivate()


def _po(lang):
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))


def _placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def _pairs(catalogue):
    """(context, msgid, translation) for every translated entry; plurals as a tuple."""
    pairs = set()
    for entry in catalogue:
        if not entry.msgid or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            pairs.add((entry.msgctxt, entry.msgid, entry.msgid_plural, forms))
        else:
            pairs.add((entry.msgctxt, entry.msgid, None, entry.msgstr))
    return pairs


@pytest.mark.parametrize("lang", LANGUAGES)
def test_header_names_the_language_and_its_plural_rule(lang):
    po = _po(lang)
    assert po.metadata["Language"] == lang
    assert po.metadata["Plural-Forms"] == LANGUAGES[lang]
    assert not po.metadata_is_fuzzy


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(lang):
    po = _po(lang)
    assert len(po) > 0
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    for entry in po:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1], entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid
        else:
            assert entry.msgstr.strip(), entry.msgid


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_survive_translation(lang):
    for entry in _po(lang):
        if entry.msgid_plural:
            # The singular form may say "one" instead of the number; both forms keep every
            # other placeholder, and the plural form keeps them all.
            wanted = _placeholders(entry.msgid_plural)
            assert _placeholders(entry.msgstr_plural[1]) == wanted, entry.msgid
            assert _placeholders(entry.msgstr_plural[0]) == _placeholders(entry.msgid), (
                entry.msgid
            )
        else:
            assert _placeholders(entry.msgstr) == _placeholders(entry.msgid), entry.msgid


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(lang):
    mo = polib.mofile(str(LOCALE / lang / "LC_MESSAGES" / "django.mo"))
    assert _pairs(mo) == _pairs(_po(lang)), "run: manage.py compilemessages --ignore=.venv"


@pytest.mark.parametrize(
    ("lang", "heading", "nav"),
    [
        ("fr", "Registre des partenaires", "Se déconnecter"),
        ("sv", "Partnerregister", "Logga ut"),
        ("en", "Partner registry", "Sign out"),
    ],
)
def test_partner_list_is_rendered_in_the_chosen_language(personas, lang, heading, nav):
    client = client_for(personas["staff"])
    client.cookies["django_language"] = lang
    response = client.get("/partners/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert heading in html
    assert nav in html


def test_accept_language_header_chooses_the_language(personas):
    client = client_for(personas["staff"])
    response = client.get("/partners/", HTTP_ACCEPT_LANGUAGE="sv,en;q=0.5")
    assert response.status_code == 200
    assert "Partnerregister" in response.content.decode()


def test_sort_choices_follow_the_language(personas):
    # django-filter would format "%s (descending)" once, in English, at import time.
    client = client_for(personas["staff"])
    client.cookies["django_language"] = "fr"
    html = client.get("/partners/").content.decode()
    assert "Nom (décroissant)" in html
    assert "(descending)" not in html


SMALL_PACK = Path(__file__).resolve().parents[2] / "hamwe" / "policy" / "tests" / "small-pack.yaml"


def test_policy_page_is_rendered_in_swedish(personas):
    from hamwe.policy import services
    from hamwe.policy.validation import parse_file

    services.policy_load(pack=parse_file(SMALL_PACK))
    client = client_for(personas["staff"])
    client.cookies["django_language"] = "sv"
    response = client.get("/policy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv"' in html
    assert "<h2>Principer</h2>" in html
    assert "<h2>Partnerskapscykel</h2>" in html


def test_partnership_list_is_rendered_in_french(personas, live_policy):
    client = client_for(personas["staff"])
    client.cookies["django_language"] = "fr"
    response = client.get("/partnerships/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "<h1>Partenariats</h1>" in html
    assert "<h1>Partnerships</h1>" not in html


def test_score_card_round_list_is_rendered_in_swedish(personas):
    client = client_for(personas["staff"])
    client.cookies["django_language"] = "sv"
    response = client.get("/scorecards/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv"' in html
    assert "<h1>Partnerbedömningar</h1>" in html
    assert "<h1>Score cards</h1>" not in html
