"""The policy pack format: what a pack may say, typed, with nothing left to guess.

Every model forbids unknown keys, so a typo ("responsable:") is an error, not silence.
`docs/policy-packs.md` documents the format with an annotated example; the two shipped
packs in `packs/` are complete examples.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    model_validator,
)

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True)]
Source = Literal["policy", "hamwe-default"]
# A fiscal period as the action plan names it: "FY15" (a whole year) or "FY14-Q4".
Period = Annotated[str, StringConstraints(pattern=r"^FY\d{2}(-Q[1-4])?$")]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organisation(Part):
    name: Text
    short_name: Text
    languages: list[Language] = Field(min_length=1)


class FiscalYear(Part):
    first_month: int = Field(ge=1, le=12)
    # How a fiscal year and a quarter are named: {fy} is the two-digit year in which the
    # fiscal year ends (July 2013-June 2014 is FY14 when it starts in July), {q} the quarter.
    year_name: Text = "FY{fy}"
    quarter_name: Text = "FY{fy} Q{q}"

    @model_validator(mode="after")
    def _placeholders(self):
        if "{fy}" not in self.year_name:
            raise ValueError("year_name must contain {fy}")
        if "{fy}" not in self.quarter_name or "{q}" not in self.quarter_name:
            raise ValueError("quarter_name must contain {fy} and {q}")
        return self


class Principle(Part):
    key: Key
    name: Text
    text: Text
    in_practice: list[Text] = []
    source: Source = "policy"


class NonPartnership(Part):
    """A relationship pattern that is not a partnership, and the question that spots it."""

    key: Key
    text: Text
    label: Text  # what such a relationship is called instead (procurement, grant, ...)
    question: Text  # asked by the qualification check; "yes" means the pattern is present
    remedy: Text  # how to make the relationship a partnership
    source: Source = "policy"


class PartnershipKind(Part):
    key: Key
    name: Text
    description: Text
    typical_duration: Text
    funding_expected: Literal["yes", "no", "sometimes"]
    source: Source = "policy"


class Phase(Part):
    key: Key
    name: Text
    description: OptionalText = ""


class GateItem(Part):
    key: Key
    text: Text
    evidence: OptionalText = ""
    # A fact of the catalogue (facts.py) that ticks the item from the record itself.
    fact: Key | None = None


class Stage(Part):
    key: Key
    name: Text
    description: OptionalText = ""
    phases: list[Phase] = Field(min_length=1)
    gate: list[GateItem] = []  # what must be satisfied to leave the stage
    source: Source = "policy"


class Cycle(Part):
    stages: list[Stage] = Field(min_length=1)
    # Stages a partnership may go back to from each stage (loops: revising -> planning).
    loops: dict[Key, list[Key]] = {}
    source: Source = "policy"


class Commitment(Part):
    key: Key
    title: Text
    text: Text
    source: Source = "policy"


class AddedValue(Part):
    key: Key
    text: Text
    source: Source = "policy"


class Expectation(Part):
    """What the home organisation expects of its partners; a due-diligence item."""

    key: Key
    text: Text
    evidence: list[Text] = Field(min_length=1)  # what satisfies it
    source: Source = "policy"


class MaturityLevel(Part):
    level: int = Field(ge=1, le=10)
    name: Text


class Criterion(Part):
    key: Key
    name: Text
    descriptors: dict[int, Text]  # maturity level -> what that level looks like


class CapacityDomain(Part):
    key: Key
    name: Text
    criteria: list[Criterion] = Field(min_length=1)
    source: Source = "policy"


class Capacity(Part):
    framework_version: int = Field(ge=1)
    levels: list[MaturityLevel] = Field(min_length=2)
    domains: list[CapacityDomain] = Field(min_length=1)
    source: Source = "policy"


class ScoreScale(Part):
    minimum: float
    maximum: float
    unit: Literal["percent", "points"]
    # How respondents choose a score: numbers, or five faces from very unhappy to very
    # happy (for groups that read little), standing for five evenly spaced scores.
    display: Literal["numbers", "faces"] = "numbers"

    @model_validator(mode="after")
    def _ordered(self):
        if self.maximum <= self.minimum:
            raise ValueError("maximum must be greater than minimum")
        return self


class ScorecardIndicator(Part):
    key: Key
    text: Text
    derived_from: list[Annotated[str, StringConstraints(pattern=r"^(principle|commitment):")]] = []
    source: Source = "policy"


class Scorecard(Part):
    scale: ScoreScale
    high_grade: float
    min_group_scores: int = Field(default=5, ge=3)
    min_group_comments: int = Field(default=10, ge=3)
    indicators: list[ScorecardIndicator] = Field(min_length=1)
    source: Source = "policy"

    @model_validator(mode="after")
    def _threshold_on_scale(self):
        if not self.scale.minimum <= self.high_grade <= self.scale.maximum:
            raise ValueError("high_grade must lie on the scale")
        return self


class Competency(Part):
    key: Key
    name: Text
    description: Text
    how_to_strengthen: list[Text] = []
    source: Source = "policy"


class KeyPosition(Part):
    key: Key
    name: Text
    competencies: list[Key] = []
    source: Source = "policy"


class People(Part):
    competencies: list[Competency] = []
    key_positions: list[KeyPosition] = []


class Measure(Part):
    name: Key
    params: dict[str, str | int | float | bool | list[str]] = {}


class Target(Part):
    value: float
    comparison: Literal[">=", "<=", "=="] = ">="
    unit: OptionalText = ""


class Indicator(Part):
    """An indicator of success: computed by a named measure, or entered with evidence."""

    key: Key
    text: Text
    progress: list[Text] = []  # "what progress looks like" (CARE Burundi, section 6)
    kind: Literal["computed", "manual"]
    measure: Measure | None = None
    # Further measures that show progress on the same indicator (one per progress bullet
    # that has a measure of its own); the main `measure` decides whether it is met.
    supporting_measures: list[Measure] = []
    evidence: OptionalText = ""
    target: Target | None = None
    deadline: datetime.date | None = None
    source: Source = "policy"

    @model_validator(mode="after")
    def _kind_fits(self):
        if self.kind == "computed" and self.measure is None:
            raise ValueError("a computed indicator names its measure")
        if self.kind == "manual" and self.measure is not None:
            raise ValueError("a manual indicator has no measure (use kind: computed)")
        if self.kind == "manual" and not self.evidence:
            raise ValueError("a manual indicator says what evidence it needs")
        return self


class Direction(Part):
    key: Key
    number: int = Field(ge=1)
    title: Text
    text: OptionalText = ""
    indicators: list[Indicator] = []


class Activity(Part):
    key: Key
    direction: Key
    text: Text
    responsible: list[Text] = []
    support: list[Text] = []
    periods: list[Period] = []
    source: Source = "policy"


class Period_(Part):
    start: datetime.date
    end: datetime.date

    @model_validator(mode="after")
    def _ordered(self):
        if self.end <= self.start:
            raise ValueError("end must come after start")
        return self


class Strategy(Part):
    title: Text
    period: Period_
    vision: OptionalText = ""
    directions: list[Direction] = Field(min_length=1)
    activities: list[Activity] = []


class Term(Part):
    term: Text
    definition: Text


# --- Translations ---------------------------------------------------------------------
#
# A translation is a mirror of the pack that holds only its texts. Lists of items become
# mappings keyed by each item's stable key (`principles: {equity: {name: ...}}`), so a
# translation never depends on the order of a list; a list of plain texts (in_practice,
# evidence, progress ...) stays a list of the same length. PACK_TEXTS below says, once,
# which fields of a pack are texts: the translation's format, its checks, the reading in
# a language, the translator's skeleton and the coverage counts all follow from it.

TEXT = "text"  # one text
TEXTS = "texts"  # a list of texts, translated whole, in the same order
DESCRIPTORS = "descriptors"  # maturity level -> text


@dataclass(frozen=True)
class Keyed:
    """A list of items in the pack, a mapping in a translation: item key -> its texts."""

    by: str  # the attribute that identifies an item
    fields: dict
    key_type: type = str


PACK_TEXTS = {
    "title": TEXT,
    "source_document": TEXT,
    "provenance": TEXT,
    "organisation": {"name": TEXT, "short_name": TEXT},
    "fiscal_year": {"year_name": TEXT, "quarter_name": TEXT},
    "definition": TEXT,
    "principles": Keyed("key", {"name": TEXT, "text": TEXT, "in_practice": TEXTS}),
    "non_partnerships": Keyed(
        "key", {"text": TEXT, "label": TEXT, "question": TEXT, "remedy": TEXT}
    ),
    "partnership_kinds": Keyed(
        "key", {"name": TEXT, "description": TEXT, "typical_duration": TEXT}
    ),
    "cycle": {
        "stages": Keyed("key", {
            "name": TEXT,
            "description": TEXT,
            "phases": Keyed("key", {"name": TEXT, "description": TEXT}),
            "gate": Keyed("key", {"text": TEXT, "evidence": TEXT}),
        }),
    },
    "commitments": Keyed("key", {"title": TEXT, "text": TEXT}),
    "added_value": Keyed("key", {"text": TEXT}),
    "expectations": Keyed("key", {"text": TEXT, "evidence": TEXTS}),
    "capacity": {
        "levels": Keyed("level", {"name": TEXT}, int),
        "domains": Keyed("key", {
            "name": TEXT,
            "criteria": Keyed("key", {"name": TEXT, "descriptors": DESCRIPTORS}),
        }),
    },
    "scorecard": {"indicators": Keyed("key", {"text": TEXT})},
    "people": {
        "competencies": Keyed(
            "key", {"name": TEXT, "description": TEXT, "how_to_strengthen": TEXTS}
        ),
        "key_positions": Keyed("key", {"name": TEXT}),
    },
    "strategy": {
        "title": TEXT,
        "vision": TEXT,
        "directions": Keyed("key", {
            "title": TEXT,
            "text": TEXT,
            "indicators": Keyed("key", {
                "text": TEXT,
                "progress": TEXTS,
                "evidence": TEXT,
                "target": {"unit": TEXT},
            }),
        }),
        "activities": Keyed("key", {"text": TEXT, "responsible": TEXTS, "support": TEXTS}),
    },
    "glossary": Keyed("term", {"term": TEXT, "definition": TEXT}),
}


def _camel(name):
    return "".join(part.capitalize() for part in name.split("_"))


def _mirror_type(name, kind):
    if kind == TEXT:
        return Text
    if kind == TEXTS:
        return list[Text]
    if kind == DESCRIPTORS:
        return dict[int, Text]
    if isinstance(kind, Keyed):
        return dict[kind.key_type, _mirror(name, kind.fields)]
    return _mirror(name, kind)


def _mirror(name, spec, **metadata):
    """A model holding the texts of `spec`, every one of them optional."""
    fields = {
        field: (_mirror_type(name + _camel(field), kind) | None, None)
        for field, kind in spec.items()
    }
    return create_model(name, __base__=Part, **metadata, **fields)


_ABOUT = {
    # The language the translation was made from: the pack's, or another translation's.
    "translated_from": (Language, ...),
    # Who translated it, shown to readers: e.g. "Hamwe's translation, not the source".
    "translator": (Text, ...),
}
# A translation inside a pack, under `translations: {fr: ...}`.
Translation = _mirror("Translation", PACK_TEXTS, **_ABOUT)
# A translation in a file of its own beside the pack (care-burundi.fr.yaml).
TranslationFile = _mirror("TranslationFile", PACK_TEXTS, language=(Language, ...), **_ABOUT)


class Pack(Part):
    pack: Key
    version: int = Field(ge=1)
    title: Text
    language: Language  # the source language: the policy's own words
    source_document: Text
    provenance: Text  # which parts come from the source, which are Hamwe's defaults
    organisation: Organisation
    fiscal_year: FiscalYear
    definition: OptionalText = ""  # what the policy calls a partnership
    principles: list[Principle] = Field(min_length=1)
    non_partnerships: list[NonPartnership] = []
    partnership_kinds: list[PartnershipKind] = Field(min_length=1)
    cycle: Cycle
    commitments: list[Commitment] = []
    added_value: list[AddedValue] = []
    expectations: list[Expectation] = []
    capacity: Capacity
    scorecard: Scorecard
    people: People = People()
    strategy: Strategy | None = None
    glossary: list[Term] = []
    # Translations of the pack's texts, by language; the source is never one of them.
    translations: dict[Language, Translation] = {}


_PATH_PART = re.compile(r"^\d+$")


def format_path(loc) -> str:
    """('strategy', 'directions', 2, 'deadline') -> 'strategy.directions[2].deadline'."""
    out = ""
    for part in loc:
        if isinstance(part, int) or _PATH_PART.match(str(part)) and out:
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
