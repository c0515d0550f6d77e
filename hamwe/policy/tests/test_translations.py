"""Translations of a pack: their format, their located errors, load and export, the
reading in a language with marked fallbacks, and the shipped translations kept whole."""

import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from hamwe.policy import localise, selectors, services
from hamwe.policy.localise import Untranslated
from hamwe.policy.models import PolicyPart, PolicyVersion
from hamwe.policy.validation import PackInvalid, parse, parse_file, parse_translation

HERE = Path(__file__).parent
PACKS = HERE.parent / "packs"
EXAMPLE = HERE / "example-pack.yaml"
SMALL = HERE / "small-pack.yaml"
SHIPPED = {"care-burundi": {"fr"}, "kic": {"en", "fr"}}

MINI_FR = """\
language: fr
translated_from: en
translator: Traduction de Hamwe, pas le texte source
principles:
  equity: {name: Équité, text: Équité entre partenaires}
cycle:
  stages:
    scoping:
      name: Cadrage
      phases: {scoping: {name: Cadrage}}
strategy:
  activities:
    a1: {text: Le faire, responsible: [GC]}
"""


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    translation.deactivate()


def _mini(tmp_path, translation_text=MINI_FR, name="mini.fr.yaml"):
    shutil.copy(SMALL, tmp_path / "mini.yaml")
    (tmp_path / name).write_text(translation_text, encoding="utf-8")
    return tmp_path / "mini.yaml"


# --- The shipped packs ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_translations_are_complete_so_they_cannot_fall_behind(name):
    """A text added to a shipped pack fails here until every shipped translation has it."""
    pack = parse_file(PACKS / f"{name}.yaml")
    assert set(pack.translations) == SHIPPED[name]
    for language in pack.translations:
        missing = [localise.format_text_path(p) for p in localise.missing(pack, language)]
        assert missing == [], f"{name}.{language}.yaml lacks: {missing}"
        done, total = localise.coverage(pack, language)
        assert done == total > 300


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_translations_say_they_are_hamwes_not_the_source(name):
    pack = parse_file(PACKS / f"{name}.yaml")
    for language, item in pack.translations.items():
        assert item.translated_from == pack.language != language
        assert "Hamwe" in item.translator
        assert re.search(r"not the source|pas le texte source", item.translator)


def test_the_score_card_questions_speak_as_the_partner_in_french():
    pack = localise.localise(parse_file(PACKS / "care-burundi.yaml"), "fr")
    texts = {i.key: i.text for i in pack.scorecard.indicators}
    assert texts["included-in-decisions"].startswith("CARE Burundi nous inclut")
    assert not any(isinstance(t, Untranslated) for t in texts.values())
    glossary = localise.localise(parse_file(PACKS / "care-burundi.yaml"), "fr").glossary
    assert "Nawe Nuze" in next(t.definition for t in glossary if t.term == "Modèle programmatique")


def test_a_new_text_in_a_pack_shows_up_as_missing_from_its_translations():
    pack = parse_file(PACKS / "kic.yaml")
    principle = pack.principles[0].model_copy(
        update={"in_practice": [*pack.principles[0].in_practice, "En ny rad"]})
    grown = pack.model_copy(update={"principles": [principle, *pack.principles[1:]]})
    assert localise.missing(grown, "en") == [("principles", "jamlikhet", "in_practice")]


# --- Format and located errors -------------------------------------------------------------


def test_a_translation_beside_the_pack_is_read_with_it(tmp_path):
    pack = parse_file(_mini(tmp_path))
    assert set(pack.translations) == {"fr"}
    assert pack.translations["fr"].principles["equity"].name == "Équité"
    assert localise.coverage(pack, "fr") == (6, 27)


def test_every_problem_of_a_broken_translation_is_reported_at_once_with_its_line(tmp_path):
    broken = """\
language: fr
translated_from: fr
translator: Hamwe
principles:
  equity:
    name: Équité
    in_practice: [Une ligne]
  fairness: {name: Justice}
partnership_kinds:
  strategic: {nom: Stratégique}
fiscal_year: {year_name: AF}
capacity:
  levels: {3: {name: Trois}}
  domains:
    leadership:
      criteria: {vision: {descriptors: {1: aucune, 7: x}}}
strategy:
  activities:
    a1: {responsible: [GC, Autre]}
"""
    with pytest.raises(PackInvalid) as refused:
        parse_file(_mini(tmp_path, broken))
    found = {(p.path, p.line) for p in refused.value.problems}
    assert found == {
        ("partnership_kinds.strategic.nom", 10),
        ("translated_from", 2),
        ("principles.equity.in_practice", 7),
        ("principles.fairness", 8),
        ("fiscal_year.year_name", 11),
        ("capacity.levels[3]", 13),
        ("capacity.domains.leadership.criteria.vision.descriptors[7]", 16),
        ("strategy.activities.a1.responsible", 19),
    }
    text = str(refused.value)
    assert f"{tmp_path / 'mini.fr.yaml'}:8: principles.fairness: the pack has no principles " \
           "item 'fairness' (it has: equity)" in text
    assert "translate every one, in the same order, or none" in text
    assert "keep the placeholders of the source ({fy})" in text


