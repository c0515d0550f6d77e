"""Writes about the partnership record: named, keyword-only, atomic. The caller has
fetched what it changes through a selector's `*_for_editor` (which asked
`accounts.access`). Field rules live on the models and are checked by `save_as` /
`update_versioned` before anything is saved; the rules that span rows or read the live
policy are here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamwe.core import registries
from hamwe.core.records import delete_as, save_as, update_versioned

from ..models import Comment, Contribution, Partnership, Party, StageChange, sector_bits
from ..policy import current_policy

PARTNERSHIP_M2M = ("thematic_areas", "impact_groups", "provinces")


def _split(data):
    fields = {k: v for k, v in data.items() if k not in PARTNERSHIP_M2M}
    m2m = {k: v for k, v in data.items() if k in PARTNERSHIP_M2M}
    return fields, m2m


def sync_parties(partnership):
    """Keep the partnership's copies of its parties' facts in step (for filtering and
    counting from its own row): whether the home organisation is a party, and the
    sectors of the partner organisations."""
    parties = list(partnership.parties.values_list("organisation__is_home",
                                                   "organisation__sector"))
    includes = any(is_home for is_home, _sector in parties)
    sectors = sector_bits(sector for is_home, sector in parties if not is_home)
    if (includes, sectors) != (partnership.includes_home, partnership.partner_sectors):
        Partnership.objects.filter(pk=partnership.pk).update(
            includes_home=includes, partner_sectors=sectors)
        partnership.includes_home, partnership.partner_sectors = includes, sectors


@registries.follows("organisation")
def _sectors_follow(organisation, fields):
    """An organisation changed sector: so did every partnership it is a party to."""
    if "sector" in fields:
        for partnership in Partnership.objects.filter(parties__organisation=organisation):
            sync_parties(partnership)


@transaction.atomic
def partnership_create(*, by, data, parties) -> Partnership:
    """A partnership with its parties (two or more organisations, any sectors), placed at
    the first stage and phase of the live policy's cycle."""
    policy = current_policy()
    _check_kind(data.get("kind"), policy)
    organisations = [p["organisation"].pk for p in parties]
    if len(organisations) != len(set(organisations)):
        raise ValidationError(
            {"parties": _(
                "An organisation is chosen twice: each organisation is a party only once."
            )}
        )
    if len(organisations) < 2:
        raise ValidationError(
            {"parties": _(
                "A partnership has at least two different parties: choose at least two "
                "organisations."
            )}
        )
    fields, m2m = _split(data)
    first = policy.stages[0]
    partnership = save_as(
        Partnership(**fields, stage=first.key, phase=first.phases[0].key), by=by
    )
    for name, values in m2m.items():
        getattr(partnership, name).set(values)
    for party in parties:
        save_as(Party(partnership=partnership, **party), by=by)
    StageChange.objects.create(
        partnership=partnership,
        to_stage=first.key,
        to_phase=first.phases[0].key,
        note=_("Recorded."),
        by=by,
    )
    sync_parties(partnership)
    return partnership


def _check_kind(kind, policy):
    if kind not in policy.kinds:
        raise ValidationError({"kind": _("Choose a kind of partnership from the policy.")})


def partnership_update(*, partnership, by, data, expected_version) -> Partnership:
    if "kind" in data:
        _check_kind(data["kind"], current_policy())
    fields, m2m = _split(data)
    return update_versioned(
        partnership, by=by, expected_version=expected_version, changes=fields, m2m=m2m
    )


@transaction.atomic
def party_add(*, partnership, by, data) -> Party:
    # The model's constraint says so too; asked first, the answer names the field.
    if partnership.parties.filter(organisation=data["organisation"]).exists():
        raise ValidationError({"organisation": _("This organisation is already a party.")})
    party = save_as(Party(partnership=partnership, **data), by=by)
    sync_parties(partnership)
    return party


def party_update(*, party, by, data, expected_version) -> Party:
    return update_versioned(party, by=by, expected_version=expected_version, changes=data)


@transaction.atomic
def party_remove(*, party, by) -> None:
    partnership = party.partnership
    if partnership.parties.count() <= 2:
        raise ValidationError(_("A partnership keeps at least two parties."))
    delete_as(party, by=by)
    sync_parties(partnership)


@transaction.atomic
def contribution_add(*, party, by, data) -> Contribution:
    return save_as(Contribution(party=party, **data), by=by)


def contribution_update(*, contribution, by, data, expected_version) -> Contribution:
    return update_versioned(contribution, by=by, expected_version=expected_version, changes=data)


@transaction.atomic
def contribution_delete(*, contribution, by) -> None:
    delete_as(contribution, by=by)


def comment_add(*, partnership, by, text) -> Comment:
    comment = Comment(
        partnership=partnership,
        author=by,
        text=text.strip(),
        organisation=getattr(by, "organisation", None),
    )
    comment.full_clean()
    comment.save()
    return comment


