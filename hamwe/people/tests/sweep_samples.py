"""The isolation sweep's view of people: a sample for every route, each write with a
payload its route accepts (see hamwe/tests/samples.py), the objects the samples point at,
and the state that someone who may not must never change.

The evaluation the samples point at is of `person`, managed by `manager`: neither is one
of the sweep's personas, so every persona but the home admin is "another member of
staff, a viewer or a partner" to it, and the routes that only the person or the manager
may write with (self-assessment, the manager's assessment) are, for the personas, routes
that change nothing. hamwe/people/tests/test_privacy_sweep.py probes them again with the
person and the manager signed in.
"""

import datetime

from hamwe.people.models import (
    AnonymousInput,
    Appointment,
    Consultation,
    ConsultationInvitation,
    DevelopmentAction,
    Evaluation,
    Feedback,
    FeedbackInvitation,
    NamedInput,
    Rating,
)
from hamwe.tests.samples import HOME_EDITORS, current, page, read

A_PARTNERS = frozenset({"partner_a", "partner_admin_a"})
ADMINS = frozenset({"admin"})
SECRET_EVALUATION = "SECRET-EVALUATION-9017"


def _evaluation(ctx):
    return {"pk": ctx.evaluation_p.pk}


def _invite_b(kind):
    """Plants partner_b's invitation (to the consultation, or for feedback)."""
    def plant(ctx, personas):
        if kind == "consultation":
            ConsultationInvitation.objects.create(
                consultation=ctx.consultation_a, organisation=ctx.org_b,
                user=personas["partner_b"])
        else:
            FeedbackInvitation.objects.create(evaluation=ctx.evaluation_p,
                                              user=personas["partner_b"])
    return plant


def ratings_post(ctx, score="3", comment="Rated by the sweep"):
    evaluation = current(ctx.evaluation_p)
    data = {}
    for key in evaluation.competencies:
        data[f"score_{key}"], data[f"comment_{key}"] = score, comment
    return data


SAMPLES = {
    "people:index": read(),
    "people:competencies": read(),
    "people:evaluations": read(),
    "people:consultation": read(lambda ctx: {"pk": ctx.consultation_a.pk}),
    "people:evaluation": read(_evaluation),
    "v1:people-appointment-list": read(),
    "v1:people-appointment-detail": read(lambda ctx: {"pk": ctx.appointment_p.pk}),
    "v1:people-evaluation-list": read(),
    "v1:people-evaluation-detail": read(_evaluation),
    # Only the person self-assesses and only the manager assesses: no persona may.
    "people:self_assess": read(_evaluation),
    "people:manager_assess": read(_evaluation),
    "people:appointment_new": page(None, post=lambda ctx: {
        "position": "partnership-officer", "name": "Person of the sweep",
        "starts_on": "2026-01-01"}, writers=ADMINS, guard="may_manage_key_positions"),
    "people:appointment_end": page(lambda ctx: {"pk": ctx.appointment_p.pk}, post=lambda ctx: {
        "ends_on": "2026-12-31", "version": str(current(ctx.appointment_p).version)},
        writers=ADMINS, guard="may_manage_key_positions"),
    "people:consultation_new": page(None, post=lambda ctx: {
        "title": "Consultation of the sweep", "closes_on": "2099-01-01",
        "organisations": [str(ctx.org_a.pk)]}, writers=HOME_EDITORS,
        guard="may_run_consultations"),
    "people:consultation_close": page(lambda ctx: {"pk": ctx.consultation_a.pk}, post=lambda ctx: {
        "version": str(current(ctx.consultation_a).version)}, writers=HOME_EDITORS,
        guard="may_run_consultations"),
    # A's partner users are invited: each answers for themselves, once.
    "people:consultation_answer": page(lambda ctx: {"pk": ctx.consultation_a.pk},
                                       post=lambda ctx: {
        "named": "anonymous", "score_partnering": "3", "comment_partnering": "From the sweep"},
        writers=A_PARTNERS, plant=_invite_b("consultation")),
    "people:evaluation_new": page(None, post=lambda ctx: {
        "appointment": str(ctx.appointment_p.pk), "year": "2026"}, writers=ADMINS,
        guard="may_start_evaluation"),
    "people:feedback_invite": page(_evaluation, post=lambda ctx: {
        "users": [str(ctx.partner_b_user.pk)]}, writers=ADMINS,
        guard=("may_see_evaluation", "may_start_evaluation")),
    # A's partner users were asked for feedback on the person.
    "people:feedback_give": page(_evaluation, post=lambda ctx: {
        "score": "3", "comment": "Feedback of the sweep"}, writers=A_PARTNERS,
        plant=_invite_b("feedback")),
    "people:action_add": page(_evaluation, post=lambda ctx: {
        "text": "Action of the sweep", "due_on": "2026-09-30", "competency": ""},
        writers=ADMINS, guard=("may_see_evaluation", "may_plan_development")),
    "people:action_done": page(lambda ctx: {"pk": ctx.action_p.pk}, post=lambda ctx: {
        "done_on": "2026-05-01", "version": str(current(ctx.action_p).version)},
        writers=ADMINS, guard=("may_see_evaluation", "may_plan_development")),
}