def test_a_translation_into_the_source_language_is_refused(tmp_path):
    with pytest.raises(PackInvalid) as refused:
        parse_file(_mini(tmp_path, MINI_FR.replace("language: fr", "language: en"),
                         name="mini.en.yaml"))
    assert [p.message for p in refused.value.problems] == [
        "'en' is the pack's own language: its texts are the source, not a translation",
        "a translation is made from the pack's language ('en') or from another of its "
        "translations, not from 'en'",
    ]


def test_a_translation_file_must_say_the_language_its_name_says(tmp_path):
    with pytest.raises(PackInvalid) as refused:
        parse_file(_mini(tmp_path, name="mini.sv.yaml"))
    assert [(p.path, p.line) for p in refused.value.problems] == [("language", 1)]


def test_translations_inside_the_pack_are_checked_with_their_path():
    text = SMALL.read_text() + (
        "translations:\n"
        "  fr:\n"
        "    translated_from: en\n"
        "    translator: Hamwe\n"
        "    principles: {equity: {name: Équité}, nope: {name: Non}}\n"
        "  en: {translated_from: en, translator: Hamwe}\n"
    )
    with pytest.raises(PackInvalid) as refused:
        parse(text, file="inline.yaml")
    paths = sorted(p.path for p in refused.value.problems)
    assert paths == ["translations.en", "translations.en.translated_from",
                     "translations.fr.principles.nope"]


def test_a_broken_pack_and_its_broken_translation_are_reported_together(tmp_path):
    path = _mini(tmp_path, MINI_FR.replace("principles:", "principals:"))
    path.write_text(SMALL.read_text().replace("\nversion: 1", "\nversion: zero"))
    with pytest.raises(PackInvalid) as refused:
        parse_file(path)
    assert {p.path for p in refused.value.problems} == {"version", "principals"}


def test_parse_translation_checks_a_file_against_the_pack():
    pack = parse_file(SMALL)
    found = parse_translation(MINI_FR, file="mini.fr.yaml", pack=pack, language="fr")
    assert found.cycle.stages["scoping"].phases["scoping"].name == "Cadrage"


# --- Load, export, edits -------------------------------------------------------------------


def test_translations_load_as_parts_and_export_round_trips(db, tmp_path):
    pack = parse_file(_mini(tmp_path))
    policy = services.policy_load(pack=pack)
    part = policy.parts.get(section="translation")
    assert part.key == "fr" and part.data["principles"]["equity"]["name"] == "Équité"
    exported = selectors.pack_yaml(selectors.policy_for_export(policy))
    assert "translations:" in exported
    again = parse(exported, file="exported.yaml")
    assert again == pack
    assert services.policy_load(pack=again).version == 1  # identical: a no-op
    assert PolicyVersion.objects.count() == 1


def test_the_shipped_packs_round_trip_with_their_translations(db):
    for name in sorted(SHIPPED):
        pack = parse_file(PACKS / f"{name}.yaml")
        policy = services.policy_load(pack=pack)
        assert selectors.source_pack(policy) == pack
        exported = parse(selectors.pack_yaml(selectors.policy_for_export(policy)))
        assert exported == pack


def test_new_translations_of_the_same_version_update_in_place(db, tmp_path):
    policy = services.policy_load(pack=parse_file(SMALL))
    stamp = policy.stamp
    translated = parse_file(_mini(tmp_path))
    policy = services.policy_load(pack=translated)
    assert policy.version == 1 and policy.stamp != stamp
    assert set(policy.parts.filter(section="translation").values_list("key", flat=True)) == {"fr"}
    assert PolicyVersion.objects.get().document["translations"]["fr"]["principles"]
    assert selectors.policy_pack(policy, "fr").principles[0].name == "Équité"


def test_an_edit_drops_the_translations_of_the_texts_it_changes(db, tmp_path, personas):
    policy = services.policy_load(pack=parse_file(_mini(tmp_path)))
    part = policy.parts.get(section="principle", key="equity")
    services.policy_part_update(
        part=part, by=personas["admin"], expected_version=part.version,
        data={**part.data, "text": "Equity between all partners"},
    )
    policy.refresh_from_db()
    principle = selectors.policy_pack(policy, "fr").principles[0]
    assert principle.name == "Équité"  # unchanged: still translated
    assert isinstance(principle.text, Untranslated)
    assert principle.text == "Equity between all partners"
    row = PolicyPart.objects.get(section="translation", key="fr")
    assert row.data["principles"]["equity"] == {"name": "Équité"}
    assert row.version == 2


