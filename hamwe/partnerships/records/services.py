"""Writes about partnerships: named, keyword-only, atomic. The caller has asked
`accounts.access` (through `selectors.may_*`) whether `by` may make them."""


from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamwe.core.records import update_versioned

from ..models import (
    Comment,
    Contribution,
    Partnership,
    Party,
    StageChange,
)
from ..policy import current_policy

PARTNERSHIP_M2M = ("thematic_areas", "impact_groups", "provinces")


def _split(data):
    fields = {k: v for k, v in data.items() if k not in PARTNERSHIP_M2M}
    m2m = {k: v for k, v in data.items() if k in PARTNERSHIP_M2M}
    return fields, m2m


def _sync_includes_home(partnership):
    includes = partnership.parties.filter(organisation__is_home=True).exists()
    if includes != partnership.includes_home:
        Partnership.objects.filter(pk=partnership.pk).update(includes_home=includes)
        partnership.includes_home = includes


@transaction.atomic
def partnership_create(*, by, data, parties) -> Partnership:
    """A partnership with its parties (two or more organisations, any sectors), placed at
    the first stage and phase of the live policy's cycle."""
    policy = current_policy()
    if data.get("kind") not in policy.kinds:
        raise ValidationError({"kind": _("Choose a kind of partnership from the policy.")})
    organisations = [p["organisation"] for p in parties]
    if len(set(o.pk for o in organisations)) < 2:
        raise ValidationError(_("A partnership has at least two different parties."))
    fields, m2m = _split(data)
    first = policy.stages[0]
    partnership = Partnership(**fields, stage=first.key, phase=first.phases[0].key)
    partnership._history_user = by
    partnership.save()
    for name, values in m2m.items():
        getattr(partnership, name).set(values)
    for party in parties:
        row = Party(partnership=partnership, **party)
        row._history_user = by
        row.save()
    StageChange.objects.create(
        partnership=partnership,
        to_stage=first.key,
        to_phase=first.phases[0].key,
        note=_("Recorded."),
        by=by,
    )
    _sync_includes_home(partnership)
    return partnership


def partnership_update(*, partnership, by, data, expected_version) -> Partnership:
    if "kind" in data and data["kind"] not in current_policy().kinds:
        raise ValidationError({"kind": _("Choose a kind of partnership from the policy.")})
    fields, m2m = _split(data)
    return update_versioned(
        partnership, by=by, expected_version=expected_version, changes=fields, m2m=m2m
    )


@transaction.atomic
def party_add(*, partnership, by, data) -> Party:
    if partnership.parties.filter(organisation=data["organisation"]).exists():
        raise ValidationError({"organisation": _("This organisation is already a party.")})
    party = Party(partnership=partnership, **data)
    party._history_user = by
    party.save()
    _sync_includes_home(partnership)
    return party


def party_update(*, party, by, data, expected_version) -> Party:
    return update_versioned(party, by=by, expected_version=expected_version, changes=data)


@transaction.atomic
def party_remove(*, party, by) -> None:
    partnership = party.partnership
    if partnership.parties.count() <= 2:
        raise ValidationError(_("A partnership keeps at least two parties."))
    party._history_user = by
    party.delete()
    _sync_includes_home(partnership)


@transaction.atomic
def contribution_add(*, party, by, data) -> Contribution:
    contribution = Contribution(party=party, **data)
    contribution._history_user = by
    contribution.save()
    return contribution


def contribution_update(*, contribution, by, data, expected_version) -> Contribution:
    return update_versioned(contribution, by=by, expected_version=expected_version, changes=data)


@transaction.atomic
def contribution_delete(*, contribution, by) -> None:
    contribution._history_user = by
    contribution.delete()


def comment_add(*, partnership, by, text) -> Comment:
    if not text.strip():
        raise ValidationError({"text": _("Write something first.")})
    return Comment.objects.create(
        partnership=partnership,
        author=by,
        text=text.strip(),
        organisation=getattr(by, "organisation", None),
    )


