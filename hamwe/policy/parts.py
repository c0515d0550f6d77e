"""Cutting a pack into parts and putting it back together.

SECTIONS lists, in order, where each kind of part sits in a pack. `decompose` turns a
Pack into (settings, parts); `compose` does the reverse. compose(decompose(p)) == p for
every valid pack: export round-trips by construction. Each translation is one part of
its own (section "translation", keyed by its language), holding only the texts it has.
"""

from dataclasses import dataclass

from . import format as fmt


@dataclass(frozen=True)
class Section:
    name: str
    path: tuple[str, ...]  # where the list sits in the pack
    key: str  # the item's identifying attribute
    model: type
    parent: str | None = None  # a section whose items hold this list (indicators)


SECTIONS = [
    Section("principle", ("principles",), "key", fmt.Principle),
    Section("non_partnership", ("non_partnerships",), "key", fmt.NonPartnership),
    Section("partnership_kind", ("partnership_kinds",), "key", fmt.PartnershipKind),
    Section("stage", ("cycle", "stages"), "key", fmt.Stage),
    Section("commitment", ("commitments",), "key", fmt.Commitment),
    Section("added_value", ("added_value",), "key", fmt.AddedValue),
    Section("expectation", ("expectations",), "key", fmt.Expectation),
    Section("capacity_domain", ("capacity", "domains"), "key", fmt.CapacityDomain),
    Section("scorecard_indicator", ("scorecard", "indicators"), "key", fmt.ScorecardIndicator),
    Section("competency", ("people", "competencies"), "key", fmt.Competency),
    Section("key_position", ("people", "key_positions"), "key", fmt.KeyPosition),
    Section("direction", ("strategy", "directions"), "key", fmt.Direction),
    Section("indicator", ("indicators",), "key", fmt.Indicator, parent="direction"),
    Section("activity", ("strategy", "activities"), "key", fmt.Activity),
    Section("term", ("glossary",), "term", fmt.Term),
]
BY_NAME = {section.name: section for section in SECTIONS}
TRANSLATION = "translation"


def _container(document, path):
    node = document
    for step in path[:-1]:
        if node is None:
            return None
        node = node.get(step)
    return node


def decompose(pack: fmt.Pack):
    """(settings, [(section, key, parent_key, position, data)])."""
    document = pack.model_dump(mode="json", exclude={"translations"})
    parts = [
        (TRANSLATION, language, None, position,
         translation.model_dump(mode="json", exclude_none=True))
        for position, (language, translation) in enumerate(sorted(pack.translations.items()))
    ]
    for section in SECTIONS:
        if section.parent:
            continue
        container = _container(document, section.path)
        if container is None:
            continue
        items = container.pop(section.path[-1])
        container[section.path[-1]] = []  # kept as a marker: compose refills it
        for position, item in enumerate(items):
            if section.name == "direction":
                for child_position, child in enumerate(item.pop("indicators")):
                    parts.append(("indicator", child["key"], item["key"], child_position, child))
                item["indicators"] = []
            parts.append((section.name, str(item[section.key]), None, position, item))
    return document, parts


def compose(settings, parts) -> fmt.Pack:
    """The pack from its settings and parts (each part: section, key, parent_key,
    position, data)."""
    import copy

    document = copy.deepcopy(settings)
    ordered = sorted(parts, key=lambda p: (p[0], p[2] or "", p[3]))
    children = {}
    for section, _key, parent_key, _position, data in ordered:
        if section == "indicator":
            children.setdefault(parent_key, []).append(data)
    document["translations"] = {
        key: copy.deepcopy(data) for section, key, _p, _n, data in ordered if section == TRANSLATION
    }
    for section_name, key, _parent, _position, data in ordered:
        if section_name == TRANSLATION:
            continue
        section = BY_NAME[section_name]
        if section.parent:
            continue
        container = _container(document, section.path)
        item = copy.deepcopy(data)
        if section_name == "direction":
            item["indicators"] = children.get(key, [])
        container[section.path[-1]].append(item)
    return fmt.Pack.model_validate(document)
