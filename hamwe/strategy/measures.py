"""Measures that join two apps' records, which neither app may do itself (DESIGN: domain
apps stand alone; the strategy reads them all). Registered by StrategyConfig.ready."""

from hamwe.knowledge.selectors import users_using_knowledge
from hamwe.people.selectors import key_position_holders
from hamwe.policy import fiscal
from hamwe.policy import selectors as policy_selectors
from hamwe.policy.measures import MeasureResult, implements


@implements("knowledge-use-by-key-positions")
def knowledge_use_by_key_positions(*, as_of, with_rows=True):
    """Of the users in a key position on `as_of` (the people app's appointments), the
    share who used the knowledge base in the fiscal year of `as_of`, from its first day
    to `as_of`: recorded that they consulted or used an item, or documented one (the
    knowledge app's ledger, kept by the day). Figures only, never the people behind them:
    who used what is not an evaluation. Two queries, and the policy for the year."""
    calendar = fiscal.Calendar.of(policy_selectors.policy_pack(policy_selectors.live_policy()))
    year = calendar.year(calendar.year_of(as_of))
    holders = set(key_position_holders(as_of).values_list("pk", flat=True))
    users = users_using_knowledge(year.start, as_of) & holders
    share = round(100 * len(users) / len(holders), 1) if holders else None
    return MeasureResult(
        value=share, unit="%",
        detail={"year": year.year, "from": year.start.isoformat(),
                "in_key_positions": len(holders), "used": len(users)},
    )
