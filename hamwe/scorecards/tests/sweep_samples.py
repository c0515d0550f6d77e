"""The isolation sweep's view of score cards: sample URL arguments for every route (all
pointing at a round organisation A is invited to), and the state outsiders must never
change. Each area keeps its samples in its own dict."""

from hamwe.scorecards.models import (
    Action,
    Answer,
    Indicator,
    InquiryItem,
    InquirySession,
    InterfaceMeeting,
    Invitation,
    Round,
    Score,
    SelfScore,
)

ROUND_SAMPLES = {}  # rounds, indicators, proposals, invitations, answering
RESULT_SAMPLES = {}  # results pages and API
PLAN_SAMPLES = {}  # self-evaluation, interface meeting, actions, appreciative inquiry

SAMPLES = {**ROUND_SAMPLES, **RESULT_SAMPLES, **PLAN_SAMPLES}


def context_of(round_):
    """Objects of the round that samples may point at."""
    return {
        "round_a": round_,
        "indicator_a": round_.indicators.first(),
        "invitation_token_a": round_.sample_token,
    }


def scorecard_state():
    """Everything about score cards that a write could change."""
    return (
        tuple(Round.objects.order_by("pk").values_list(
            "pk", "version", "status", "min_group_scores", "min_group_comments",
            "answers_received")),
        tuple(Indicator.objects.order_by("pk").values_list("pk", "text")),
        Invitation.objects.filter(used=True).count(),
        Answer.objects.count(), Score.objects.count(), SelfScore.objects.count(),
        InterfaceMeeting.objects.count(),
        tuple(Action.objects.order_by("pk").values_list("pk", "version", "status")),
        InquirySession.objects.count(), InquiryItem.objects.count(),
    )
