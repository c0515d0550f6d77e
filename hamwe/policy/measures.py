"""The catalogue of named measures a computed indicator may use, and the contract every
measure keeps.

A pack names a measure and its parameters; validation checks both against this
catalogue. The app that owns the data registers the function that computes it
(`@implements("name")` in the app's `measures.py`); until then `compute()` answers "not
measurable yet: needs <module>", and the strategy says so.

The contract: a measure is called with keyword arguments only, `as_of` (a date),
`with_rows` (whether to return the rows behind the value) and the pack's parameters, and
returns a `MeasureResult`:
- its value **as the data stood on `as_of`**, read from the dates people record (a
  partnership's start and end, a signature's date, a review's, a round's close), so a past
  fiscal year's value is the same whenever it is asked for;
- the rows behind it (`Row`: kind and id), so a reader goes from "2 of 2" to the two
  partnerships;
- in one or a few aggregate queries whatever the amount of data, never a query per row.
Results are plain data (numbers, texts, lists): the strategy stores them as they are.
"""

import dataclasses
import datetime
import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MeasureSpec:
    name: str
    description: str
    module: str  # the app whose data it reads
    params: dict[str, type | tuple] = field(default_factory=dict)  # name -> accepted type(s)
    required: frozenset[str] = frozenset()
    unit: str = ""  # "%" for a share; "" for a count
    better: str = "higher"  # or "lower": which way is progress, when no target says so


@dataclass(frozen=True)
class Row:
    """One record behind a value: a partnership, an organisation, a round, a session."""

    kind: str  # "partnership", "organisation", "round", "inquiry"
    id: int
    label: str
    note: str = ""  # why it counts, or why not: a key the strategy words ("signed")
    group: str = ""  # the part of the value it belongs to (a sector, a thematic area)
    counts: bool = True  # False: shown beside the value, not counted in it
    keys: tuple[str, ...] = ()  # policy keys it concerns (the principles an MoU misses)


@dataclass(frozen=True)
class MeasureResult:
    value: float | int | None
    unit: str = ""
    # Whether the measure's own rule is met (e.g. "at least once a year"), when it has
    # one; a pack's target, when it has one, decides instead.
    target_met: bool | None = None
    detail: dict = field(default_factory=dict)  # plain figures that explain the value
    rows: tuple[Row, ...] = ()
    needs: str = ""  # not measurable yet: the module whose data it needs

    @property
    def measurable(self) -> bool:
        return not self.needs

    @classmethod
    def not_measurable(cls, *, needs):
        return cls(value=None, needs=needs)

    def as_json(self) -> dict:
        data = dataclasses.asdict(self)
        data["rows"] = [dataclasses.asdict(r) for r in self.rows]
        return json.loads(json.dumps(data, default=str))

    @classmethod
    def from_json(cls, data) -> "MeasureResult":
        rows = tuple(Row(**{**r, "keys": tuple(r.get("keys", ()))})
                     for r in data.get("rows", ()))
        return cls(**{**data, "rows": rows})


