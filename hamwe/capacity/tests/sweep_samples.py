"""The isolation sweep's view of capacity: a sample for every route (all pointing at
organisation A's assessments, plan and passport), each write with a payload its route
accepts, the objects the samples point at, and the state no outsider may change.

`capacity_open_a` is an open assessment of A with every self and agreed score given (so
it can be submitted and completed), `capacity_done_a` a completed one with gaps to plan,
`capacity_action_a` an action A owns, `capacity_link_a` a usable share link of A's
passport and `capacity_revoked_token_a` the token of a revoked one. The shared passport
is probed with that revoked token only: a usable token opens A's public profile to
whoever holds it, by design (see tests/test_passport.py); a revoked one must open
nothing for anyone.
"""

import datetime

from hamwe.capacity.models import Action, Assessment, Score, ShareLink
from hamwe.capacity.plan.forms import ActionForm
from hamwe.tests.samples import EDITS_A, HOME_EDITORS, api, current, form_data, page, read

A_PARTNERS = frozenset({"partner_a", "partner_admin_a"})


def _open(ctx):
    return {"pk": ctx.capacity_open_a.pk}


def _done(ctx):
    return {"pk": ctx.capacity_done_a.pk}


def _run(kwargs, post):
    return page(kwargs, post=post, writers=HOME_EDITORS, guard="may_run_assessments")


ASSESSMENT_SAMPLES = {
    "capacity:list": read(),
    "capacity:detail": read(_open),
    "capacity:export": read(_open),
    "capacity:new": page(None, post=lambda ctx: {
        "organisation": str(ctx.org_a.pk), "kind": "baseline", "mode": "self",
        "assessed_on": "2026-10-01", "note": ""},
        writers=HOME_EDITORS | A_PARTNERS,
        guard=("may_run_assessments", "may_start_assessment")),
    "capacity:score": page(
        lambda ctx: {"pk": ctx.capacity_open_a.pk, "criterion": "monitoring", "side": "self"},
        post=lambda ctx: {"monitoring-self-level": "4",
                          "monitoring-self-justification": "Changed by the sweep"},
        writers=EDITS_A, guard="may_self_score"),
    "capacity:submit": page(_open, post=lambda ctx: {}, writers=EDITS_A,
                            guard="may_self_score"),
    "capacity:complete": _run(_open, lambda ctx: {}),
}
PLAN_SAMPLES = {
    "capacity:plan": _run(_done, lambda ctx: {
        "internal-control-include": "on", "internal-control-title": "Separate duties",
        "internal-control-owner": "partner", "internal-control-due_on": "2026-12-31",
        "monitoring-title": "", "monitoring-owner": "partner"}),
    "capacity:action_edit": page(
        lambda ctx: {"pk": ctx.capacity_action_a.pk},
        post=lambda ctx: form_data(ActionForm(instance=current(ctx.capacity_action_a)),
                                   status="underway"),
        writers=EDITS_A, guard="may_update_capacity_action"),
}
PASSPORT_SAMPLES = {
    "capacity:passport": page(
        lambda ctx: {"pk": ctx.org_a.pk},
        post=lambda ctx: {"label": "Donor of the sweep", "expires_on": (
            datetime.date.today() + datetime.timedelta(days=30)).isoformat()},
        writers=A_PARTNERS, guard="may_share_passport"),
    "capacity:passport_pdf": read(lambda ctx: {"pk": ctx.org_a.pk}),
    "capacity:link_revoke": page(
        lambda ctx: {"pk": ctx.capacity_link_a.pk}, post=lambda ctx: {},
        writers=A_PARTNERS | {"admin"}, guard="may_revoke_passport_link"),
    "capacity:shared": read(lambda ctx: {"token": ctx.capacity_revoked_token_a}),
    "capacity:shared_pdf": read(lambda ctx: {"token": ctx.capacity_revoked_token_a}),
}

API_SAMPLES = {
    "v1:capacity-assessment-list": read(),
    "v1:capacity-assessment-detail": read(_open),
    "v1:capacity-action-list": read(),
    "v1:capacity-action-detail": api(
        lambda ctx: {"pk": ctx.capacity_action_a.pk}, writes=("PUT", "PATCH"),
        body=lambda ctx: {"title": "Monitoring plan", "owner": "partner",
                          "due_on": "2026-11-30", "status": "underway",
                          "version": current(ctx.capacity_action_a).version},
        writers=EDITS_A, guard="may_update_capacity_action"),
}

SAMPLES = {**ASSESSMENT_SAMPLES, **PLAN_SAMPLES, **PASSPORT_SAMPLES, **API_SAMPLES}


def context_of(org_a, *, by, partner):
    from hamwe.capacity.assessments import services
    from hamwe.capacity.passport import services as passport
    from hamwe.capacity.plan import services as plan
    from hamwe.capacity.tests.factories import completed

    done = completed(org_a, {"internal-control": 1, "monitoring": 2}, by=by,
                     on=datetime.date(2026, 1, 10))
    open_ = services.assessment_start(organisation=org_a, kind="follow-up", mode="self",
                                      assessed_on=datetime.date(2026, 9, 1), by=partner)
    for criterion in ("internal-control", "monitoring"):
        for side in ("self", "agreed"):
            services.score_set(assessment=open_, criterion=criterion, side=side, level=2,
                               by=by)
    action = plan.plan_from_gaps(assessment=done, by=by, choices=[{
        "criterion": "monitoring", "title": "Monitoring plan", "owner": "partner",
        "due_on": datetime.date(2026, 11, 30)}])[0]
    soon = datetime.date.today() + datetime.timedelta(days=60)
    link, _ = passport.link_create(organisation=org_a, label="Donor", by=partner,
                                   expires_on=soon)
    revoked, token = passport.link_create(
        organisation=org_a, label="Former donor", by=partner,
        expires_on=datetime.date.today() + datetime.timedelta(days=60))
    passport.link_revoke(link=revoked, by=partner)
    return {"capacity_open_a": open_, "capacity_done_a": done, "capacity_action_a": action,
            "capacity_link_a": link, "capacity_revoked_token_a": token}


def capacity_state(org):
    """Everything about capacity that a write could change."""
    return (
        tuple(Assessment.objects.order_by("pk").values_list(
            "pk", "status", "self_submitted_on", "completed_on", "overall")),
        tuple(Score.objects.order_by("pk").values_list(
            "pk", "side", "level", "justification", "version")),
        tuple(Action.objects.order_by("pk").values_list("pk", "version", "status", "title")),
        tuple(ShareLink.objects.order_by("pk").values_list("pk", "revoked_on")),
    )
