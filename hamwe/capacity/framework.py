"""The capacity framework an assessment was made with, in the reader's language.

An assessment keeps its policy and that policy's version: while the policy is still at
that version the framework is read from the live policy (edited translations included);
once a newer version is loaded it is read from the version kept whole in PolicyVersion.
Either way the words come from the policy, never from the assessment.
"""

from dataclasses import dataclass

from django.utils import translation

from hamwe.policy import localise
from hamwe.policy import selectors as policy_selectors
from hamwe.policy.format import Pack
from hamwe.policy.models import PolicyVersion


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    domain: str
    descriptors: dict  # level -> text


@dataclass(frozen=True)
class Domain:
    key: str
    name: str
    criteria: tuple


@dataclass(frozen=True)
class Framework:
    version: int
    levels: tuple  # (level, name), lowest first
    domains: tuple

    @property
    def criteria(self):
        return [c for d in self.domains for c in d.criteria]

    def criterion(self, key):
        return next((c for c in self.criteria if c.key == key), None)

    def domain(self, key):
        return next((d for d in self.domains if d.key == key), None)

    @property
    def top(self):
        return max(level for level, _ in self.levels)

    @property
    def bottom(self):
        return min(level for level, _ in self.levels)

    def level_name(self, level):
        return dict(self.levels).get(level, str(level))


def _of_pack(pack) -> Framework:
    capacity = pack.capacity
    return Framework(
        version=capacity.framework_version,
        levels=tuple((level.level, level.name)
                     for level in sorted(capacity.levels, key=lambda item: item.level)),
        domains=tuple(
            Domain(key=d.key, name=d.name, criteria=tuple(
                Criterion(key=c.key, name=c.name, domain=d.key,
                          descriptors=dict(sorted(c.descriptors.items())))
                for c in d.criteria))
            for d in capacity.domains
        ),
    )


_KEPT: dict = {}  # (policy, version, language) -> Framework of a past version


def live_framework(language=None):
    """The live policy and its framework (None, None when no policy is live)."""
    policy = policy_selectors.live_policy()
    if policy is None:
        return None, None
    return policy, _of_pack(policy_selectors.policy_pack(policy, language))


def framework_of(assessment, language=None) -> Framework:
    policy = assessment.policy
    if policy.version == assessment.policy_version:
        return _of_pack(policy_selectors.policy_pack(policy, language))
    language = localise.reading_language(language or translation.get_language())
    key = (policy.pk, assessment.policy_version, language)
    if key not in _KEPT:
        document = PolicyVersion.objects.get(policy=policy, version=assessment.policy_version)
        pack = Pack.model_validate(document.document)
        if language and language != pack.language:
            pack = localise.localise(pack, language)
        _KEPT[key] = _of_pack(pack)
    return _KEPT[key]
