"""What the strategy adds to the registries of `hamwe.core.registries`: the activities
of the action plan left undone past their planned periods (what is due), and the
strategy at a glance (a home panel)."""

from django.core.cache import cache
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from hamwe.accounts import access
from hamwe.core.registries import DueItem, due_provider, home_panel

from . import clock, present
from .indicators import selectors as indicator_selectors
from .indicators import status as judging
from .plan import selectors as plan_selectors
from .policy import current_strategy

PANEL_SECONDS = 15 * 60


@due_provider("strategy-activity", order=60, label=gettext_lazy(
    "Activities of the action plan not done by the end of their planned periods"),
    audience=access.may_record_strategy_progress)
def overdue_activities(user, *, today):
    """For home admins and staff, each activity whose planned periods have ended while it
    is neither done nor dropped. Once the strategy period itself has ended, one item
    instead, for the admins who load the policy: the next strategy is due (reminding
    every day of a plan that has run its course would only be noise)."""
    if not access.may_record_strategy_progress(user):
        return []
    strategy = current_strategy()
    if strategy is None or strategy.strategy is None:
        return []
    if strategy.ended(today):
        if not access.may_edit_policy(user):
            return []
        return [DueItem(
            kind="strategy-activity", today=today, due_on=strategy.period.end,
            title=_("The strategy period ended on %(end)s: load the next strategy with "
                    "the policy") % {"end": formats.date_format(strategy.period.end,
                                                                "j F Y")},
            url=reverse("policy:overview"), detail=str(strategy.strategy.title))]
    items = []
    for state in plan_selectors.plan(strategy, day=today):
        if not state.overdue:
            continue
        items.append(DueItem(
            kind="strategy-activity", today=today, due_on=state.planned_end,
            title=_("Planned until %(period)s, not done: %(activity)s") % {
                "period": state.labels[-1] if state.labels else "",
                "activity": state.activity.text},
            url=reverse("strategy:activity", kwargs={"key": state.activity.key}),
            detail=_("Strategic direction %(n)s") % {"n": state.direction.number}
            if state.direction else ""))
    return items


def glance(language, today):
    """The counts the home panel shows, computed at most every quarter of an hour (the
    dashboard itself is always computed afresh)."""
    strategy = current_strategy(language)
    if strategy is None or strategy.strategy is None:
        return None
    key = f"strategy-glance-{strategy.policy.pk}-{strategy.policy.stamp}-{language}-{today}"
    found = cache.get(key)
    if found is None:
        evaluations = indicator_selectors.evaluate(strategy, today=today, fill="later")
        counts = indicator_selectors.counts_by_status(evaluations)
        found = {
            "title": str(strategy.strategy.title),
            "counts": [{"code": c, "label": str(judging.LABELS[c]), "n": counts[c]}
                       for c in judging.LABELS],
            "total": len(evaluations), "period": present.period_text(strategy),
            "ended": present.ended_note(strategy, today),
            "overdue": plan_selectors.counts(plan_selectors.plan(strategy, day=today))[
                "overdue"],
        }
        cache.set(key, found, PANEL_SECONDS)
    return found


@home_panel("strategy-at-a-glance", template="strategy/home_panel.html", order=30,
            audience="home")
def strategy_at_a_glance(user, request):
    if not access.may_follow_strategy(user):
        return None
    from django.utils import translation

    language = translation.get_language()
    with override(language):
        found = glance(language, clock.today())
    return {"glance": found} if found else None
