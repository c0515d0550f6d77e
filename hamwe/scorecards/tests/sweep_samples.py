"""The isolation sweep's view of score cards: sample URL arguments for every route (all
pointing at a round organisation A is invited to), and the state outsiders must never
change. Each area keeps its samples in its own dict."""

from functools import partial

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

ROUND_SAMPLES = {  # rounds, indicators, proposals, invitations, answering
    "scorecards:rounds": lambda ctx: {},
    "scorecards:round_new": lambda ctx: {},
    "scorecards:answer_done": lambda ctx: {},
    **{
        f"scorecards:{name}": lambda ctx: {"pk": ctx.round_a.pk}
        for name in ("round_detail", "indicator_add", "proposal_new", "proposal_decide",
                     "round_thresholds", "round_invite", "round_open", "round_close",
                     "answer", "group_answer")
    },
    "scorecards:indicator_edit": lambda ctx: {
        "pk": ctx.round_a.pk, "indicator_pk": ctx.indicator_a.pk},
}
RESULT_SAMPLES = {  # results pages and API
    "scorecards:results": lambda ctx: {"pk": ctx.round_a.pk},
    "scorecards:results_history": lambda ctx: {},
    "scorecards:results_comments": lambda ctx: {
        "pk": ctx.round_a.pk, "indicator_pk": ctx.indicator_a.pk},
    "v1:scorecard-round-list": lambda ctx: {},
    "v1:scorecard-round-detail": lambda ctx: {"pk": ctx.round_a.pk},
    "v1:scorecard-round-results": lambda ctx: {"pk": ctx.round_a.pk},
}
PLAN_SAMPLES = {  # self-evaluation, interface meeting, actions, appreciative inquiry
    **{
        f"scorecards:{name}": lambda ctx: {"pk": ctx.round_a.pk}
        for name in ("self_evaluation", "plan", "meeting_new", "action_new")
    },
    "scorecards:meeting_detail": lambda ctx: {
        "pk": ctx.round_a.pk, "meeting_pk": ctx.meeting_a.pk},
    # Owned by organisation A: partner_b, invited to the round too, must not change it.
    "scorecards:action_edit": lambda ctx: {"pk": ctx.round_a.pk, "action_pk": ctx.action_a.pk},
    "scorecards:inquiry_new": lambda ctx: {},
    "scorecards:inquiry_detail": lambda ctx: {"inquiry_pk": ctx.inquiry_a.pk},
    "scorecards:inquiry_item_add": lambda ctx: {"inquiry_pk": ctx.inquiry_a.pk},
    "scorecards:proposition_to_indicator": lambda ctx: {
        "inquiry_pk": ctx.inquiry_a.pk, "item_pk": ctx.proposition_a.pk},
    "scorecards:commitment_to_action": lambda ctx: {
        "inquiry_pk": ctx.inquiry_a.pk, "item_pk": ctx.commitment_a.pk},
}

SAMPLES = {**ROUND_SAMPLES, **RESULT_SAMPLES, **PLAN_SAMPLES}


def context_of(round_):
    """Objects of the round that samples may point at."""
    return {
        "round_a": round_,
        "indicator_a": round_.indicators.first(),
        **_plan_context(round_),
    }


def _plan_context(round_):
    """An interface meeting with A present, an action A owns, and an inquiry session A
    took part in, with a proposition and a commitment not yet carried over."""
    import datetime

    from hamwe.scorecards.followup import services as services_plan
    from hamwe.scorecards.models import Invitation

    org_a = Invitation.objects.filter(round=round_, user__email="partner@a.example").get(
    ).organisation
    meeting = services_plan.meeting_record(
        round_=round_, by=None, held_on=datetime.date(2026, 6, 1), organisations=[org_a],
        agreed="Visit partners every quarter.")
    action = services_plan.action_add(
        round_=round_, by=None, text="Share the budget with the partners", owner="partner",
        owner_organisation=org_a, due_on=datetime.date(2026, 7, 1), meeting=meeting)
    inquiry = services_plan.inquiry_create(
        by=None, held_on=datetime.date(2026, 5, 1), topics="Trust\nShared learning",
        organisations=[org_a], round_=round_)
    add = partial(services_plan.inquiry_item_add, session=inquiry, by=None)
    return {
        "meeting_a": meeting,
        "action_a": action,
        "inquiry_a": inquiry,
        "proposition_a": add(step="design", text="Partners co-write every proposal"),
        "commitment_a": add(step="deliver", text="Publish the partnership budget"),
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
