"""The catalogue of named facts a gate item of the cycle may be bound to.

A gate item that names a fact (`fact: agreement-signed`) is ticked by the record itself:
it is done while the fact holds and open while it does not, and no one ticks it by hand.
Validation checks the name against this catalogue. The app that owns the record registers
the function that establishes the fact for one partnership (`@establishes("name")`, one or
a few queries); until that app is in place, the item is ticked by hand and the page says
which module will check it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FactSpec:
    name: str
    description: str  # what the record must show, for the pack's author (docs, Policy page)
    module: str  # the app whose records establish it
    until: str  # shown on an open item: "open until <until>", in the reader's language


@dataclass(frozen=True)
class Finding:
    """What the record shows about a fact, for one partnership."""

    holds: bool
    because: str  # what the record shows, in the reader's language
    url: str = ""  # the page that shows it, when there is one


CATALOGUE = {
    spec.name: spec
    for spec in [
        FactSpec(
            "qualification-passed",
            "The latest qualification check says the relationship is a partnership (no "
            "non-partnership pattern present).",
            "partnerships",
            _("the qualification check says this is a partnership"),
        ),
        FactSpec(
            "parties-have-roles",
            "At least two parties, each with its role and its responsibilities written on "
            "the record.",
            "partnerships",
            _("every party has its responsibilities written on the record"),
        ),
        FactSpec(
            "own-objectives-recorded",
            "Each party's own objectives are written on the record.",
            "partnerships",
            _("every party's own objectives are written on the record"),
        ),
        FactSpec(
            "agreement-sent",
            "The current version of the agreement (the newest) has been sent for signature, "
            "or signed.",
            "partnerships",
            _("the current version of the agreement is sent for signature"),
        ),
        FactSpec(
            "agreement-signed",
            "The current version of the agreement (the newest) is signed by every party it "
            "names.",
            "partnerships",
            _("every party has signed the current version of the agreement"),
        ),
        FactSpec(
            "review-recorded",
            "A partnership review has been recorded since the partnership entered the "
            "stage.",
            "partnerships",
            _("a review is recorded in this stage"),
        ),
        FactSpec(
            "principles-rated",
            "A review recorded since the partnership entered the stage rated every "
            "principle of the live policy.",
            "partnerships",
            _("a review in this stage has rated every principle"),
        ),
        FactSpec(
            "due-diligence-complete",
            "Every partner's due-diligence items (the policy's expectations) are satisfied "
            "with evidence.",
            "partners",
            _("every partner's due diligence is complete"),
        ),
        FactSpec(
            "report-approved",
            "The partnership's reports for the period are approved.",
            "reporting",
            _("the period's reports are approved"),
        ),
    ]
}

_IMPLEMENTATIONS = {}


def establishes(name):
    """Register the function that establishes a catalogued fact for one partnership:
    `function(partnership, *, stage, pack) -> Finding`, `stage` being the key of the stage
    whose gate asks for it and `pack` the live policy in the reader's language."""
    if name not in CATALOGUE:
        raise KeyError(f"{name!r} is not in the fact catalogue")

    def register(function):
        _IMPLEMENTATIONS[name] = function
        return function

    return register


def implementation(name):
    return _IMPLEMENTATIONS.get(name)


def is_established_by_record(name) -> bool:
    """Whether Hamwe checks this fact from the record yet (else a person ticks the item)."""
    return name in _IMPLEMENTATIONS


def establish(name, partnership, *, stage, pack) -> Finding:
    return _IMPLEMENTATIONS[name](partnership, stage=stage, pack=pack)
