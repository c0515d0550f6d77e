"""Reading and checking a policy pack: every problem at once, each with where it is.

A problem names the file, the path inside the pack
(`strategy.directions[2].indicators[0].deadline`), the line where the YAML parser knows
it, and what is wrong in plain words. A pack with any problem is refused whole.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from . import facts, measures
from . import format as fmt
from .format import Pack, TranslationFile, format_path


@dataclass(frozen=True)
class Problem:
    file: str
    path: str
    line: int | None
    message: str

    def __str__(self):
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path or '(pack)'}: {self.message}"


class PackInvalid(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Lines:
    """Finds the line of a path in the composed YAML node tree."""

    def __init__(self, root):
        self.root = root

    def of(self, loc):
        node, line = self.root, None
        for part in loc:
            if node is None:
                break
            line = node.start_mark.line + 1
            node = self._child(node, part)
        if node is not None:
            line = node.start_mark.line + 1
        return line

    @staticmethod
    def _child(node, part):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if str(key.value) == str(part):
                    return value
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                return node.value[part]
        return None


def _duplicate_keys(node, loc=()):
    """PyYAML keeps the last of two equal keys without a word; a pack may not."""
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if key.value in seen:
                yield loc + (key.value,), key.start_mark.line + 1, "this key appears twice"
            seen.add(key.value)
            yield from _duplicate_keys(value, loc + (key.value,))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(item, loc + (index,))


def _plain(error):
    kind, message = error["type"], error["msg"]
    if kind == "extra_forbidden":
        return "unknown key (check its spelling; see docs/policy-packs.md)"
    if kind == "missing":
        return "this key is required but missing"
    return message.removeprefix("Value error, ")


def _read(text, file, what):
    """(data, lines, problems) of a YAML document, or PackInvalid if it is not one."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(error, "problem", None) or str(error)
        raise PackInvalid([Problem(file, "", line, f"not valid YAML: {problem}")]) from None
    if not isinstance(data, dict):
        raise PackInvalid([Problem(file, "", 1, f"{what} is a mapping of keys to values")])
    lines = _Lines(root)
    problems = [
        Problem(file, format_path(loc), line, message)
        for loc, line, message in _duplicate_keys(root)
    ]
    return data, lines, problems


