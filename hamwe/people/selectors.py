"""Reads about people, each under the access rule (hamwe.accounts.access)."""

import statistics
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404

from hamwe.accounts import access

from . import policy
from .models import (
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

# --- Key positions ----------------------------------------------------------------------


def key_position_holders(as_of):
    """The users in key positions on `as_of` (a QuerySet of users, one query when read):
    for measures elsewhere, e.g. the knowledge app's knowledge-use-by-key-positions."""
    held = Appointment.objects.held_on(as_of).filter(user__isnull=False).values("user")
    return get_user_model().objects.filter(pk__in=held)


@dataclass
class PositionRow:
    key: str
    name: str
    competencies: list
    current: list = field(default_factory=list)
    past: list = field(default_factory=list)


def positions_overview(*, user, as_of):
    """Every key position of the live policy with who holds it on `as_of` and who held
    it before (one query for the appointments). Home users only."""
    if not access.may_see_key_positions(user):
        raise PermissionDenied
    framework = policy.framework()
    rows = {key: PositionRow(key=key, name=p.name,
                             competencies=[framework.competency_name(k)
                                           for k in framework.competencies_of(key)])
            for key, p in framework.positions.items()}
    for appointment in Appointment.objects.select_related("user", "manager"):
        row = rows.get(appointment.position)
        if row is None:
            continue
        if appointment.starts_on <= as_of and (appointment.ends_on is None
                                               or appointment.ends_on >= as_of):
            row.current.append(appointment)
        elif appointment.starts_on <= as_of:
            row.past.append(appointment)
    return list(rows.values())


def appointment_for_manager(*, user, pk):
    """An appointment whose holder `user` may start an evaluation of: 404 when not seen,
    403 when seen but not theirs to evaluate."""
    if not access.may_see_key_positions(user):
        raise Http404
    appointment = Appointment.objects.select_related("user", "manager").filter(pk=pk).first()
    if appointment is None:
        raise Http404
    if not access.may_start_evaluation(user, manager_id=appointment.manager_id):
        raise PermissionDenied
    return appointment


def appointment_for_admin(*, user, pk):
    if not access.may_see_key_positions(user):
        raise Http404
    appointment = Appointment.objects.select_related("user").filter(pk=pk).first()
    if appointment is None:
        raise Http404
    if not access.may_manage_key_positions(user):
        raise PermissionDenied
    return appointment


def home_staff():
    """The home organisation's active users, to choose from."""
    return access.home_users()


# --- Consultations ----------------------------------------------------------------------


def consultations_for(user):
    """Consultations with how many were asked and how many answered (one query): home
    users."""
    if access.may_see_key_positions(user):
        return Consultation.objects.annotate(
            asked=Count("invitations"),
            answered=Count("invitations", filter=Q(invitations__used=True)),
        ).order_by("-closes_on", "-pk")
    return Consultation.objects.none()


def consultation_for_user(*, user, pk):
    """Home users read a consultation's results; partners never (404)."""
    if not access.may_see_key_positions(user):
        raise Http404
    consultation = Consultation.objects.filter(pk=pk).first()
    if consultation is None:
        raise Http404
    return consultation


def consultation_invitation(*, user, pk):
    """The signed-in partner user's own invitation to a consultation (404 without one)."""
    if not access.may_give_competency_input(user):
        raise Http404
    invitation = ConsultationInvitation.objects.select_related("consultation").filter(
        consultation_id=pk, user=user).first()
    if invitation is None:
        raise Http404
    return invitation


@dataclass
class CompetencyInput:
    key: str
    name: str
    description: str
    named: list
    anonymous_shown: bool
    median: float | None = None
    comments: list = field(default_factory=list)


def consultation_results(consultation):
    """Per competency of the framework: the named input (who said what), and the
    anonymous input only where at least the minimum number of partners gave it
    anonymously on that competency (scores from `min_group_scores`, comments from
    `min_group_comments`); below it nothing of it is shown, not even how many. Two
    queries."""
    framework = policy.framework()
    named = {}
    for item in NamedInput.objects.filter(consultation=consultation).select_related(
            "user", "organisation"):
        named.setdefault(item.competency, []).append(item)
    anonymous = {}
    for item in AnonymousInput.objects.filter(consultation=consultation).order_by(
            "competency", "comment"):
        anonymous.setdefault(item.competency, []).append(item)
    minimum = consultation.min_group_scores
    minimum_comments = max(consultation.min_group_comments, minimum)
    rows = []
    for key, competency in framework.competencies.items():
        items = anonymous.get(key, [])
        answers = len({i.answer for i in items})
        scores = [i.importance for i in items if i.importance]
        shown = answers >= minimum
        rows.append(CompetencyInput(
            key=key, name=competency.name, description=competency.description,
            named=named.get(key, []), anonymous_shown=shown,
            median=statistics.median(scores) if shown and scores else None,
            comments=sorted(i.comment for i in items if i.comment)
            if answers >= minimum_comments else [],
        ))
    return rows


# --- Evaluations ------------------------------------------------------------------------


def _evaluations():
    return Evaluation.objects.select_related(
        "appointment__user", "appointment__manager")


def evaluations_for(user):
    """The evaluations `user` may read: their own, those of the people they manage, all
    for a home admin."""
    return access.evaluations_visible_to(_evaluations(), user).order_by(
        "-year", "appointment__position", "pk")


def evaluation_for_user(*, user, pk):
    """One evaluation, with its ratings and plan: 404 unless the user may see it (the
    person, their manager, a home admin: `access.may_see_evaluation`)."""
    if not access.is_home(user):
        raise Http404
    evaluation = _evaluations().prefetch_related(
        Prefetch("ratings", queryset=Rating.objects.order_by("by", "pk")),
        Prefetch("actions", queryset=DevelopmentAction.objects.order_by("due_on", "pk")),
    ).filter(pk=pk).first()
    if evaluation is None or not access.may_see_evaluation(
            user, person_id=evaluation.appointment.user_id,
            manager_id=evaluation.appointment.manager_id):
        raise Http404
    return evaluation


def evaluation_for_planner(*, user, pk):
    """An evaluation whose development plan `user` may add to: 404 unless seen, 403 when
    seen but not theirs to plan."""
    evaluation = evaluation_for_user(user=user, pk=pk)
    appointment = evaluation.appointment
    if not access.may_plan_development(user, person_id=appointment.user_id,
                                       manager_id=appointment.manager_id):
        raise PermissionDenied
    return evaluation


def evaluation_for_manager(*, user, pk):
    """An evaluation its manager (or a home admin) runs: asks partners for feedback."""
    evaluation = evaluation_for_user(user=user, pk=pk)
    if not access.may_start_evaluation(user, manager_id=evaluation.appointment.manager_id):
        raise PermissionDenied
    return evaluation


def appointments_to_evaluate(user):
    """The appointments whose holder `user` may start an evaluation of."""
    if access.is_home_admin(user):
        return Appointment.objects.select_related("user")
    if access.is_home_editor(user):
        return Appointment.objects.select_related("user").filter(manager=user)
    return Appointment.objects.none()


@dataclass
class FeedbackSummary:
    shown: bool
    n: int | None = None
    median: float | None = None
    comments: list = field(default_factory=list)


def feedback_summary(evaluation) -> FeedbackSummary:
    """Partners' feedback, only once at least the minimum gave it; below, nothing (not
    even a count). Two queries at most."""
    n = Feedback.objects.filter(evaluation=evaluation).count()
    if n < evaluation.feedback_minimum:
        return FeedbackSummary(shown=False)
    rows = list(Feedback.objects.filter(evaluation=evaluation).values_list("score", "comment"))
    return FeedbackSummary(shown=True, n=n, median=statistics.median(s for s, _c in rows),
                           comments=sorted(c for _s, c in rows if c))


def feedback_invitation(*, user, pk):
    """The signed-in partner user's own request for feedback on an evaluation (404
    without one): what it shows is the person's name and key position, nothing else."""
    if not access.may_give_feedback(user):
        raise Http404
    invitation = FeedbackInvitation.objects.select_related(
        "evaluation__appointment__user").filter(evaluation_id=pk, user=user).first()
    if invitation is None:
        raise Http404
    return invitation


def action_for_planner(*, user, pk):
    """An action of a development plan `user` may tick off (404 / 403 as above)."""
    if not access.is_home(user):
        raise Http404
    action = DevelopmentAction.objects.select_related(
        "evaluation__appointment").filter(pk=pk).first()
    if action is None:
        raise Http404
    appointment = action.evaluation.appointment
    if not access.may_see_evaluation(user, person_id=appointment.user_id,
                                     manager_id=appointment.manager_id):
        raise Http404
    if not access.may_plan_development(user, person_id=appointment.user_id,
                                       manager_id=appointment.manager_id):
        raise PermissionDenied
    return action