CATALOGUE = {
    spec.name: spec
    for spec in [
        MeasureSpec(
            "organisations-in-sectors",
            "Organisations of the given sectors in the registry (e.g. potential research "
            "and private-sector partners identified).",
            "partners",
            {"sectors": list},
            frozenset({"sectors"}),
        ),
        MeasureSpec(
            "due-diligence-complete",
            "Share of active partners whose due-diligence items are all satisfied with evidence.",
            "partners",
            unit="%",
        ),
        MeasureSpec(
            "funding-diversity",
            "Partners whose funding diversity (1 - HHI of revenue shares) rose against "
            "their first recorded year.",
            "partners",
            {"minimum_sources": int},
        ),
        MeasureSpec(
            "active-partnerships",
            "Sectors among those given in which the home organisation has at least "
            "`minimum` promising partnerships with a partner of that sector: signed and "
            "running (and not found wanting by a party in its latest review), or still "
            "being scoped (constructive conversations underway).",
            "partnerships",
            {"sectors": list, "minimum": int, "successful_rating": int},
            frozenset({"sectors"}),
        ),
        MeasureSpec(
            "agreements-reflecting-principles",
            "Share of the home organisation's running partnerships whose current signed "
            "agreement states every principle of the live policy.",
            "partnerships",
            unit="%",
        ),
        MeasureSpec(
            "partnerships-among-partners",
            "Thematic areas with at least `per_area` running partnerships among two or "
            "more of the home organisation's partners that the home organisation did not "
            "initiate (it may have joined them), and that no member found wanting in its "
            "latest review; with the networks module, also the joint activities of "
            "thematic networks among two or more of its partners that a partner led.",
            "partnerships",
            {"per_area": int, "successful_rating": int},
        ),
        MeasureSpec(
            "networks-set-up",
            "Thematic networks among organisations set up by the day asked for, and still "
            "not closed then; `initiated_by_home` counts only those the home organisation "
            "initiated.",
            "networks",
            {"initiated_by_home": bool},
        ),
        MeasureSpec(
            "networks-handed-over",
            "Thematic networks whose facilitation the home organisation had handed over "
            "to a partner by the day asked for.",
            "networks",
        ),
        MeasureSpec(
            "community-structures-matured",
            "Community structures whose latest maturity by the day asked for is above "
            "their first (on the maturity scale of community structures).",
            "networks",
        ),
        MeasureSpec(
            "community-structures-registered",
            "Community structures that had become registered organisations of their own "
            "by the day asked for.",
            "networks",
        ),
        MeasureSpec(
            "capacity-improvement",
            "Partners improving in at least one capacity sub-domain since their baseline "
            "assessment (same framework version).",
            "capacity",
            {"domains": list},
        ),
        MeasureSpec(
            "report-feedback-rounds",
            "Mean feedback rounds before a partner report is approved, per fiscal year "
            "(falling is progress).",
            "reporting",
            {"report_type": str},
            frozenset({"report_type"}),
            better="lower",
        ),
        MeasureSpec(
            "partner-responsibility-share",
            "Share of reporting and planning tasks (planning, M&E, donor correspondence) "
            "led by the partner in operational partnerships.",
            "reporting",
            unit="%",
        ),
        MeasureSpec(
            "scorecard-high-grades",
            "Number and share of score-card indicators with a high grade in the latest "
            "closed round.",
            "scorecards",
        ),
        MeasureSpec(
            "appreciative-inquiry-sessions",
            "Appreciative-inquiry sessions held with partners in the fiscal year, up to "
            "the day asked for.",
            "scorecards",
        ),
        MeasureSpec(
            "practices-adopted",
            "Good practices adopted by one side that originate from learning with the "
            "other (from partners to the home organisation, or the reverse).",
            "knowledge",
            {"origin": ("partner", "home", "both")},
            frozenset({"origin"}),
        ),
        MeasureSpec(
            "knowledge-use-by-key-positions",
            "Share of staff in key positions who contributed to or used the knowledge "
            "base with partners in the last fiscal year.",
            "knowledge",
            unit="%",
        ),
        MeasureSpec(
            "toolkits-published",
            "Toolkits published and shared on the given topics.",
            "knowledge",
            {"topics": list},
        ),
        MeasureSpec(
            "success-stories-shared",
            "Success stories of community initiatives shared per fiscal year.",
            "knowledge",
            {"per_year": int},
        ),
        MeasureSpec(
            "key-positions-evaluated",
            "Share of staff in key positions positively evaluated on partnership "
            "competencies in their latest annual evaluation.",
            "people",
            unit="%",
        ),
    ]
}

_IMPLEMENTATIONS = {}
_REVISIONS = {}


def implements(name, *, revision=1):
    """Register the function that computes a catalogued measure. Raise `revision` when
    the function comes to count differently: values the strategy stored from an earlier
    revision are then computed again."""
    if name not in CATALOGUE:
        raise KeyError(f"{name!r} is not in the measure catalogue")

    def register(function):
        _IMPLEMENTATIONS[name] = function
        _REVISIONS[name] = revision
        return function

    return register


def implementation(name):
    return _IMPLEMENTATIONS.get(name)


def fingerprint(name, params=None) -> str:
    """What a stored value was computed by: the measure, its revision and parameters
    ("" for a measure not implemented yet, whose values are never stored)."""
    if name not in _IMPLEMENTATIONS:
        return ""
    return f"{name}:{_REVISIONS[name]}:{json.dumps(params or {}, sort_keys=True)}"


def compute(name, params=None, *, as_of: datetime.date, with_rows=True) -> MeasureResult:
    """The value of measure `name` with the pack's `params`, as the data stood on `as_of`;
    `with_rows=False` when only the figures are wanted (a dashboard): the measure then
    leaves out the query for the rows behind its value."""
    spec = CATALOGUE[name]
    function = _IMPLEMENTATIONS.get(name)
    if function is None:
        return MeasureResult.not_measurable(needs=spec.module)
    result = function(as_of=as_of, with_rows=with_rows, **(params or {}))
    if not isinstance(result, MeasureResult):
        raise TypeError(f"measure {name!r} returned {type(result).__name__}, not MeasureResult")
    return result


def check_params(name, params):
    """Problems with a measure's parameters, in plain words (empty when fine)."""
    spec = CATALOGUE[name]
    problems = []
    for param in params:
        if param not in spec.params:
            known = ", ".join(sorted(spec.params)) or "none"
            problems.append(
                (param, f"measure {name!r} has no parameter {param!r} (known: {known})")
            )
    for param in sorted(spec.required - set(params)):
        problems.append((param, f"measure {name!r} needs the parameter {param!r}"))
    for param, value in params.items():
        expected = spec.params.get(param)
        if isinstance(expected, tuple) and value not in expected:
            problems.append((param, f"must be one of {', '.join(expected)}, not {value!r}"))
        elif isinstance(expected, type) and not isinstance(value, expected):
            problems.append((param, f"must be a {expected.__name__}, not {value!r}"))
    return problems
