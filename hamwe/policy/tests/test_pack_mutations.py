"""Mutated packs: loading either succeeds whole or reports problems. Never a traceback,
never a partial load."""

import copy
from pathlib import Path

import pytest
import yaml
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamwe.policy import selectors, services
from hamwe.policy.models import Policy
from hamwe.policy.validation import PackInvalid, parse

PACKS = Path(__file__).resolve().parents[1] / "packs"
SOURCES = {
    "small": (Path(__file__).parent / "small-pack.yaml").read_text(encoding="utf-8"),
    "example": (Path(__file__).parent / "example-pack.yaml").read_text(encoding="utf-8"),
    "kic": (PACKS / "kic.yaml").read_text(encoding="utf-8"),
    # A pack with a translation inside it, so that damage to translations is covered too.
    "translated": (Path(__file__).parent / "small-pack.yaml").read_text(encoding="utf-8") + """\
translations:
  fr:
    translated_from: en
    translator: Traduction de Hamwe
    principles: {equity: {name: Équité, text: Équité entre partenaires}}
    capacity:
      levels: {1: {name: Naissant}}
      domains: {leadership: {criteria: {vision: {descriptors: {1: aucune, 2: claire}}}}}
    strategy:
      activities: {a1: {text: Le faire, responsible: [GC]}}
""",
}
DOCUMENTS = {name: yaml.safe_load(text) for name, text in SOURCES.items()}

JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10_000), st.floats(allow_nan=False),
    st.text(max_size=12), st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from(["sd1", "equity", "FY15", "FY14-Q4", "2016-06-30", "computed", "manual",
                     "principle:equity", "no-such-key", ""]),
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


def _parent(document, path):
    node = document
    for step in path[:-1]:
        node = node[step]
    return node


@st.composite
def mutated_documents(draw):
    name = draw(st.sampled_from(sorted(DOCUMENTS)))
    document = copy.deepcopy(DOCUMENTS[name])
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(document) if p]
        path = draw(st.sampled_from(paths))
        parent = _parent(document, path)
        action = draw(st.sampled_from(["replace", "delete", "unknown-key", "duplicate"]))
        if action == "replace":
            parent[path[-1]] = draw(JUNK)
        elif action == "delete":
            del parent[path[-1]]
        elif action == "unknown-key" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(JUNK)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@st.composite
def mangled_texts(draw):
    lines = SOURCES[draw(st.sampled_from(sorted(SOURCES)))].splitlines()
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "indent", "dedent", "garble"]))
        if action == "drop":
            del lines[index]
        elif action == "repeat":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index].lstrip()
        else:
            lines[index] = draw(st.text(max_size=20))
    return "\n".join(lines)


def _load_or_report(text):
    """The property: a clean refusal with located problems, or a whole, faithful load."""
    try:
        pack = parse(text, file="mutated.yaml")
    except PackInvalid as invalid:
        assert invalid.problems
        assert all(p.message for p in invalid.problems)
        return
    before = Policy.objects.count()
    with transaction.atomic():
        try:
            policy = services.policy_load(pack=pack)
        except services.VersionRefused:
            assert Policy.objects.count() == before
        else:
            assert selectors.source_pack(policy) == pack
        transaction.set_rollback(True)


COMMON = settings(max_examples=60, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture,
                                         HealthCheck.too_slow])


@pytest.mark.django_db
@COMMON
@given(mutated_documents())
def test_structural_mutations_load_whole_or_are_reported(text):
    _load_or_report(text)


@pytest.mark.django_db
@COMMON
@given(mangled_texts())
def test_textual_damage_loads_whole_or_is_reported(text):
    _load_or_report(text)
