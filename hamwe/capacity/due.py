"""What is due in capacity, for the home page, the notifications and the daily digest
(registered in hamwe.core.registries by CapacityConfig.ready):

- a partner user: the open assessments of its organisation still waiting for its own
  scores, and the actions of its strengthening plan that it owns, due within two weeks
  or overdue;
- home admins and staff: assessments whose self-scores the partner has submitted,
  waiting to be facilitated and agreed, and the plan's actions the home NGO or a third
  party owns, due within two weeks or overdue.

Each provider reads under the access rule with one query.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamwe.accounts import access
from hamwe.core.registries import DueItem, due_provider

from .models import Assessment
from .plan.selectors import actions_due


@due_provider("capacity-actions", label=gettext_lazy("Capacity strengthening actions"),
              order=45, audience=access.may_be_asked)
def strengthening_actions(user, *, today):
    return [
        DueItem(
            kind="capacity-actions",
            title=_("Strengthening action: %(title)s") % {"title": action.title},
            url=reverse("capacity:action_edit", args=[action.pk]),
            due_on=action.due_on,
            detail=action.organisation.name,
        )
        for action in actions_due(user=user, today=today)
    ]


@due_provider("capacity-assessments", label=gettext_lazy("Capacity assessments to score"),
              order=44, audience=access.may_be_asked)
def assessments_to_score(user, *, today):
    open_ = Assessment.objects.visible_to(user).filter(status=Assessment.Status.OPEN)
    if access.is_partner(user):
        waiting = open_.filter(self_submitted_on__isnull=True)
        title = _("Score your organisation's capacity (%(kind)s)")
    elif access.may_run_assessments(user):
        waiting = open_.filter(self_submitted_on__isnull=False)
        title = _("Facilitate and agree the capacity scores (%(kind)s)")
    else:
        return []
    return [
        DueItem(kind="capacity-assessments",
                title=title % {"kind": assessment.get_kind_display()},
                url=reverse("capacity:detail", args=[assessment.pk]),
                detail=assessment.organisation.name)
        for assessment in waiting.select_related("organisation").order_by("assessed_on", "pk")
    ]
