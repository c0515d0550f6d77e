"""The catalogue of named measures a computed indicator may use.

A pack names a measure and its parameters; validation checks both against this
catalogue. The app that owns the data registers the function that computes it
(`@implements("name")`, one or a few aggregate queries, never a loop over rows); until
then the Policy section says which module will compute it.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class MeasureSpec:
    name: str
    description: str
    module: str  # the app whose data it reads
    params: dict[str, type | tuple] = field(default_factory=dict)  # name -> accepted type(s)
    required: frozenset[str] = frozenset()


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
            "Active partnerships that include a partner of the given sectors.",
            "partnerships",
            {"sectors": list, "minimum": int},
            frozenset({"sectors"}),
        ),
        MeasureSpec(
            "agreements-reflecting-principles",
            "Share of active partnerships whose signed agreement states every principle "
            "of the policy.",
            "partnerships",
        ),
        MeasureSpec(
            "partnerships-among-partners",
            "Thematic areas with an active partnership among partners that the home "
            "organisation did not initiate.",
            "partnerships",
            {"minimum": int},
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
        ),
        MeasureSpec(
            "partner-responsibility-share",
            "Share of reporting and planning tasks (planning, M&E, donor correspondence) "
            "led by the partner in operational partnerships.",
            "reporting",
        ),
        MeasureSpec(
            "scorecard-high-grades",
            "Number and share of score-card indicators with a high grade in the latest "
            "closed round.",
            "scorecards",
        ),
        MeasureSpec(
            "appreciative-inquiry-sessions",
            "Appreciative-inquiry sessions held with partners per fiscal year.",
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
        ),
    ]
}

_IMPLEMENTATIONS = {}


def implements(name):
    """Register the function that computes a catalogued measure."""
    if name not in CATALOGUE:
        raise KeyError(f"{name!r} is not in the measure catalogue")

    def register(function):
        _IMPLEMENTATIONS[name] = function
        return function

    return register


def implementation(name):
    return _IMPLEMENTATIONS.get(name)


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
