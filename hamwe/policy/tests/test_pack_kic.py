"""The KIC pack says what KIC's partnership policy says: every listed item, word for word.

The bullets are read from the source text itself (`packs/sources/kic.txt`), so the test
does not trust a second copy of them: each bullet must appear in exactly one item of the
matching pack section, and each section must have as many items as the source has bullets.
"""

import re
from functools import cache
from pathlib import Path

import pytest

from hamwe.policy.validation import parse_file

PACKS = Path(__file__).resolve().parents[1] / "packs"
PACK = PACKS / "kic.yaml"
SOURCE = PACKS / "sources" / "kic.txt"

# The policy's headings, in the order they appear in the source.
HEADINGS = [
    "Partnerskapspolicy",
    "Definition av partnerskap",
    "Typer av partnerskap",
    "KIC:s mervärde som partner",
    "KIC:s åtaganden i partnersamarbete",
    "Förväntningar på våra partner",
]

# Source heading -> (pack section, how to read an item's text, expected count).
SECTIONS = {
    "Typer av partnerskap": ("partnership_kinds", lambda item: item.description, 3),
    "KIC:s mervärde som partner": ("added_value", lambda item: item.text, 8),
    "KIC:s åtaganden i partnersamarbete": ("commitments", lambda item: item.text, 9),
    "Förväntningar på våra partner": ("expectations", lambda item: item.text, 6),
}


def normalise(text):
    """Case, spacing and closing punctuation do not count; words do."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".:;,").strip().casefold()


@cache
def pack():
    return parse_file(PACK)


@cache
def source_sections():
    """Heading -> the non-empty lines under it, up to the next heading."""
    sections, current = {}, None
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line in HEADINGS:
            current = sections.setdefault(line, [])
        elif line and current is not None:
            current.append(line)
    assert list(sections) == HEADINGS, "the source's headings have changed"
    return sections


def bullets(heading):
    return [line[2:] for line in source_sections()[heading] if line.startswith("- ")]


def cases():
    for heading in SECTIONS:
        for index, bullet in enumerate(bullets(heading)):
            yield pytest.param(heading, bullet, id=f"{SECTIONS[heading][0]}-{index + 1}")


@pytest.mark.parametrize(("heading", "bullet"), list(cases()))
def test_every_bullet_of_the_source_is_one_item_of_the_pack(heading, bullet):
    section, text_of, _ = SECTIONS[heading]
    items = getattr(pack(), section)
    matches = [item.key for item in items if normalise(bullet) in normalise(text_of(item))]
    assert len(matches) == 1, f"{bullet!r} should be in exactly one of {section}, found {matches}"
    (item,) = [item for item in items if item.key == matches[0]]
    assert item.source == "policy", f"{section} {item.key!r} quotes the policy"


@pytest.mark.parametrize("heading", list(SECTIONS))
def test_each_section_has_as_many_items_as_the_source_has_bullets(heading):
    section, _, expected = SECTIONS[heading]
    assert len(bullets(heading)) == expected, f"the source's list under {heading!r} changed"
    assert len(getattr(pack(), section)) == expected


def test_the_definition_is_the_policys_paragraph():
    paragraph = " ".join(source_sections()["Definition av partnerskap"])
    assert normalise(paragraph) in normalise(pack().definition)


def test_the_principles_are_those_the_definition_names():
    definition = normalise(pack().definition)
    for principle in pack().principles:
        assert normalise(principle.name) in definition, principle.key
        assert normalise(principle.text) in definition, principle.key
        assert principle.source == "policy"
