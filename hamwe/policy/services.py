"""Writes to the live policy: loading a pack, editing one of its parts."""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from hamwe.core.records import delete_as, save_as, update_versioned

from . import localise
from . import parts as pack_parts
from .format import Pack
from .models import Policy, PolicyPart, PolicyVersion
from .selectors import source_pack
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

    Translations are Hamwe's renderings of the policy, not the policy: the same version
    with the same policy texts but other translations updates the translations in place.
    """
    settings, parts = pack_parts.decompose(pack)
    document = _document(pack)
    policy = Policy.objects.select_for_update().filter(pack=pack.pack).first()
    if policy is not None:
        current = source_pack(policy)
        if pack.version <= policy.version:
            same_policy = _untranslated(pack) == _untranslated(current)
            if same_policy and pack.version == policy.version:
                if pack.translations != current.translations:
                    _update_translations(policy, pack, settings, parts, by=by)
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


def _document(pack):
    """The pack whole, as PolicyVersion keeps it (a translation only with its texts)."""
    document = pack.model_dump(mode="json", exclude={"translations"})
    document["translations"] = {
        language: item.model_dump(mode="json", exclude_none=True)
        for language, item in pack.translations.items()
    }
    return document


def _untranslated(pack):
    return pack.model_copy(update={"translations": {}})


def _update_translations(policy, pack, settings, parts, *, by):
    policy.stamp = uuid.uuid4().hex
    save_as(policy, by=by, update_fields=["stamp"], validate=False)
    PolicyVersion.objects.filter(policy=policy, version=pack.version).update(
        document=_document(pack)
    )
    _replace_parts(policy, settings, parts, by=by)


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
    """Change one part of the live policy; the whole policy must stay valid. The
    translations of the texts the edit changes are dropped (localise.prune): they
    translated words the policy no longer says."""
    if part.section == pack_parts.TRANSLATION:
        raise PackInvalid([Problem(part.section, part.key, None, _(
            "A translation is changed by loading the pack with its new translation."))])
    with transaction.atomic():
        policy = Policy.objects.select_for_update().get(pk=part.policy_id)
        old = source_pack(policy)
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
        pruned = {
            language: localise.prune(item, old, pack)
            for language, item in pack.translations.items()
        }
        pack = pack.model_copy(update={"translations": pruned})
        problems = [
            Problem(part.section, ".".join(map(str, loc)), None, message)
            for loc, message in cross_references(pack)
        ]
        if problems:
            raise PackInvalid(problems)
        updated = update_versioned(
            part, by=by, expected_version=expected_version, changes={"data": data}
        )
        for row in rows:
            if row.section == pack_parts.TRANSLATION:
                kept = pruned[row.key].model_dump(mode="json", exclude_none=True)
                if kept != row.data:
                    row.data, row.version = kept, row.version + 1
                    save_as(row, by=by, update_fields=["data", "version"], validate=False)
        policy.edited = True
        policy.stamp = uuid.uuid4().hex
        save_as(policy, by=by, update_fields=["edited", "stamp"], validate=False)
    return updated
