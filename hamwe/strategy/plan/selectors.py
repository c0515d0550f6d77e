"""Reads of the action plan: each activity of the live policy with its planned fiscal
periods and its status on a day (the latest update dated by then), in one query."""

import datetime
from dataclasses import dataclass, field

from ..models import ActivityUpdate

Status = ActivityUpdate.Status
CLOSED = (Status.DONE, Status.DROPPED)


@dataclass
class ActivityState:
    activity: object  # hamwe.policy.format.Activity
    direction: object
    spans: list  # the planned periods, as hamwe.policy.fiscal.Span
    labels: list  # their names, as the policy names them
    day: datetime.date
    update: ActivityUpdate | None = None  # the latest dated by `day`
    updates: list = field(default_factory=list)  # every update, newest first

    @property
    def status(self):
        return self.update.status if self.update else Status.NOT_STARTED

    @property
    def status_label(self):
        return Status(self.status).label

    @property
    def planned_end(self):
        return max((s.end for s in self.spans), default=None)

    @property
    def planned_start(self):
        return min((s.start for s in self.spans), default=None)

    @property
    def overdue(self):
        """Its planned periods have ended and it is neither done nor dropped."""
        return bool(self.planned_end and self.planned_end < self.day
                    and self.status not in CLOSED)

    @property
    def state(self):
        """What the timeline colours it by."""
        if self.status in CLOSED:
            return self.status
        if self.overdue:
            return "overdue"
        return self.status


def updates_of(strategy, activities=None):
    """{activity key: [updates, newest first]} (one query)."""
    qs = ActivityUpdate.objects.filter(policy=strategy.policy).select_related("entered_by")
    if activities is not None:
        qs = qs.filter(activity__in=activities)
    found = {}
    for update in qs.order_by("activity", "-on", "-pk"):
        found.setdefault(update.activity, []).append(update)
    return found


def plan(strategy, *, day, activities=None):
    """Every activity (or those keyed in `activities`) as it stood on `day`."""
    calendar = strategy.calendar
    updates = updates_of(strategy, activities)
    states = []
    for activity in strategy.activities():
        if activities is not None and activity.key not in activities:
            continue
        own = updates.get(activity.key, [])
        spans = [calendar.period(code) for code in activity.periods]
        states.append(ActivityState(
            activity=activity, direction=strategy.direction(activity.direction),
            spans=spans, labels=[calendar.label(s) for s in spans], day=day,
            update=next((u for u in own if u.on <= day), None), updates=own,
        ))
    return states


def counts(states):
    found = {"done": 0, "under_way": 0, "not_started": 0, "dropped": 0, "overdue": 0}
    for state in states:
        found[state.status] += 1
        found["overdue"] += state.overdue
    return found
