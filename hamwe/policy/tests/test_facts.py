"""The fact catalogue: what a gate item may be bound to, checked on load, documented, and
used by the shipped packs."""

import re
from pathlib import Path

import pytest

from hamwe.policy import facts
from hamwe.policy.validation import PackInvalid, parse, parse_file

HERE = Path(__file__).parent
PACKS = HERE.parent / "packs"
ROOT = HERE.parents[2]


def test_a_gate_item_naming_an_unknown_fact_is_refused_with_its_file_line_and_path():
    text = (HERE / "example-pack.yaml").read_text(encoding="utf-8")
    text = text.replace("fact: agreement-signed ", "fact: agreement-singed ")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "agreement-singed" in row)
    with pytest.raises(PackInvalid) as invalid:
        parse(text, file="lakeside.yaml")
    [problem] = invalid.value.problems
    assert (problem.path, problem.line) == ("cycle.stages[0].gate[0].fact", line)
    assert str(problem).startswith(f"lakeside.yaml:{line}: cycle.stages[0].gate[0].fact: ")
    assert "no fact 'agreement-singed'" in problem.message
    assert "agreement-signed" in problem.message  # the known facts are listed


def test_a_fact_must_be_a_key():
    text = (HERE / "example-pack.yaml").read_text(encoding="utf-8")
    text = text.replace("fact: agreement-signed ", "fact: Agreement signed ")
    with pytest.raises(PackInvalid) as invalid:
        parse(text, file="lakeside.yaml")
    assert [p.path for p in invalid.value.problems] == ["cycle.stages[0].gate[0].fact"]


def test_only_catalogued_facts_can_be_established():
    with pytest.raises(KeyError):
        facts.establishes("agreement-singed")


def test_the_documented_catalogue_is_the_catalogue():
    page = (ROOT / "docs" / "policy-packs.md").read_text(encoding="utf-8")
    section = page.split("## The fact catalogue")[1].split("\n## ")[0]
    rows = re.findall(r"^\| `([a-z-]+)` \| `([a-z]+)` \| (.+?) \|$", section, flags=re.M)
    assert rows == [(s.name, s.module, s.description) for s in facts.CATALOGUE.values()]


def test_the_apps_establish_their_facts_and_the_others_wait_for_their_module():
    established = {name for name in facts.CATALOGUE if facts.is_established_by_record(name)}
    assert established == {
        name for name, spec in facts.CATALOGUE.items()
        if spec.module in ("partnerships", "partners", "reporting")}
    assert facts.is_established_by_record("report-approved")


def _bindings(pack):
    return {(stage.key, item.key): item.fact for stage in pack.cycle.stages
            for item in stage.gate if item.fact}


def test_care_burundi_binds_the_items_the_record_shows():
    pack = parse_file(PACKS / "care-burundi.yaml")
    assert pack.version == 2  # binding facts changed the pack: a new version
    assert _bindings(pack) == {
        ("scoping-building", "qualifies-as-partnership"): "qualification-passed",
        ("scoping-building", "own-objectives-recorded"): "own-objectives-recorded",
        ("scoping-building", "agreement-signed"): "agreement-signed",
        ("reviewing-revising", "review-held"): "review-recorded",
        ("reviewing-revising", "principles-rated"): "principles-rated",
    }


def test_kic_binds_the_items_the_record_shows():
    pack = parse_file(PACKS / "kic.yaml")
    assert pack.version == 2
    assert _bindings(pack) == {
        ("kartlaggning-och-uppbyggnad", "syfte-i-avtal"): "agreement-signed",
        ("kartlaggning-och-uppbyggnad", "roller-och-ansvar"): "parties-have-roles",
        ("kartlaggning-och-uppbyggnad", "forvantningar-granskade"): "due-diligence-complete",
        ("forvaltning-och-underhall", "rapporter-inlamnade"): "report-approved",
        ("granskning-och-revidering", "granskning-genomford"): "review-recorded",
        ("granskning-och-revidering", "principer-bedomda"): "principles-rated",
    }


def test_a_loaded_pack_keeps_its_facts_through_the_database(live_policy):
    from hamwe.policy import selectors

    pack = selectors.source_pack(live_policy)
    assert _bindings(pack) == {
        ("scoping-and-building", "agreement-signed"): "agreement-signed",
        ("managing-and-maintaining", "reports-approved"): "report-approved",
    }
