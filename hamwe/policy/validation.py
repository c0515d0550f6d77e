"""Reading and checking a policy pack: every problem at once, each with where it is.

A problem names the file, the path inside the pack
(`strategy.directions[2].indicators[0].deadline`), the line where the YAML parser knows
it, and what is wrong in plain words. A pack with any problem is refused whole.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from . import measures
from .format import Pack, format_path


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


def parse(text, *, file="<pack>"):
    """Read and check a pack; return the Pack or raise PackInvalid with every problem."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(error, "problem", None) or str(error)
        raise PackInvalid([Problem(file, "", line, f"not valid YAML: {problem}")]) from None
    if not isinstance(data, dict):
        raise PackInvalid([Problem(file, "", 1, "a pack is a mapping of keys to values")])
    lines = _Lines(root)
    problems = [
        Problem(file, format_path(loc), line, message)
        for loc, line, message in _duplicate_keys(root)
    ]
    try:
        pack = Pack.model_validate(data)
    except ValidationError as error:
        unknown = []
        for e in error.errors():
            loc = tuple(p for p in e["loc"] if not str(p).startswith(("function-", "tagged-")))
            problems.append(Problem(file, format_path(loc), lines.of(loc), _plain(e)))
            if e["type"] == "extra_forbidden":
                unknown.append(loc)
        pack = _without_unknown_keys(data, unknown) if len(unknown) == len(error.errors()) else None
        if pack is None:
            raise PackInvalid(problems) from None
    problems += [
        Problem(file, format_path(loc), lines.of(loc), message)
        for loc, message in cross_references(pack)
    ]
    if problems:
        raise PackInvalid(problems)
    return pack


def _without_unknown_keys(data, locs):
    """The pack with its misspelt keys dropped, so references can still be checked and
    every problem reported in one go; None if it still does not validate."""
    import copy

    data = copy.deepcopy(data)
    for loc in locs:
        node = data
        for part in loc[:-1]:
            node = node[part]
        node.pop(loc[-1], None)
    try:
        return Pack.model_validate(data)
    except ValidationError:
        return None


def parse_file(path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PackInvalid(
            [Problem(str(path), "", None, f"cannot read the file: {error}")]
        ) from None
    return parse(text, file=str(path))


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
