"""Writes to the live policy: loading a pack, editing one of its parts."""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from hamwe.core.records import delete_as, save_as, update_versioned

from . import parts as pack_parts
from .format import Pack
from .models import Policy, PolicyPart, PolicyVersion
from .selectors import policy_pack
from .validation import PackInvalid, Problem, cross_references


class VersionRefused(Exception):
    pass


@transaction.atomic
def policy_load(*, pack: Pack, by=None, source_name="", make_live=True) -> Policy:
    """Load `pack` into the database, all or nothing.

    A pack not yet known is created. A newer version of a known pack updates it in
    place: parts are matched by key (so records that refer to them stay attached),
    new ones added, dropped ones removed, and the earlier version is kept in
    PolicyVersion. The same version with the same content is a no-op; the same or an
    older version with other content is refused.
    """
    settings, parts = pack_parts.decompose(pack)
    document = pack.model_dump(mode="json")
    policy = Policy.objects.select_for_update().filter(pack=pack.pack).first()
    if policy is not None:
        current = policy_pack(policy)
        if pack.version <= policy.version:
            if pack == current and pack.version == policy.version:
                if make_live:
                    _make_live(policy)
                return policy
            raise VersionRefused(
                _(
                    "Version %(new)s of %(pack)s is not newer than the live version %(old)s; "
                    "raise `version` to load a changed pack."
                )
                % {"new": pack.version, "pack": pack.pack, "old": policy.version}
            )
    else:
        policy = Policy(pack=pack.pack)
    policy.title = pack.title
    policy.language = pack.language
    policy.version = pack.version
    policy.edited = False
    policy.stamp = uuid.uuid4().hex
    # The pack was validated whole (validation.py); its rows need no field checks again.
    save_as(policy, by=by, validate=False)
    PolicyVersion.objects.create(
        policy=policy,
        version=pack.version,
        document=document,
        source_name=source_name,
        loaded_by=by,
    )
    _replace_parts(policy, settings, parts, by=by)
    if make_live:
        _make_live(policy)
    return policy


def _replace_parts(policy, settings, parts, *, by):
    existing = {(p.section, p.key): p for p in policy.parts.all()}
    wanted = [("settings", "pack", None, 0, settings), *parts]
    kept = set()
    parents = {}
    # Parents before children, so an indicator can point at its direction's row.
    for section, key, parent_key, position, data in sorted(
        wanted,
        key=lambda p: (
            pack_parts.BY_NAME.get(p[0]) is not None and pack_parts.BY_NAME[p[0]].parent is not None
        ),
    ):
        parent = parents.get(("direction", parent_key)) if parent_key else None
        row = existing.get((section, key))
        if row is None:
            row = PolicyPart(policy=policy, section=section, key=key)
        elif row.data == data and row.position == position and row.parent == parent:
            parents[(section, key)] = row
            kept.add((section, key))
            continue
        else:
            row.version += 1
        row.parent, row.position, row.data = parent, position, data
        save_as(row, by=by, validate=False)
        parents[(section, key)] = row
        kept.add((section, key))
    for identity, row in existing.items():
        if identity not in kept:
            delete_as(row, by=by)


def _make_live(policy):
    Policy.objects.filter(is_live=True).exclude(pk=policy.pk).update(is_live=False)
    if not policy.is_live:
        policy.is_live = True
        policy.save(update_fields=["is_live"])


def policy_part_update(*, part: PolicyPart, by, data, expected_version) -> PolicyPart:
    """Change one part of the live policy; the whole policy must stay valid."""
    with transaction.atomic():
        policy = Policy.objects.select_for_update().get(pk=part.policy_id)
        rows = list(policy.parts.select_related("parent"))
        candidate = [
            (
                r.section,
                r.key,
                r.parent.key if r.parent else None,
                r.position,
                data if r.pk == part.pk else r.data,
            )
            for r in rows
            if r.section != "settings"
        ]
        settings = next(r.data for r in rows if r.section == "settings")
        if part.section == "settings":
            settings = data
        try:
            pack = pack_parts.compose(settings, candidate)
        except Exception as error:  # pydantic ValidationError: report in the form
            raise PackInvalid([Problem(part.section, part.key, None, str(error))]) from None
        problems = [
            Problem(part.section, ".".join(map(str, loc)), None, message)
            for loc, message in cross_references(pack)
        ]
        if problems:
            raise PackInvalid(problems)
        updated = update_versioned(
            part, by=by, expected_version=expected_version, changes={"data": data}
        )
        policy.edited = True
        policy.stamp = uuid.uuid4().hex
        save_as(policy, by=by, update_fields=["edited", "stamp"], validate=False)
    return updated
