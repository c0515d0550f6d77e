"""Reads of strengthening plans, under the access rule."""

from django.core.exceptions import PermissionDenied

from hamwe.accounts import access
from hamwe.core.records import one_or_404

from ..models import Action


def actions_of(organisation_id, *, user):
    return Action.objects.visible_to(user).filter(organisation_id=organisation_id)


def action_for_user(*, user, pk) -> Action:
    return one_or_404(Action.objects.visible_to(user).select_related("organisation"), pk=pk)


def action_for_editor(*, user, pk) -> Action:
    """404 outside the scope; 403 for an action the user may read but not change."""
    action = action_for_user(user=user, pk=pk)
    if not access.may_update_capacity_action(user, action):
        raise PermissionDenied
    return action


def actions_due(*, user, today, within_days=14):
    """The pending actions the user is asked to move, due within `within_days` or
    overdue: home admins and staff those the home NGO or a third party owns, a partner
    user those its organisation owns (one query)."""
    import datetime

    qs = (Action.objects.visible_to(user).pending()
          .filter(due_on__lte=today + datetime.timedelta(days=within_days))
          .select_related("organisation"))
    if access.may_run_assessments(user):
        return qs.exclude(owner=Action.Owner.PARTNER)
    if access.is_partner(user):
        return qs.filter(owner=Action.Owner.PARTNER)
    return qs.none()
