"""Reads of the score card's follow-up: the self-evaluation, interface meetings, the joint
action plan, reminders and appreciative inquiry. Every lookup starts from the access rule.

Who sees what:
- home users see everything; home admins and staff change it (`access.may_edit_registry`);
- a partner user whose organisation is invited to a round reads its meetings and its
  joint action plan, which is shared by all who agreed it (as a community score card's
  plan is public); they may update the status of their own organisation's actions and of
  the joint ones their organisation takes part in, never those of the home organisation
  or of another partner (403);
- a partner user reads the inquiry sessions their organisation was present at.
"""

import datetime

from django.core.exceptions import PermissionDenied

from hamwe.accounts import access
from hamwe.core.records import one_or_404

from ..models import Action, InquiryItem, InquirySession, InterfaceMeeting, Invitation, Round
from ..rounds.selectors import round_for_user

OPEN_STATUSES = (Action.Status.PLANNED, Action.Status.UNDER_WAY)
REMINDER_WINDOW_DAYS = 7


def invited_organisation_ids(round_) -> set[int]:
    return set(Invitation.objects.filter(round=round_).values_list("organisation_id", flat=True))


def actions_visible_to(qs, user):
    """The actions of the rounds the user sees: the whole plan of each."""
    if access.is_home(user):
        return qs
    return qs.filter(round__in=Round.objects.visible_to(user).values("pk"))


def _actions():
    return Action.objects.select_related(
        "round", "indicator", "owner_organisation", "meeting"
    ).prefetch_related("meeting__organisations")


def action_for_user(*, user, round_pk, pk) -> Action:
    return one_or_404(actions_visible_to(_actions(), user), round_id=round_pk, pk=pk)


def action_parties(action, *, invited=None) -> set[int]:
    """The organisations a joint action is shared with: those present at the meeting that
    agreed it, or else those invited to its round."""
    if action.meeting_id is not None:
        return {o.pk for o in action.meeting.organisations.all()}
    return invited if invited is not None else invited_organisation_ids(action.round)


def action_for_editor(*, user, round_pk, pk) -> Action:
    """An action whose status and follow-up the user may update: 404 or 403."""
    action = action_for_user(user=user, round_pk=round_pk, pk=pk)
    if not access.may_update_action(user, action, sharing_organisation_ids=action_parties(action)):
        raise PermissionDenied
    return action


def plan_actions(*, round_, user):
    return actions_visible_to(_actions().filter(round=round_), user)


def open_actions_from_previous(round_):
    """The previous round's actions still planned or under way: followed up at the start
    of the next round."""
    if round_.previous_id is None:
        return Action.objects.none()
    return _actions().filter(round_id=round_.previous_id, status__in=OPEN_STATUSES)


def is_overdue(action, today) -> bool:
    return action.status in OPEN_STATUSES and action.due_on < today


def completion(actions, *, today) -> dict:
    """n done of m (dropped actions are not counted in m), and how many are overdue."""
    counted = [a for a in actions if a.status != Action.Status.DROPPED]
    return {
        "done": sum(a.status == Action.Status.DONE for a in counted),
        "of": len(counted),
        "dropped": len(actions) - len(counted),
        "overdue": sum(is_overdue(a, today) for a in actions),
    }


def meetings_of(*, round_):
    return round_.meetings.prefetch_related("organisations").order_by("-held_on", "-pk")


def meeting_for_user(*, user, round_pk, pk) -> InterfaceMeeting:
    round_ = round_for_user(user=user, pk=round_pk)
    return one_or_404(
        InterfaceMeeting.objects.select_related("round").prefetch_related("organisations"),
        round=round_,
        pk=pk,
    )


def inquiries_visible_to(user):
    return access.scope(InquirySession.objects.all(), user, via="organisations")


def inquiry_for_user(*, user, pk) -> InquirySession:
    return one_or_404(
        inquiries_visible_to(user).select_related("round").prefetch_related("organisations"),
        pk=pk,
    )


def inquiry_for_editor(*, user, pk) -> InquirySession:
    """An inquiry session the user may add to (home admins and staff): 404 or 403."""
    session = inquiry_for_user(user=user, pk=pk)
    if not access.may_run_scorecards(user):
        raise PermissionDenied
    return session


def inquiry_items(session):
    return session.items.select_related("became_indicator__round", "became_action__round").order_by(
        "pk"
    )


def inquiry_item_for(*, session, pk) -> InquiryItem:
    return one_or_404(session.items.all(), pk=pk)


def actions_due(*, today, within_days=REMINDER_WINDOW_DAYS):
    """Actions still open that are due within `within_days` or overdue, soonest first."""
    return (
        Action.objects.filter(
            status__in=OPEN_STATUSES,
            due_on__lte=today + datetime.timedelta(days=within_days),
        )
        .select_related("round", "owner_organisation")
        .order_by("due_on", "pk")
    )
