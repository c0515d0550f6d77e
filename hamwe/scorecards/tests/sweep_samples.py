"""The isolation sweep's view of score cards: a sample for every route (all pointing at
rounds organisation A is invited to), each write with a payload its route accepts (see
hamwe/tests/samples.py), the objects the samples point at, and the state that someone who
may not must never change. Each area keeps its samples in its own dict.

Three rounds: `round_a`, open, to which A's partner users and partner_b are invited;
`draft_a`, a draft only A is invited to, with a proposal of A's waiting for a decision
(indicators, proposals and opening are a draft's); and `answering_a`, open, only A
invited, where A's users answer.
"""

from functools import partial

from hamwe.scorecards.models import (
    Action,
    Answer,
    Indicator,
    InquiryItem,
    InquirySession,
    InterfaceMeeting,
    Invitation,
    Proposal,
    Round,
    Score,
    SelfScore,
)
from hamwe.scorecards.rounds.forms import IndicatorForm, RoundForm, ThresholdsForm
from hamwe.tests.samples import EDITS_A, HOME_EDITORS, current, form_data, page, read

A_PARTNERS = frozenset({"partner_a", "partner_admin_a"})


def _open(ctx):
    return {"pk": ctx.round_a.pk}


def _draft(ctx):
    return {"pk": ctx.draft_a.pk}


def _scores(round_, score="70"):
    """An answer form's data: every indicator of the round scored."""
    return {f"score_{pk}": score for pk in round_.indicators.values_list("pk", flat=True)}


def _invite_b(round_name):
    """Plants partner_b's invitation to the round: the data the rule reads."""
    def plant(ctx, personas):
        from hamwe.scorecards.rounds import services

        services.invite(round_=getattr(ctx, round_name), by=ctx.staff,
                        users=[personas["partner_b"]])
    return plant


def _run(kwargs, post):
    """A page for those who run score cards: home admins and staff."""
    return page(kwargs, post=post, writers=HOME_EDITORS, guard="may_run_scorecards")


ROUND_SAMPLES = {  # rounds, indicators, proposals, invitations, answering
    "scorecards:rounds": read(),
    "scorecards:answer_done": read(),
    "scorecards:round_detail": read(_open),
    "scorecards:round_new": _run(None, lambda ctx: form_data(
        RoundForm(), title="Round of the sweep", period="FY27", opens_on="2027-01-01",
        closes_on="2027-12-31")),
    "scorecards:indicator_add": _run(_draft, lambda ctx: form_data(
        IndicatorForm(), key="sweep", text="Added by the sweep", source="policy")),
    "scorecards:indicator_edit": _run(
        lambda ctx: {"pk": ctx.draft_a.pk, "indicator_pk": ctx.indicator_a.pk},
        lambda ctx: {"text": "Reworded by the sweep"}),
    # Partners invited to a draft propose indicators (no capability predicate: a partner
    # user of an invited organisation).
    "scorecards:proposal_new": page(_draft, post=lambda ctx: {"text": "Proposed by the sweep"},
                                    writers=A_PARTNERS, plant=_invite_b("draft_a")),
    "scorecards:proposal_decide": _run(
        _draft, lambda ctx: {"proposal": str(ctx.proposal_a.pk), "decision": "accept"}),
    # Thresholds may be raised while a round is open.
    "scorecards:round_thresholds": _run(_open, lambda ctx: form_data(
        ThresholdsForm(instance=current(ctx.round_a)),
        min_group_scores=current(ctx.round_a).min_group_scores + 1)),
    "scorecards:round_invite": _run(_draft, lambda ctx: {"organisations": [str(ctx.org_b.pk)]}),
    "scorecards:round_open": _run(_draft, lambda ctx: {}),
    "scorecards:round_close": _run(_open, lambda ctx: {}),
    "scorecards:group_answer": _run(
        _open, lambda ctx: {"group_size": "4", **_scores(ctx.round_a)}),
    # An open round only A is invited to: A's users answer, each for themselves, once
    # (no capability predicate: the signed-in user's own invitation).
    "scorecards:answer": page(lambda ctx: {"pk": ctx.answering_a.pk},
                              post=lambda ctx: _scores(ctx.answering_a, "80"),
                              writers=A_PARTNERS, plant=_invite_b("answering_a")),
}
RESULT_SAMPLES = {  # results pages and API
    "scorecards:results": read(_open),
    "scorecards:results_history": read(),
    # The comments of one indicator of the round A answers, a page at a time.
    "scorecards:results_comments": read(lambda ctx: {
        "pk": ctx.round_a.pk, "indicator_pk": ctx.round_a.indicators.first().pk}),
    "v1:scorecard-round-list": read(),
    "v1:scorecard-round-detail": read(_open),
    "v1:scorecard-round-results": read(_open),
}


def _item(name):
    return lambda ctx: {"inquiry_pk": ctx.inquiry_a.pk, "item_pk": getattr(ctx, name).pk}


def _inquiry(ctx):
    return {"inquiry_pk": ctx.inquiry_a.pk}


