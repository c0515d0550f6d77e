"""What the live policy says that reports need: the fiscal calendar and its names."""

from hamwe.policy import selectors as policy_selectors
from hamwe.policy.fiscal import Calendar


def calendar(language=None) -> Calendar:
    """The live policy's fiscal calendar (January to December when none is live)."""
    policy = policy_selectors.live_policy()
    if policy is None:
        return Calendar()
    return Calendar.of(policy_selectors.policy_pack(policy, language))


def period_label(report, cal=None) -> str:
    """The report's period as the policy names it ("FY26 Q2", "Räkenskapsår 2025")."""
    cal = cal or calendar()
    if report.quarter:
        return cal.quarter_label(report.year, report.quarter)
    return cal.year_label(report.year)
