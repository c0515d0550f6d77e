"""What is due in people, for the home page, the notifications and the daily digest
(registered in hamwe.core.registries by PeopleConfig.ready):

- a person in a key position: their own evaluation to self-assess, and the actions of
  their development plan due within two weeks or overdue;
- a manager: the evaluations of the people they manage to complete, and those people's
  plan actions due;
- a partner user: the consultations on the competencies and the requests for feedback
  *they* were sent and have not answered (their own invitations only).

Each provider is one query.
"""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamwe.accounts import access
from hamwe.core.registries import DueItem, due_provider

from . import policy
from .models import (
    Consultation,
    ConsultationInvitation,
    DevelopmentAction,
    Evaluation,
    FeedbackInvitation,
)

ACTION_WINDOW_DAYS = 14


def _year_ends():
    """year -> its last day, from the policy's fiscal calendar (read once, when needed)."""
    calendar = None

    def end(year):
        nonlocal calendar
        calendar = calendar or policy.fiscal_calendar()
        return calendar.year(year).end
    return end


@due_provider("people-evaluation", label=gettext_lazy("Evaluations to complete"), order=40,
              audience=access.is_home)
def evaluations_to_complete(user, *, today):
    # One query: open evaluations where the user is the person (not yet self-assessed)
    # or the manager.
    open_ = Evaluation.objects.filter(manager_done_on__isnull=True).filter(
        Q(appointment__user=user, self_done_on__isnull=True) | Q(appointment__manager=user)
    ).select_related("appointment__user").order_by("year", "pk")
    items, year_end = [], _year_ends()
    for evaluation in open_:
        mine = evaluation.appointment.user_id == user.pk
        title = (_("Assess yourself for %(year)s") if mine else
                 _("Evaluate %(name)s for %(year)s")) % {
            "year": evaluation.year, "name": evaluation.appointment.holder_name}
        items.append(DueItem(kind="people-evaluation", title=title,
                             url=reverse("people:evaluation", args=[evaluation.pk]),
                             due_on=year_end(evaluation.year)))
    return items


@due_provider("people-plan", label=gettext_lazy("Development plan actions"), order=80,
              audience=access.is_home)
def plan_actions(user, *, today):
    # One query: open actions due soon of the user's own plans and their people's.
    actions = DevelopmentAction.objects.filter(
        done_on__isnull=True, due_on__lte=today + datetime.timedelta(days=ACTION_WINDOW_DAYS)
    ).filter(Q(evaluation__appointment__user=user) | Q(evaluation__appointment__manager=user)
             ).select_related("evaluation__appointment__user").order_by("due_on", "pk")
    return [DueItem(kind="people-plan", title=a.text[:120],
                    url=reverse("people:evaluation", args=[a.evaluation_id]) + "#plan",
                    due_on=a.due_on, detail=a.evaluation.appointment.holder_name)
            for a in actions]


@due_provider("people-consultation", label=gettext_lazy("Consultations on competencies"),
              order=20, audience=access.may_give_competency_input)
def consultations_to_answer(user, *, today):
    # One query: the user's own unused invitations to open consultations.
    invitations = ConsultationInvitation.objects.filter(
        user=user, used=False, consultation__status=Consultation.Status.OPEN,
        consultation__closes_on__gte=today).select_related("consultation")
    return [DueItem(kind="people-consultation",
                    title=_("Give your view on the staff competencies: “%(title)s”")
                    % {"title": i.consultation.title},
                    url=reverse("people:consultation_answer", args=[i.consultation_id]),
                    due_on=i.consultation.closes_on,
                    detail=_("Named or anonymous, as you choose."))
            for i in invitations]


@due_provider("people-feedback", label=gettext_lazy("Feedback on staff asked of you"),
              order=25, audience=access.may_give_feedback)
def feedback_to_give(user, *, today):
    # One query: the user's own unused requests for feedback on open evaluations.
    invitations = FeedbackInvitation.objects.filter(
        user=user, used=False, evaluation__manager_done_on__isnull=True,
    ).select_related("evaluation__appointment__user")
    year_end = _year_ends()
    return [DueItem(kind="people-feedback",
                    title=_("Give feedback on %(name)s's partnership work")
                    % {"name": i.evaluation.appointment.holder_name},
                    url=reverse("people:feedback_give", args=[i.evaluation_id]),
                    due_on=year_end(i.evaluation.year),
                    detail=_("Your feedback is anonymous."))
            for i in invitations]
