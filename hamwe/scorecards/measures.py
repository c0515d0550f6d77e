"""The strategy's measures computed from score cards (registered by ScorecardsConfig.ready)."""

from hamwe.policy.measures import implements

from .results import selectors


@implements("scorecard-high-grades")
def scorecard_high_grades():
    """Indicators with a high grade in the latest closed round (3 queries: the round,
    its indicators, its scores), under the same suppression as the results page: an
    indicator withheld for too few answers neither counts nor is counted against."""
    round_ = selectors.latest_closed_round()
    if round_ is None:
        return {"value": 0, "detail": {"round": None, "share": None, "shown": 0, "withheld": 0}}
    summary = selectors.round_results(round_, with_previous=False).summary
    return {
        "value": summary.high,
        "detail": {
            "round": round_.pk,
            "share": summary.share,
            "shown": summary.shown,
            "withheld": summary.withheld,
        },
    }
