"""The dashboard (every indicator at a glance) and the indicator pages with their
entries and evidence."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hamwe.accounts import access
from hamwe.accounts.decorators import requires, role_required
from hamwe.core.pages import add_service_errors
from hamwe.core.records import one_or_404
from hamwe.core.uploads import file_response
from hamwe.knowledge import selectors as knowledge

from .. import charts, clock, present
from ..models import IndicatorEntry
from ..plan import selectors as plan_selectors
from ..policy import current_strategy
from . import selectors, services
from .forms import EntryForm


def live_strategy():
    """The live policy's strategy, or None when it has none (the pages say so)."""
    strategy = current_strategy()
    if strategy is None or strategy.strategy is None:
        return None
    return strategy


def no_strategy(request):
    strategy = current_strategy()
    return render(request, "strategy/none.html",
                  {"pack": strategy.pack if strategy else None}, status=200)


@requires(access.may_read_strategy)
@require_GET
def dashboard(request):
    """Every indicator at a glance, for staff, managers and the board; a partner sees
    what the policy shares with partners: no record behind a figure, no entry."""
    strategy = live_strategy()
    if strategy is None:
        return no_strategy(request)
    today = clock.today()
    evaluations = selectors.evaluate(strategy, today=today, fill="later")
    directions = []
    for direction in strategy.directions():
        cards = [present.card(e) for e in evaluations if e.direction.key == direction.key]
        directions.append({"direction": direction, "cards": cards})
    counts = selectors.counts_by_status(evaluations)
    activities = plan_selectors.counts(plan_selectors.plan(strategy, day=today))
    year = strategy.calendar.year(strategy.calendar.year_of(today))
    learning = knowledge.annual_event(on_or_before=today, user=request.user)
    return render(request, "strategy/dashboard.html", {
        "strategy": strategy, "pack": strategy.pack, "directions": directions,
        "counts": counts, "bar": charts.status_bar(counts, width=600),
        "total": len(evaluations), "activities": activities, "today": today,
        "ended": present.ended_note(strategy, today), "period": present.period_text(strategy),
        "current_year": strategy.calendar.year_label(year.year),
        # The year's learning event with partners (CARE: "every year, when progress towards
        # the above indicators will be measured"), or the last one held before this year.
        "learning": learning,
        "learning_this_year": bool(learning and year.contains(learning.held_on)),
        "learning_year": strategy.calendar.year_label(
            strategy.calendar.year_of(learning.held_on)) if learning else "",
        "missing": any(p.missing for e in evaluations for p in e.history),
        "may_follow": access.may_follow_strategy(request.user),
        "may_record": access.may_record_strategy_progress(request.user),
        "may_run_events": access.may_publish_knowledge(request.user),
    })


def _evaluation(strategy, key, today):
    _direction, indicator = strategy.indicator(key)
    if indicator is None:
        raise Http404
    return selectors.evaluate(strategy, today=today, indicators=[key], supporting=True,
                              rows=True, fill="later")[0]


@requires(access.may_follow_strategy)
@require_GET
def indicator_detail(request, key):
    strategy = live_strategy()
    if strategy is None:
        raise Http404
    today = clock.today()
    evaluation = _evaluation(strategy, key, today)
    target = evaluation.indicator.target
    return render(request, "strategy/indicator.html", {
        "strategy": strategy, "pack": strategy.pack, "e": evaluation,
        "chart": charts.line_chart(evaluation.history,
                                   target=target.value if target is not None else None,
                                   unit=evaluation.unit),
        "groups": present.rows_of(evaluation, strategy.pack),
        "history": [{"point": p, "supporting": [m.history[i][1] for m in evaluation.supporting]}
                    for i, p in enumerate(evaluation.history)],
        "ended": present.ended_note(strategy, today),
        "takes_value": services.takes_a_value(evaluation.indicator),
        "may_record": access.may_record_strategy_progress(request.user),
    })


@requires(access.may_record_strategy_progress)
@require_http_methods(["GET", "POST"])
def entry_new(request, key):
    strategy = live_strategy()
    if strategy is None:
        raise Http404
    direction, indicator = strategy.indicator(key)
    if indicator is None:
        raise Http404
    takes_value = services.takes_a_value(indicator)
    form = EntryForm(request.POST or None, request.FILES or None, takes_value=takes_value)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_add(strategy=strategy, indicator_key=key, by=request.user,
                               data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The entry was recorded."))
            return redirect("strategy:indicator", key=key)
    return render(request, "strategy/entry_form.html", {
        "strategy": strategy, "direction": direction, "indicator": indicator, "form": form,
        "takes_value": takes_value,
    })


def entry_for_user(*, user, pk):
    """An entry, for someone who may see what lies behind the figures (else 404)."""
    if not access.may_follow_strategy(user):
        raise Http404
    return one_or_404(IndicatorEntry.objects.all(), pk=pk)


@role_required
@require_GET
def entry_evidence(request, pk):
    entry = entry_for_user(user=request.user, pk=pk)
    if not entry.evidence:
        raise Http404
    return file_response(entry.evidence)


