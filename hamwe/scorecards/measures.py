"""The strategy's measures computed from score cards (registered by ScorecardsConfig.ready)."""

from django.db.models import Count, Q

from hamwe.policy import fiscal
from hamwe.policy import selectors as policy_selectors
from hamwe.policy.measures import MeasureResult, Row, implements

from .models import InquirySession, Round
from .results import selectors


@implements("scorecard-high-grades", revision=2)
def scorecard_high_grades(*, as_of, with_rows=True):
    """Indicators with a high grade in the latest round closed by `as_of` (3 queries: the
    round, its indicators, its scores), under the same suppression as the results page:
    an indicator withheld for too few answers neither counts nor is counted against."""
    round_ = (
        Round.objects.filter(status=Round.Status.CLOSED, closes_on__lte=as_of)
        .order_by("-closes_on", "-pk").first()
    )
    if round_ is None:
        return MeasureResult(value=0, detail={"round": None, "share": None, "shown": 0,
                                              "withheld": 0})
    summary = selectors.round_results(round_, with_previous=False, comments=False).summary
    return MeasureResult(
        value=summary.high,
        detail={"round": round_.pk, "share": summary.share, "shown": summary.shown,
                "withheld": summary.withheld, "closes_on": round_.closes_on.isoformat()},
        rows=(Row(kind="round", id=round_.pk, label=round_.title, note="latest-closed"),),
    )


@implements("appreciative-inquiry-sessions")
def appreciative_inquiry_sessions(*, as_of, with_rows=True):
    """Appreciative-inquiry sessions held with partners (at least one organisation
    present) in the fiscal year of `as_of`, from its first day to `as_of`; with the
    partners that took part. Three queries: the policy, the counts, the sessions."""
    calendar = fiscal.Calendar.of(policy_selectors.policy_pack(policy_selectors.live_policy()))
    year = calendar.year(calendar.year_of(as_of))
    held = InquirySession.objects.filter(held_on__gte=year.start, held_on__lte=as_of)
    totals = held.aggregate(
        sessions=Count("pk", distinct=True, filter=Q(organisations__isnull=False)),
        organisations=Count("organisations", distinct=True),
    )
    rows = tuple(
        Row(kind="inquiry", id=pk, label=topics.splitlines()[0] if topics else "",
            note=held_on.isoformat())
        for pk, held_on, topics in held.filter(organisations__isnull=False).distinct()
        .values_list("pk", "held_on", "topics").order_by("held_on", "pk")
    ) if with_rows else ()
    return MeasureResult(
        value=totals["sessions"],
        detail={"year": year.year, "from": year.start.isoformat(),
                "organisations": totals["organisations"]},
        rows=rows,
    )
