"""Writes about networks and community structures: named, keyword-only, atomic. The
caller fetched what it changes through a selector's `*_for_editor`. Field rules are on
the models (checked by `save_as`); the rules across rows are here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamwe.core.records import save_as, update_versioned

from .models import (
    Accompaniment,
    CommunityStructure,
    Facilitation,
    JointActivity,
    MaturityStep,
    Meeting,
    Membership,
    Network,
    NetworkLink,
    StatusChange,
)
from .policy import maturity_scale

NETWORK_FIELDS = ("name", "theme", "purpose", "visibility", "initiated_by", "set_up_on")


@transaction.atomic
def network_create(*, by, data, members=()) -> Network:
    """A network set up on `set_up_on` by `initiated_by`, who facilitates it first and is
    its first convenor; `members` (organisations) join as members the same day."""
    fields = {k: v for k, v in data.items() if k in NETWORK_FIELDS}
    initiator = fields.get("initiated_by")
    network = save_as(Network(**fields, facilitator=initiator), by=by)
    save_as(StatusChange(network=network, status=Network.Status.FORMING,
                         since=network.set_up_on), by=by)
    save_as(Facilitation(network=network, organisation=initiator, since=network.set_up_on),
            by=by)
    save_as(Membership(network=network, organisation=initiator,
                       role=Membership.Role.CONVENOR, joined_on=network.set_up_on), by=by)
    for organisation in members:
        if organisation.pk != initiator.pk:
            save_as(Membership(network=network, organisation=organisation,
                               joined_on=network.set_up_on), by=by)
    return network


def network_update(*, network, by, data, expected_version) -> Network:
    changes = {k: v for k, v in data.items() if k in NETWORK_FIELDS and k != "initiated_by"}
    return update_versioned(network, by=by, expected_version=expected_version,
                            changes=changes)


def _not_before_set_up(network, day, field):
    if day and day < network.set_up_on:
        raise ValidationError({field: _("The network was set up on %(day)s: not before.")
                               % {"day": network.set_up_on.isoformat()}})


def _members_on(network, day):
    return set(network.memberships.filter(joined_on__lte=day).exclude(
        left_on__lt=day).values_list("organisation_id", flat=True))


@transaction.atomic
def member_add(*, network, by, data) -> Membership:
    _not_before_set_up(network, data.get("joined_on"), "joined_on")
    return save_as(Membership(network=network, **data), by=by)


@transaction.atomic
def status_change(*, network, by, data) -> StatusChange:
    """The network's status from `since` on; the network's row shows the newest."""
    _not_before_set_up(network, data.get("since"), "since")
    change = save_as(StatusChange(network=network, **data), by=by)
    newest = network.statuses.order_by("-since", "-pk").first()
    _keep(network, by=by, status=newest.status)
    return change


def _keep(network, *, by, **fields):
    changed = [name for name, value in fields.items() if getattr(network, name) != value]
    if changed:
        for name in changed:
            setattr(network, name, fields[name])
        network.version += 1
        save_as(network, by=by, update_fields=[*changed, "version", "updated_at"],
                validate=False)


@transaction.atomic
def facilitation_hand_over(*, network, by, data) -> Facilitation:
    """Facilitation passes to `organisation` from `since`: a member of the network on that
    day, other than the one facilitating it then. The earlier facilitations stay as its
    history."""
    since, organisation = data.get("since"), data.get("organisation")
    _not_before_set_up(network, since, "since")
    current = network.facilitations.filter(since__lte=since).order_by("-since", "-pk").first()
    if network.facilitations.filter(since__gt=since).exists():
        raise ValidationError({"since": _(
            "A later hand-over is already recorded: record hand-overs in the order they "
            "happened.")})
    if current and current.organisation_id == organisation.pk:
        raise ValidationError({"organisation": _("This organisation already facilitates it.")})
    if organisation.pk not in _members_on(network, since):
        raise ValidationError({"organisation": _(
            "Facilitation is handed over to a member of the network.")})
    handover = save_as(Facilitation(network=network, organisation=organisation,
                                    handed_over_by=current.organisation if current else None,
                                    since=since, note=data.get("note", "")), by=by)
    _keep(network, by=by, facilitator=organisation)
    return handover


def _check_members(network, organisations, day, field):
    members = _members_on(network, day)
    outside = [str(o) for o in organisations if o.pk not in members]
    if outside:
        raise ValidationError({field: _(
            "Not a member of the network on that day: %(names)s.") % {
            "names": ", ".join(outside)}})


@transaction.atomic
def meeting_record(*, network, by, data, attended_by) -> Meeting:
    """A meeting with the organisations present, each a member on the day."""
    _not_before_set_up(network, data.get("held_on"), "held_on")
    if not attended_by:
        raise ValidationError({"attended_by": _("Tick the organisations present.")})
    _check_members(network, attended_by, data["held_on"], "attended_by")
    meeting = save_as(Meeting(network=network, **data), by=by)
    meeting.attended_by.set(attended_by)
    return meeting


@transaction.atomic
def activity_record(*, network, by, data, organisations) -> JointActivity:
    """A joint activity of two or more members, one of whom leads it."""
    _not_before_set_up(network, data.get("started_on"), "started_on")
    organisations = list(organisations)
    led_by = data.get("led_by")
    if led_by and led_by.pk not in {o.pk for o in organisations}:
        organisations.append(led_by)
    if len(organisations) < 2:
        raise ValidationError({"organisations": _(
            "A joint activity has at least two members taking part.")})
    _check_members(network, organisations, data["started_on"], "organisations")
    activity = save_as(JointActivity(network=network, **data), by=by)
    activity.organisations.set(organisations)
    return activity


def link_add(*, network, by, data) -> NetworkLink:
    return save_as(NetworkLink(network=network, **data), by=by)


# --- Community structures ---------------------------------------------------------------


@transaction.atomic
def structure_create(*, by, data) -> CommunityStructure:
    if CommunityStructure.objects.filter(organisation=data.get("organisation")).exists():
        raise ValidationError({"organisation": _(
            "This organisation is already followed as a community structure.")})
    return save_as(CommunityStructure(**data), by=by)


def maturity_record(*, structure, by, data) -> MaturityStep:
    levels = [level for level, _label in maturity_scale()]
    if data.get("level") not in levels:
        raise ValidationError({"level": _("Choose a step of the maturity scale.")})
    return save_as(MaturityStep(structure=structure, **data), by=by)


def accompaniment_add(*, structure, by, data) -> Accompaniment:
    return save_as(Accompaniment(structure=structure, **data), by=by)


def structure_register(*, structure, by, data, expected_version) -> CommunityStructure:
    """The step at which the structure became a registered organisation of its own."""
    # Asked of the stored row: a form bound to `structure` has already set the new date.
    if CommunityStructure.objects.filter(pk=structure.pk, registered_on__isnull=False).exists():
        raise ValidationError({"registered_on": _("The structure is already registered.")})
    if not data.get("registered_on"):
        raise ValidationError({"registered_on": _("Give the day it registered.")})
    return update_versioned(structure, by=by, expected_version=expected_version,
                            changes={"registered_on": data["registered_on"],
                                     "registration_note": data.get("registration_note", "")})