def _validate(model, data, file, lines, problems):
    """The model, or None when it does not validate even with its misspelt keys dropped;
    every problem is added to `problems`."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        unknown = []
        for e in error.errors():
            loc = tuple(p for p in e["loc"] if not str(p).startswith(("function-", "tagged-")))
            problems.append(Problem(file, format_path(loc), lines.of(loc), _plain(e)))
            if e["type"] == "extra_forbidden":
                unknown.append(loc)
        if len(unknown) == len(error.errors()):
            return _without_unknown_keys(model, data, unknown)
        return None


def parse(text, *, file="<pack>"):
    """Read and check a pack; return the Pack or raise PackInvalid with every problem."""
    data, lines, problems = _read(text, file, "a pack")
    pack = _validate(Pack, data, file, lines, problems)
    if pack is None:
        raise PackInvalid(problems)
    problems += [
        Problem(file, format_path(loc), lines.of(loc), message)
        for loc, message in cross_references(pack)
    ]
    if problems:
        raise PackInvalid(problems)
    return pack


def _without_unknown_keys(model, data, locs):
    """The pack (or translation) with its misspelt keys dropped, so references can still
    be checked and every problem reported in one go; None if it still does not validate."""
    import copy

    data = copy.deepcopy(data)
    for loc in locs:
        node = data
        for part in loc[:-1]:
            node = node[part]
        node.pop(loc[-1], None)
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


def _read_file(path):
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PackInvalid(
            [Problem(str(path), "", None, f"cannot read the file: {error}")]
        ) from None


def sidecars(path):
    """The translation files beside a pack: care-burundi.fr.yaml for care-burundi.yaml,
    as (language, path), by language."""
    path = Path(path)
    pattern = re.compile(rf"^{re.escape(path.stem)}\.([a-z]{{2}})\.ya?ml$")
    found = []
    for candidate in sorted(path.parent.glob(f"{path.stem}.*")):
        match = pattern.match(candidate.name)
        if match and candidate != path:
            found.append((match.group(1), candidate))
    return found


def parse_file(path):
    """The pack in `path` with the translation files beside it (see `sidecars`), checked
    together: every problem of the pack and of each translation is reported at once."""
    path = Path(path)
    problems, pack = [], None
    try:
        pack = parse(_read_file(path), file=str(path))
    except PackInvalid as invalid:
        problems += invalid.problems
    translations = dict(pack.translations) if pack is not None else {}
    for language, sidecar in sidecars(path):
        try:
            found = parse_translation(
                _read_file(sidecar), file=str(sidecar), pack=pack, language=language,
                inline=translations,
            )
        except PackInvalid as invalid:
            problems += invalid.problems
            continue
        translations[language] = found
    if problems:
        raise PackInvalid(problems)
    if len(translations) == len(pack.translations):
        return pack
    return pack.model_copy(update={"translations": dict(sorted(translations.items()))})


def parse_translation(text, *, file, pack, language, inline=()):
    """Read and check a translation file for `pack` (None when the pack itself is broken:
    then only the file's own shape is checked). Returns the translation as it sits in a
    pack (fmt.Translation)."""
    data, lines, problems = _read(text, file, "a translation")
    found = _validate(TranslationFile, data, file, lines, problems)
    if found is None:
        raise PackInvalid(problems)
    if found.language != language:
        problems.append(Problem(
            file, "language", lines.of(("language",)),
            f"the file is named for {language!r} but says language: {found.language}",
        ))
    if found.language in inline:
        problems.append(Problem(
            file, "language", lines.of(("language",)),
            f"the pack already has a {found.language!r} translation under `translations`",
        ))
    translation = fmt.Translation.model_validate(found.model_dump(exclude={"language"}))
    if pack is not None:
        known = {*inline, language}
        problems += [
            Problem(file, format_path(loc), lines.of(loc), message)
            for loc, message in translation_problems(pack, found.language, translation,
                                                     known=known)
        ]
    if problems:
        raise PackInvalid(problems)
    return translation


def _unique(items, attr, loc):
    seen = {}
    for index, item in enumerate(items):
        value = getattr(item, attr)
        if value in seen:
            yield (
                loc + (index, attr),
                (f"{attr} {value!r} is used twice (also at {format_path(loc + (seen[value],))})"),
            )
        seen.setdefault(value, index)


def cross_references(pack: Pack):
    """(loc, message) for every reference that points nowhere and every repeated key."""
    yield from _unique(pack.principles, "key", ("principles",))
    yield from _unique(pack.non_partnerships, "key", ("non_partnerships",))
    yield from _unique(pack.partnership_kinds, "key", ("partnership_kinds",))
    yield from _unique(pack.commitments, "key", ("commitments",))
    yield from _unique(pack.added_value, "key", ("added_value",))
    yield from _unique(pack.expectations, "key", ("expectations",))
    yield from _unique(pack.glossary, "term", ("glossary",))
    if pack.language not in pack.organisation.languages:
        yield (
            ("language",),
            (f"the pack's language {pack.language!r} is not among organisation.languages"),
        )

    stages = [s.key for s in pack.cycle.stages]
    yield from _unique(pack.cycle.stages, "key", ("cycle", "stages"))
    for i, stage in enumerate(pack.cycle.stages):
        yield from _unique(stage.phases, "key", ("cycle", "stages", i, "phases"))
        yield from _unique(stage.gate, "key", ("cycle", "stages", i, "gate"))
        for j, item in enumerate(stage.gate):
            if item.fact is not None and item.fact not in facts.CATALOGUE:
                yield (
                    ("cycle", "stages", i, "gate", j, "fact"),
                    f"no fact {item.fact!r}; known facts: " + ", ".join(sorted(facts.CATALOGUE)),
                )
    for origin, targets in pack.cycle.loops.items():
        if origin not in stages:
            yield ("cycle", "loops", origin), f"no stage {origin!r} in cycle.stages"
        for j, target in enumerate(targets):
            if target not in stages:
                yield ("cycle", "loops", origin, j), f"no stage {target!r} in cycle.stages"

    levels = {level.level for level in pack.capacity.levels}
    yield from _unique(pack.capacity.levels, "level", ("capacity", "levels"))
    yield from _unique(pack.capacity.domains, "key", ("capacity", "domains"))
    for i, domain in enumerate(pack.capacity.domains):
        yield from _unique(domain.criteria, "key", ("capacity", "domains", i, "criteria"))
        for j, criterion in enumerate(domain.criteria):
            loc = ("capacity", "domains", i, "criteria", j, "descriptors")
            for level in sorted(set(criterion.descriptors) - levels):
                yield loc + (level,), f"no maturity level {level} in capacity.levels"
            for level in sorted(levels - set(criterion.descriptors)):
                yield loc, f"no descriptor for maturity level {level}"

    principles = {p.key for p in pack.principles}
    commitments = {c.key for c in pack.commitments}
    yield from _unique(pack.scorecard.indicators, "key", ("scorecard", "indicators"))
    for i, indicator in enumerate(pack.scorecard.indicators):
        for j, ref in enumerate(indicator.derived_from):
            kind, _, key = ref.partition(":")
            known = principles if kind == "principle" else commitments
            if key not in known:
                yield (
                    ("scorecard", "indicators", i, "derived_from", j),
                    (f"no {kind} {key!r} in {kind}s"),
                )

    competencies = {c.key for c in pack.people.competencies}
    yield from _unique(pack.people.competencies, "key", ("people", "competencies"))
    yield from _unique(pack.people.key_positions, "key", ("people", "key_positions"))
    for i, position in enumerate(pack.people.key_positions):
        for j, key in enumerate(position.competencies):
            if key not in competencies:
                yield (
                    ("people", "key_positions", i, "competencies", j),
                    (f"no competency {key!r} in people.competencies"),
                )

    if pack.strategy is not None:
        yield from _strategy_references(pack.strategy)

    for language, translation in pack.translations.items():
        for loc, message in translation_problems(pack, language, translation,
                                                 known=set(pack.translations)):
            yield ("translations", language) + loc, message


def _known(items, shown=8):
    if not items:
        return ""
    names = [str(key) for key in items]
    more = ", …" if len(names) > shown else ""
    return f" (it has: {', '.join(names[:shown])}{more})"


_PLACEHOLDER = re.compile(r"\{\w+\}")


def translation_problems(pack: Pack, language, translation, *, known=()):
    """(loc, message) for every way a translation does not fit its pack: it translates the
    source language, names an item or a text the pack does not have, or gives a list of
    another length than the pack's; loc is inside the translation."""
    if language == pack.language:
        yield (), (
            f"{language!r} is the pack's own language: its texts are the source, not a "
            "translation"
        )
    source = translation.translated_from
    if source == language or (source != pack.language and source not in known):
        yield ("translated_from",), (
            f"a translation is made from the pack's language ({pack.language!r}) or from "
            f"another of its translations, not from {source!r}"
        )
    data = translation.model_dump(exclude_none=True)
    yield from _fits(fmt.PACK_TEXTS, pack, data, ())


def _fits(spec, node, mirror, loc):
    for field, kind in spec.items():
        if field not in mirror:
            continue
        given, here = mirror[field], loc + (field,)
        value = getattr(node, field, None) if node is not None else None
        if isinstance(kind, fmt.Keyed):
            items = {getattr(item, kind.by): item for item in value or []}
            for key, texts in given.items():
                if key not in items:
                    yield here + (key,), (
                        f"the pack has no {field} item {key!r}"
                        + _known(items)
                    )
                else:
                    yield from _fits(kind.fields, items[key], texts, here + (key,))
        elif isinstance(kind, dict):
            if value is None:
                yield here, f"the pack has no {field} to translate"
            else:
                yield from _fits(kind, value, given, here)
        elif not value:
            yield here, "the pack has no text here to translate"
        elif kind == fmt.TEXTS and len(given) != len(value):
            yield here, (
                f"the pack has {len(value)} texts here and the translation {len(given)}: "
                "translate every one, in the same order, or none"
            )
        elif kind == fmt.DESCRIPTORS:
            for level in given:
                if level not in value:
                    yield here + (level,), f"the pack has no descriptor for level {level} here"
        elif kind == fmt.TEXT:
            wanted = sorted(_PLACEHOLDER.findall(value))
            if wanted and sorted(_PLACEHOLDER.findall(given)) != wanted:
                yield here, (
                    f"keep the placeholders of the source ({' '.join(wanted)}) in the "
                    "translation"
                )


def _strategy_references(strategy):
    directions = {d.key for d in strategy.directions}
    yield from _unique(strategy.directions, "key", ("strategy", "directions"))
    yield from _unique(strategy.directions, "number", ("strategy", "directions"))
    seen_indicators = {}
    for i, direction in enumerate(strategy.directions):
        for j, indicator in enumerate(direction.indicators):
            loc = ("strategy", "directions", i, "indicators", j)
            if indicator.key in seen_indicators:
                yield (
                    loc + ("key",),
                    (
                        f"indicator key {indicator.key!r} is used twice (also at "
                        f"{format_path(seen_indicators[indicator.key])})"
                    ),
                )
            seen_indicators.setdefault(indicator.key, loc)
            if indicator.measure is not None:
                name = indicator.measure.name
                if name not in measures.CATALOGUE:
                    yield (
                        loc + ("measure", "name"),
                        (
                            f"no measure {name!r}; known measures: "
                            + ", ".join(sorted(measures.CATALOGUE))
                        ),
                    )
                else:
                    for param, message in measures.check_params(name, indicator.measure.params):
                        yield loc + ("measure", "params", param), message
            if indicator.deadline and indicator.deadline < strategy.period.start:
                yield (
                    loc + ("deadline",),
                    (
                        f"the deadline {indicator.deadline} is before the strategy starts "
                        f"({strategy.period.start})"
                    ),
                )
    yield from _unique(strategy.activities, "key", ("strategy", "activities"))
    for i, activity in enumerate(strategy.activities):
        if activity.direction not in directions:
            yield (
                ("strategy", "activities", i, "direction"),
                (f"no strategic direction {activity.direction!r} in strategy.directions"),
            )