PLAN_SAMPLES = {  # self-evaluation, interface meeting, actions, appreciative inquiry
    "scorecards:plan": read(_open),
    "scorecards:meeting_detail": read(lambda ctx: {"pk": ctx.round_a.pk,
                                                   "meeting_pk": ctx.meeting_a.pk}),
    "scorecards:inquiry_detail": read(_inquiry),
    "scorecards:self_evaluation": _run(_open, lambda ctx: _scores(ctx.round_a, "60")),
    "scorecards:meeting_new": _run(_open, lambda ctx: {
        "held_on": "2026-06-15", "organisations": [str(ctx.org_a.pk)],
        "agreed": "Meet again in a year."}),
    "scorecards:action_new": _run(_open, lambda ctx: {
        "text": "Answer every letter within a week", "owner": "home", "due_on": "2026-09-30"}),
    # Owned by organisation A: partner_b, invited to the round too, must not change it.
    "scorecards:action_edit": page(
        lambda ctx: {"pk": ctx.round_a.pk, "action_pk": ctx.action_a.pk},
        post=lambda ctx: {f"a{ctx.action_a.pk}-status": "under_way",
                          f"a{ctx.action_a.pk}-follow_up": "Started by the sweep",
                          f"a{ctx.action_a.pk}-version": str(current(ctx.action_a).version)},
        writers=EDITS_A, guard="may_update_action"),
    "scorecards:inquiry_new": _run(None, lambda ctx: {
        "held_on": "2026-05-20", "topics": "Trust", "organisations": [str(ctx.org_a.pk)],
        "round": str(ctx.round_a.pk)}),
    "scorecards:inquiry_item_add": _run(_inquiry, lambda ctx: {
        "step": "discover", "discover-text": "A story from the sweep"}),
    # Offered to the knowledge hub: a draft item of A (the sweep watches A's knowledge).
    "scorecards:proposition_to_knowledge": _run(_item("proposition_a"), lambda ctx: {}),
    "scorecards:proposition_to_indicator": _run(_item("proposition_a"), lambda ctx: {
        f"i{ctx.proposition_a.pk}-round": str(ctx.draft_a.pk)}),
    "scorecards:commitment_to_action": _run(_item("commitment_a"), lambda ctx: {
        f"i{ctx.commitment_a.pk}-round": str(ctx.round_a.pk),
        f"i{ctx.commitment_a.pk}-owner": "home", f"i{ctx.commitment_a.pk}-due_on": "2026-09-30"}),
}

SAMPLES = {**ROUND_SAMPLES, **RESULT_SAMPLES, **PLAN_SAMPLES}


def context_of(round_, *, by, partners_of_a):
    """Objects of the rounds that samples point at, made `by` a home editor."""
    from hamwe.scorecards.rounds import services
    from hamwe.scorecards.tests.factories import RoundFactory

    draft = RoundFactory(by=by, title="Next score card", invited=partners_of_a)
    return {
        "round_a": round_,
        "draft_a": draft,
        "indicator_a": draft.indicators.first(),
        "proposal_a": services.proposal_add(round_=draft, by=partners_of_a[0],
                                            text="LHA visits us every quarter"),
        "answering_a": RoundFactory(by=by, title="Score card of A", invited=partners_of_a,
                                    status="open"),
        **_plan_context(round_, by=by, org_a=partners_of_a[0].organisation),
    }


def _plan_context(round_, *, by, org_a):
    """An interface meeting with A present, an action A owns, and an inquiry session A
    took part in, with a proposition and a commitment not yet carried over."""
    import datetime

    from hamwe.scorecards.followup import services as services_plan

    meeting = services_plan.meeting_record(
        round_=round_, by=by, held_on=datetime.date(2026, 6, 1), organisations=[org_a],
        agreed="Visit partners every quarter.")
    action = services_plan.action_add(
        round_=round_, by=by, text="Share the budget with the partners", owner="partner",
        owner_organisation=org_a, due_on=datetime.date(2026, 7, 1), meeting=meeting)
    inquiry = services_plan.inquiry_create(
        by=by, held_on=datetime.date(2026, 5, 1), topics="Trust\nShared learning",
        organisations=[org_a], round_=round_)
    add = partial(services_plan.inquiry_item_add, session=inquiry, by=by)
    return {
        "meeting_a": meeting,
        "action_a": action,
        "inquiry_a": inquiry,
        "proposition_a": add(step="design", text="Partners co-write every proposal"),
        "commitment_a": add(step="deliver", text="Publish the partnership budget"),
    }


def scorecard_state(org):
    """Everything about score cards that a write could change; of the invitations, which
    exist, and which of A's are spent."""
    return (
        tuple(Round.objects.order_by("pk").values_list(
            "pk", "version", "status", "min_group_scores", "min_group_comments",
            "answers_received")),
        tuple(Indicator.objects.order_by("pk").values_list("pk", "round", "key", "text")),
        tuple(Proposal.objects.order_by("pk").values_list("pk", "accepted")),
        tuple(Invitation.objects.order_by("pk").values_list("pk", flat=True)),
        tuple(Invitation.objects.filter(organisation=org).order_by("pk").values_list(
            "pk", "used")),
        Answer.objects.count(), Score.objects.count(),
        tuple(SelfScore.objects.order_by("pk").values_list("indicator", "score", "reason")),
        InterfaceMeeting.objects.count(),
        tuple(Action.objects.order_by("pk").values_list("pk", "version", "status", "follow_up")),
        InquirySession.objects.count(),
        tuple(InquiryItem.objects.order_by("pk").values_list(
            "pk", "became_indicator", "became_action")),
    )
