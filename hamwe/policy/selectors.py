"""Reads of the live policy. The policy is public to every signed-in user with a role
(transparency is a principle of both seed policies), so no scoping by organisation."""

from django.utils import translation

from . import localise
from . import parts as pack_parts
from .format import Pack
from .models import Policy


def live_policy():
    return Policy.objects.live().first()


# (policy pk, stamp) -> {None: the source pack, language: the pack in that language}.
# Each process keeps its own copy; the stamp read from the database with the policy row
# says whether it is still the policy's current state.
_COMPOSED: dict[tuple[int, str], dict[str | None, Pack]] = {}


def source_pack(policy) -> Pack:
    """The policy composed back into a pack, as it stands now: its texts in the source
    language, with its translations (what is loaded, edited and exported)."""
    key = (policy.pk, policy.stamp)
    packs = _COMPOSED.get(key) if policy.stamp else None
    if packs is None:
        packs = {None: _compose(policy)}
        if policy.stamp:
            _COMPOSED.clear()  # only the newest revision is worth keeping
            _COMPOSED[key] = packs
    return packs[None]


def policy_pack(policy, language=None) -> Pack:
    """The policy as a reader in `language` (default: the active language) reads it: each
    text in that language where a translation has it, else in the source language,
    marked (localise.Untranslated)."""
    source = source_pack(policy)
    language = localise.reading_language(language or translation.get_language())
    if not language or language == source.language:
        return source
    packs = _COMPOSED.get((policy.pk, policy.stamp), {})
    pack = packs.get(language)
    if pack is None:
        pack = localise.localise(source, language)
        packs[language] = pack
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
    pack = source_pack(policy)
    if policy.edited:
        pack = pack.model_copy(update={"version": policy.version + 1})
    return pack


def pack_yaml(pack: Pack) -> str:
    import yaml

    document = pack.model_dump(mode="json", exclude_defaults=True)
    # The identifying keys first, as people write packs.
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
