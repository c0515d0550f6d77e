"""What the live policy says about the strategy, in the shape this app needs, in the
reader's language."""

import datetime
from dataclasses import dataclass

from hamwe.policy import fiscal
from hamwe.policy import selectors as policy_selectors


@dataclass(frozen=True)
class StrategyPolicy:
    policy: object  # the live hamwe.policy.models.Policy
    pack: object  # hamwe.policy.format.Pack, in the reader's language

    @property
    def strategy(self):
        return self.pack.strategy  # None: the policy has no strategy

    @property
    def calendar(self) -> fiscal.Calendar:
        return fiscal.Calendar.of(self.pack)

    @property
    def period(self):
        return self.strategy.period

    def ended(self, today) -> bool:
        return self.strategy is not None and self.strategy.period.end < today

    def directions(self):
        return list(self.strategy.directions) if self.strategy else []

    def direction(self, key):
        return next((d for d in self.directions() if d.key == key), None)

    def indicators(self):
        """(direction, indicator) in the strategy's order."""
        return [(d, i) for d in self.directions() for i in d.indicators]

    def indicator(self, key):
        """(direction, indicator), or (None, None)."""
        return next(((d, i) for d, i in self.indicators() if i.key == key), (None, None))

    def activities(self):
        return list(self.strategy.activities) if self.strategy else []

    def activity(self, key):
        return next((a for a in self.activities() if a.key == key), None)

    def years(self, today) -> list[fiscal.Span]:
        """The fiscal years from the strategy's first to the one `today` falls in (or to
        its last, if `today` is before it)."""
        if self.strategy is None:
            return []
        last = max(today, self.period.start)
        return self.calendar.years(self.period.start, last)

    def ended_years(self, today) -> list[fiscal.Span]:
        return [y for y in self.years(today) if y.end < today]

    def plan_span(self) -> tuple[datetime.date, datetime.date]:
        """From the strategy's start to the end of its period or of the last planned
        period, whichever is later."""
        start, end = self.period.start, self.period.end
        for activity in self.activities():
            for code in activity.periods:
                span = self.calendar.period(code)
                start, end = min(start, span.start), max(end, span.end)
        return start, end


def current_strategy(language=None) -> StrategyPolicy | None:
    """The live policy's strategy in `language` (default: the reader's); None when no
    policy is live."""
    policy = policy_selectors.live_policy()
    if policy is None:
        return None
    return StrategyPolicy(policy, policy_selectors.policy_pack(policy, language))
