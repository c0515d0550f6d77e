"""Reads of the live policy. The policy is public to every signed-in user with a role
(transparency is a principle of both seed policies), so no scoping by organisation."""

from . import parts as pack_parts
from .format import Pack
from .models import Policy


def live_policy():
    return Policy.objects.live().first()


# (policy pk, stamp) -> Pack. Each process keeps its own copy; the stamp read from the
# database with the policy row says whether it is still the policy's current state.
_COMPOSED: dict[tuple[int, str], Pack] = {}


def policy_pack(policy) -> Pack:
    """The policy composed back into a pack, as it stands now."""
    key = (policy.pk, policy.stamp)
    pack = _COMPOSED.get(key) if policy.stamp else None
    if pack is None:
        pack = _compose(policy)
        _COMPOSED.clear()  # only the newest revision is worth keeping
        _COMPOSED[key] = pack
    return pack


def _compose(policy) -> Pack:
    rows = list(policy.parts.select_related("parent"))
    settings = next(r.data for r in rows if r.section == "settings")
    parts = [
        (r.section, r.key, r.parent.key if r.parent else None, r.position, r.data)
        for r in rows
        if r.section != "settings"
    ]
    return pack_parts.compose(settings, parts)


def policy_for_export(policy) -> Pack:
    """The pack to write out: an edited policy carries the next version number."""
    pack = policy_pack(policy)
    if policy.edited:
        pack = pack.model_copy(update={"version": policy.version + 1})
    return pack


def pack_yaml(pack: Pack) -> str:
    import yaml

    document = pack.model_dump(mode="json", exclude_defaults=True)
    # The identifying keys first, as people write packs.
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
