"""The action plan, followed: every activity on the policy's fiscal timeline with its
status, and each activity's progress notes with their evidence."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import requires, role_required
from hamwe.core.pages import add_service_errors
from hamwe.core.records import one_or_404
from hamwe.core.uploads import file_response
from hamwe.policy.fiscal import Span

from .. import charts, clock, present
from ..indicators.views import live_strategy, no_strategy
from ..models import ActivityUpdate
from . import selectors, services
from .forms import ActivityUpdateForm


def _rows(strategy, states, axis):
    rows = []
    for direction in strategy.directions():
        own = [s for s in states if s.activity.direction == direction.key]
        if own:
            rows.append({"direction": direction, "activities": [
                {"state": s, "bars": charts.activity_bars(axis, s.spans, state=s.state)}
                for s in own]})
    return rows


@requires(access.may_read_strategy)
@require_GET
def plan(request):
    strategy = live_strategy()
    if strategy is None:
        return no_strategy(request)
    today = clock.today()
    states = selectors.plan(strategy, day=today)
    start, end = strategy.plan_span()
    axis = charts.timeline(strategy.calendar, start, end, today=today)
    period = strategy.period
    return render(request, "strategy/plan.html", {
        "strategy": strategy, "pack": strategy.pack, "axis": axis,
        "rows": _rows(strategy, states, axis), "counts": selectors.counts(states),
        "total": len(states), "today": today,
        "period_bar": charts.activity_bars(
            axis, [Span(0, None, period.start, period.end)], state="period"),
        "ended": present.ended_note(strategy, today), "period": present.period_text(strategy),
        "may_follow": access.may_follow_strategy(request.user),
    })


def _detail(request, strategy, key, form=None, status=200):
    today = clock.today()
    states = selectors.plan(strategy, day=today, activities=[key])
    if not states:
        raise Http404
    state = states[0]
    may_record = access.may_record_strategy_progress(request.user)
    if form is None and may_record:
        form = ActivityUpdateForm(current=state.status)
    return render(request, "strategy/activity.html", {
        "strategy": strategy, "pack": strategy.pack, "s": state, "form": form,
        "may_record": may_record, "ended": present.ended_note(strategy, today),
    }, status=status)


@requires(access.may_follow_strategy)
@require_GET
def activity_detail(request, key):
    strategy = live_strategy()
    if strategy is None:
        raise Http404
    return _detail(request, strategy, key)


@requires(access.may_record_strategy_progress)
@require_POST
def activity_update_new(request, key):
    strategy = live_strategy()
    if strategy is None or strategy.activity(key) is None:
        raise Http404
    form = ActivityUpdateForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.activity_update_add(strategy=strategy, activity_key=key,
                                         by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The progress was recorded."))
            return redirect("strategy:activity", key=key)
    return _detail(request, strategy, key, form=form, status=400)


def update_for_user(*, user, pk):
    """A progress note, for someone who may see what lies behind the figures (else 404)."""
    if not access.may_follow_strategy(user):
        raise Http404
    return one_or_404(ActivityUpdate.objects.all(), pk=pk)


@role_required
@require_GET
def update_evidence(request, pk):
    update = update_for_user(user=request.user, pk=pk)
    if not update.evidence:
        raise Http404
    return file_response(update.evidence)
