"""What is due in score cards, for the home page, the notifications and the daily digest
(registered in hamwe.core.registries by ScorecardsConfig.ready):

- a partner user: the open rounds *they* are invited to and have not answered (read from
  their own invitation only: nothing here tells anyone who else answered), the latest
  closed round they were invited to (its results, shared with them), and the actions of
  the joint plans their organisation owns or shares;
- home admins and staff: draft rounds due to open within a week (or late), closed rounds
  without an interface meeting (due a month after closing), and every open action of the
  joint plans due within a week or overdue.

Each provider reads under the access rule with a fixed number of queries.
"""

import datetime

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hamwe.accounts import access
from hamwe.core.registries import DueItem, due_provider

from .followup.selectors import (
    OPEN_STATUSES,
    REMINDER_WINDOW_DAYS,
    actions_due,
    actions_visible_to,
)
from .models import Action, InterfaceMeeting, Invitation, Round

OPEN_WITHIN_DAYS = 7
MEETING_WITHIN_DAYS = 30


@due_provider(
    "scorecard-answer", label=gettext_lazy("Score cards to answer"), order=15,
    audience=access.may_answer_scorecards,
)
def to_answer(user, *, today):
    # One query: the user's own invitations, unused, to rounds that are open.
    invitations = (
        Invitation.objects.filter(user=user, used=False, round__status=Round.Status.OPEN)
        .select_related("round")
        .order_by("round__closes_on", "round__pk")
    )
    return [
        DueItem(
            kind="scorecard-answer",
            title=_("Answer the score card “%(title)s”") % {"title": i.round.title},
            url=reverse("scorecards:answer", args=[i.round_id]),
            due_on=i.round.closes_on,
            detail=_("Your answer is anonymous: it is stored without your name or "
                     "organisation."),
        )
        for i in invitations
    ]


@due_provider(
    "scorecard-results", label=gettext_lazy("Score-card results shared with you"), order=75,
    audience=access.may_answer_scorecards,
)
def results(user, *, today):
    # Two queries: the latest closed round the user was invited to (their own invitation,
    # used or not), and the day it closed, from its audit trail.
    invitation = (
        Invitation.objects.filter(user=user, round__status=Round.Status.CLOSED)
        .select_related("round")
        .order_by("-round__closes_on", "-round__pk")
        .first()
    )
    if invitation is None:
        return []
    round_ = invitation.round
    closed = Round.history.filter(id=round_.pk, status=Round.Status.CLOSED).aggregate(
        first=Min("history_date"))["first"]
    since = timezone.localtime(closed).date() if closed else round_.closes_on
    return [DueItem(
        kind="scorecard-results",
        title=_("The results of “%(title)s” are out") % {"title": round_.title},
        url=reverse("scorecards:results", args=[round_.pk]),
        detail=_("How the partners rated the home organisation, and the joint action plan "
                 "agreed after."),
        shared=True,
        since=since,
    )]


@due_provider(
    "scorecard-rounds", label=gettext_lazy("Score-card rounds to open or follow up"),
    order=25, audience=access.may_run_scorecards,
)
def rounds(user, *, today):
    # Two queries: draft rounds due to open, closed rounds without an interface meeting.
    drafts = (
        Round.objects.visible_to(user)
        .filter(status=Round.Status.DRAFT,
                opens_on__lte=today + datetime.timedelta(days=OPEN_WITHIN_DAYS))
        .annotate(invited=Count("invitations"))
        .order_by("opens_on", "pk")
    )
    items = [
        DueItem(
            kind="scorecard-rounds",
            title=_("Open the score-card round “%(title)s”") % {"title": r.title},
            url=reverse("scorecards:round_detail", args=[r.pk]),
            due_on=r.opens_on,
            detail=ngettext("%(count)d person invited", "%(count)d people invited",
                            r.invited) % {"count": r.invited}
            if r.invited else _("Invite partner users first."),
        )
        for r in drafts
    ]
    met = InterfaceMeeting.objects.filter(round=OuterRef("pk"))
    unmet = (
        Round.objects.visible_to(user)
        .filter(status=Round.Status.CLOSED)
        .filter(~Exists(met))
        .order_by("closes_on", "pk")
    )
    items += [
        DueItem(
            kind="scorecard-rounds",
            title=_("Hold the interface meeting of “%(title)s”") % {"title": r.title},
            url=reverse("scorecards:meeting_new", args=[r.pk]),
            due_on=r.closes_on + datetime.timedelta(days=MEETING_WITHIN_DAYS),
            detail=_("Partners and staff discuss the scores and agree the joint action plan."),
        )
        for r in unmet
    ]
    return items


@due_provider(
    "scorecard-actions", label=gettext_lazy("Actions of the joint action plans"), order=35,
    audience=access.may_be_asked,
)
def actions(user, *, today):
    # Home admins and staff: one query, every open action due within a week or overdue.
    # A partner user: two, their organisation's open actions (its own and the joint ones
    # it shares) and the day those not yet due were added (shared with them).
    if not access.is_partner(user):
        return [_action_item(a, today)
                for a in actions_visible_to(actions_due(today=today), user)]
    mine = list(_actions_of(user))
    soon = today + datetime.timedelta(days=REMINDER_WINDOW_DAYS)
    later = [a.pk for a in mine if a.due_on > soon]
    added = dict(
        Action.history.filter(id__in=later, history_type="+")
        .values("id").annotate(first=Min("history_date")).order_by()
        .values_list("id", "first")
    ) if later else {}
    return [
        _action_item(a, today) if a.due_on <= soon else _action_item(
            a, today, shared=True,
            since=timezone.localtime(added[a.pk]).date() if a.pk in added else None)
        for a in mine
    ]


def _actions_of(user):
    """A partner user's organisation's open actions: those it owns, and the joint ones of
    the meetings it attended (or, without a meeting, of the rounds it was invited to)."""
    organisation_id = user.organisation_id
    present = InterfaceMeeting.organisations.through.objects.filter(
        interfacemeeting_id=OuterRef("meeting_id"), organisation_id=organisation_id)
    invited = Invitation.objects.filter(round=OuterRef("round"), organisation_id=organisation_id)
    joint = Q(owner=Action.Owner.JOINT) & (
        Q(meeting__isnull=False, has_met=True) | Q(meeting__isnull=True, was_invited=True)
    )
    return (
        Action.objects.filter(
            status__in=OPEN_STATUSES, round__in=Round.objects.visible_to(user).values("pk"))
        .annotate(has_met=Exists(present), was_invited=Exists(invited))
        .filter(Q(owner=Action.Owner.PARTNER, owner_organisation_id=organisation_id) | joint)
        .select_related("round", "owner_organisation")
        .order_by("due_on", "pk")
    )


def _action_item(action, today, *, shared=False, since=None):
    return DueItem(
        kind="scorecard-actions",
        title=action.text,
        url=reverse("scorecards:action_edit", args=[action.round_id, action.pk]),
        due_on=action.due_on,
        detail=_("Joint action plan of “%(title)s” · %(owner)s")
        % {"title": action.round.title, "owner": _owner(action)},
        shared=shared,
        since=since,
    )


def _owner(action):
    if action.owner == Action.Owner.PARTNER and action.owner_organisation is not None:
        return action.owner_organisation.acronym or action.owner_organisation.name
    return action.get_owner_display()
