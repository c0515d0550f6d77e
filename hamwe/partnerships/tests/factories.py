"""Partnerships for tests, built the way Hamwe builds them: through the services
(`records.services.partnership_create`, `contribution_add`, and the cycle's gate ticks
and stage moves), so each one is valid by construction and carries what the services
add (its first stage change, `includes_home`). A live policy must be loaded first (the
`live_policy` fixture): the kinds and the cycle are the policy's.

    PartnershipFactory(parties=[in_role(org_a, "lead"), org_b],
                       contributions=[brings(org_a, kind="money", description="A grant",
                                             estimated_value=5, currency="BIF")],
                       at=("managing-and-maintaining", "managing"))

`agreement(...)` builds a version of a partnership's agreement by hand, for tests that
need a state without walking the services there (the services' own tests walk them).
"""

import datetime

import factory

from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.partnerships.cycle import services as cycle
from hamwe.partnerships.models import Agreement, Contribution, Partnership, Signature
from hamwe.partnerships.policy import current_policy
from hamwe.partnerships.records import services as records


def in_role(organisation, role="implementing", **fields):
    """One party of a new partnership: `organisation` in `role`, with `fields` (own
    objectives, responsibilities, risks ...)."""
    return {"organisation": organisation, "role": role, **fields}


def brings(organisation, **fields):
    """What the party of `organisation` brings: by default two staff days a month."""
    return organisation, {"kind": Contribution.Kind.STAFF,
                          "description": "Two staff days a month", **fields}


def _as_party(given):
    return given if isinstance(given, dict) else in_role(given)


class PartnershipFactory(factory.Factory):
    """A partnership of `parties` (organisations, or `in_role(...)` for a role of their own;
    two new organisations when left out), with `contributions`, recorded `by` (a user,
    or None), and moved through the cycle to `at` = (stage, phase) when given. Other
    keyword arguments are the record's own fields (title, kind, status, starts_on ...)."""

    class Meta:
        model = Partnership

    title = factory.Sequence(lambda n: f"Partnership {n:04d}")
    kind = "strategic"
    parties = factory.LazyFunction(lambda: [OrganisationFactory(), OrganisationFactory()])
    contributions = ()
    at = None
    by = None

    @classmethod
    def _create(cls, model_class, *, parties, contributions, at, by, **data):
        partnership = records.partnership_create(
            by=by, data=data, parties=[_as_party(p) for p in parties]
        )
        for organisation, fields in contributions:
            records.contribution_add(
                party=partnership.parties.get(organisation=organisation), by=by, data=fields
            )
        if at is not None:
            move_to(partnership, *at, by=by)
        partnership.refresh_from_db()
        return partnership


def move_to(partnership, stage, phase, *, by=None):
    """Move `partnership` forward through the cycle to `stage` and `phase`, ticking each
    gate on the way as the cycle requires."""
    policy = current_policy()
    target = policy.stage_index(stage)
    while policy.stage_index(partnership.stage) < target:
        for entry in cycle.gate_status(partnership, policy=policy):
            if entry["done"]:
                continue
            if entry["by_hand"]:
                cycle.gate_tick(partnership=partnership, by=by, item=entry["item"].key,
                                evidence="Ticked to move on")
            else:  # ticked by the record: make the fact hold
                MAKES_FACT[entry["item"].fact](partnership)
        following = policy.stages[policy.stage_index(partnership.stage) + 1]
        cycle.stage_move(partnership=partnership, by=by, to_stage=following.key,
                         to_phase=following.phases[0].key)
        partnership.refresh_from_db()
    if partnership.phase != phase:
        cycle.stage_move(partnership=partnership, by=by, to_stage=stage, to_phase=phase)
        partnership.refresh_from_db()
    return partnership

def agreement(partnership, *, status=Agreement.Status.SIGNED, signed_by=None, number=None):
    """A version of `partnership`'s agreement naming its parties, in `status`, signed by
    `signed_by` (default: every party when signed, none otherwise)."""
    parties = list(partnership.parties.select_related("organisation"))
    if number is None:
        number = (partnership.agreements.order_by("-number").values_list(
            "number", flat=True).first() or 0) + 1
    version = Agreement.objects.create(
        partnership=partnership, number=number, language="en", status=status,
        content={"format": 1, "parties": [{"party": p.pk, "name": p.organisation.name}
                                          for p in parties], "articles": []},
    )
    if signed_by is None:
        signed_by = parties if status == Agreement.Status.SIGNED else []
    for party in signed_by:
        Signature.objects.create(agreement=version, party=party, signatory="A. Signatory",
                                 signed_on=datetime.date(2026, 3, 2))
    return version


# What makes a gate's fact hold, for the items the record ticks (see hamwe.policy.facts).
MAKES_FACT = {"agreement-signed": agreement}
