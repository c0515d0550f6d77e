"""What the live policy says about partnerships, in the shape this app needs."""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from hamwe.policy import selectors as policy_selectors


@dataclass(frozen=True)
class PartnershipPolicy:
    pack: object

    @property
    def kinds(self):
        return {k.key: k for k in self.pack.partnership_kinds}

    @property
    def stages(self):
        return list(self.pack.cycle.stages)

    def stage(self, key):
        return next((s for s in self.pack.cycle.stages if s.key == key), None)

    def stage_index(self, key):
        keys = [s.key for s in self.pack.cycle.stages]
        return keys.index(key) if key in keys else -1

    def loops_from(self, key):
        return list(self.pack.cycle.loops.get(key, []))

    @property
    def principles(self):
        return list(self.pack.principles)

    @property
    def non_partnerships(self):
        return list(self.pack.non_partnerships)


def current_policy(language=None) -> PartnershipPolicy:
    """The live policy in `language` (default: the reader's, i.e. the active language)."""
    policy = policy_selectors.live_policy()
    if policy is None:
        raise ImproperlyConfigured("No live policy: load one with `hamwe policy load`.")
    return PartnershipPolicy(policy_selectors.policy_pack(policy, language))