def test_a_translation_part_is_not_edited_through_the_part_form(db, tmp_path, personas):
    from hamwe.conftest import client_for

    policy = services.policy_load(pack=parse_file(_mini(tmp_path)))
    part = policy.parts.get(section="translation")
    assert client_for(personas["admin"]).get(f"/policy/parts/{part.pk}/edit/").status_code == 404


# --- Reading in a language -------------------------------------------------------------------


def test_the_pack_in_french_has_french_texts_and_marks_the_rest(db):
    policy = services.policy_load(pack=parse_file(EXAMPLE))
    pack = selectors.policy_pack(policy, "fr")
    equity, transparency, learning = pack.principles
    assert equity.name == "Équité" and not isinstance(equity.name, Untranslated)
    assert equity.in_practice[0].startswith("Les ordres du jour")
    assert isinstance(transparency.in_practice[0], Untranslated)  # not translated
    assert isinstance(learning.name, Untranslated) and learning.name.language == "en"
    assert pack.capacity.levels[0].name == "Naissant"
    assert isinstance(pack.capacity.levels[2].name, Untranslated)
    assert pack.principles[0].key == "equity" and pack.version == 1  # only texts change
    assert selectors.policy_pack(policy, "fr") is pack  # cached per (stamp, language)
    assert selectors.policy_pack(policy, "en") is selectors.source_pack(policy)


def test_the_active_language_chooses_the_reading(db):
    policy = services.policy_load(pack=parse_file(EXAMPLE))
    with translation.override("fr"):
        assert selectors.policy_pack(policy).partnership_kinds[0].name == "Partenariat stratégique"
    with translation.override("en"):
        assert selectors.policy_pack(policy).partnership_kinds[0].name == "Strategic partnership"


def test_an_untranslated_text_renders_marked_with_its_language():
    from django.template import Context, Template

    text = Untranslated("Mutual <learning>", "en")
    with translation.override("fr"):
        html = Template("{{ t }}|{{ t|upper }}").render(Context({"t": text}))
    assert html.startswith('<span class="untranslated" title="Pas encore traduit')
    assert "(anglais)" in html
    assert '<span lang="en">Mutual &lt;learning&gt;</span> <small class="lang-mark">[EN]</small>' \
        in html
    assert html.endswith("|MUTUAL &lt;LEARNING&gt;")
    assert f"{text}" == "Mutual <learning> [EN]"  # a choice label, a composed line
    # gettext messages are %-formatted: the bare text (marks come from templates)
    assert "%(t)s" % {"t": text} == "Mutual <learning>"  # noqa: UP031
    assert text == "Mutual <learning>"


def test_text_in_reads_frozen_texts_in_the_readers_language():
    assert localise.text_in("Respect", "en", {"fr": "Respect (fr)"}, "fr") == "Respect (fr)"
    assert localise.text_in("Respect", "en", {}, "en-gb") == "Respect"
    fallback = localise.text_in("Respect", "en", {}, "sv")
    assert isinstance(fallback, Untranslated) and fallback.language == "en"
    assert not isinstance(localise.text_in("Old", "", {}, "sv"), Untranslated)


# --- The translator's skeleton ---------------------------------------------------------------


def test_the_skeleton_lists_every_text_with_its_source(tmp_path):
    pack = parse_file(SMALL)
    text = localise.skeleton(pack, "fr", translator="Me")
    assert text.count(': ""') + text.count('- ""') == localise.coverage(pack, "fr")[1]
    assert "# en: Equity between partners\n    text: \"\"" in text
    with pytest.raises(PackInvalid) as refused:  # empty texts: not loadable as it is
        parse_translation(text, file="s.yaml", pack=pack, language="fr")
    assert {p.message for p in refused.value.problems} == {
        "String should have at least 1 character"}


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_the_skeleton_of_a_translated_pack_gives_back_its_translations(name):
    pack = parse_file(PACKS / f"{name}.yaml")
    for language, item in pack.translations.items():
        text = localise.skeleton(pack, language)
        assert parse_translation(text, file="s.yaml", pack=pack, language=language) == item


def test_the_commands_report_coverage_and_write_a_skeleton(tmp_path, capsys):
    call_command("policy", "check", str(_mini(tmp_path)))
    assert "translations: fr 6/27 texts" in capsys.readouterr().out
    call_command("policy", "skeleton", "kic", "de", "-o", str(tmp_path / "kic.de.yaml"))
    assert "308 texts, 308 still to translate" in capsys.readouterr().out
    assert "# sv: Jämlikhet" in (tmp_path / "kic.de.yaml").read_text()