def context_of(*, org_a, by, partners_of_a, partner_b):
    """A person in a key position with their manager, an evaluation of 2025 with the
    person's self-assessment (its comments carry SECRET_EVALUATION) and a plan action,
    A's partner users asked for feedback on it, and a consultation A's partner users are
    invited to. `by` is a home admin."""
    from hamwe.accounts.models import Role
    from hamwe.accounts.tests.factories import UserFactory
    from hamwe.people import services

    person = UserFactory(email="person@home.example", full_name="Jean Ndayishimiye",
                         role=Role.STAFF)
    manager = UserFactory(email="manager@home.example", full_name="Marie Nshimirimana",
                          role=Role.STAFF)
    held = services.appointment_create(by=by, position="partnership-officer", user=person,
                                       manager=manager, starts_on=datetime.date(2024, 1, 1))
    evaluation = services.evaluation_start(by=manager, appointment=held, year=2025)
    services.self_assess(evaluation=evaluation, by=person, ratings=[
        {"competency": k, "score": 3, "comment": SECRET_EVALUATION}
        for k in evaluation.competencies])
    action = services.action_add(evaluation=evaluation, by=manager,
                                 text=f"Shadow a partner review ({SECRET_EVALUATION})",
                                 due_on=datetime.date(2026, 3, 31))
    services.feedback_invite(evaluation=evaluation, by=manager, users=partners_of_a)
    consultation = services.consultation_create(
        by=by, title="Competencies for partnership", closes_on=datetime.date(2099, 1, 1),
        organisations=[org_a])
    return {"person": person, "manager": manager, "appointment_p": held,
            "evaluation_p": evaluation, "action_p": action, "consultation_a": consultation,
            "partner_b_user": partner_b}


def people_state():
    """Everything about people that a write could change."""
    return (
        tuple(Appointment.objects.order_by("pk").values_list("pk", "version", "ends_on")),
        tuple(Consultation.objects.order_by("pk").values_list("pk", "version", "status")),
        tuple(ConsultationInvitation.objects.order_by("pk").values_list("pk", "used")),
        NamedInput.objects.count(), AnonymousInput.objects.count(),
        tuple(Evaluation.objects.order_by("pk").values_list(
            "pk", "version", "self_done_on", "manager_done_on")),
        tuple(Rating.objects.order_by("pk").values_list("pk", "by", "score", "comment")),
        tuple(FeedbackInvitation.objects.order_by("pk").values_list("pk", "used")),
        Feedback.objects.count(),
        tuple(DevelopmentAction.objects.order_by("pk").values_list("pk", "version",
                                                                   "done_on")),
    )
