"""Reads for the annual partnership performance report: which fiscal years it can be
made for, the reports made, and everything one report says, as the data stood at the
end of its fiscal year."""

from dataclasses import dataclass, field

from django.http import Http404

from hamwe.accounts import access
from hamwe.core.records import one_or_404
from hamwe.scorecards.models import Round
from hamwe.scorecards.results import selectors as scorecard_results

from .. import charts, present
from ..indicators import selectors as indicator_selectors
from ..models import ActivityUpdate, IndicatorEntry, Report
from ..plan import selectors as plan_selectors


def years_offered(strategy, today):
    """The fiscal years a report can be made for: those of the strategy's that have
    ended, and those after its period, newest first (a year under way would change)."""
    return list(reversed(strategy.ended_years(today)))


def reports_of(strategy):
    return Report.objects.filter(policy=strategy.policy).select_related("requested_by")


def report_for_user(*, user, pk):
    """A report, for someone who may see what lies behind the figures (else 404)."""
    if not access.may_follow_strategy(user):
        raise Http404
    return one_or_404(Report.objects.select_related("policy", "requested_by"), pk=pk)


@dataclass
class ReportData:
    strategy: object
    year: object  # hamwe.policy.fiscal.Span
    year_label: str
    evaluations: list
    counts: dict
    activities: list  # plan_selectors.ActivityState as of the year's end
    activity_counts: dict
    scorecard: object = None  # scorecards' RoundResults of the latest round closed by then
    notes: list = field(default_factory=list)  # progress written during the year
    ended: str = ""


def report_data(strategy, year, *, progress=None) -> ReportData:
    """Everything the report of fiscal year `year` (a Span) says, from the values as of
    the year's end: the same whenever it is made. `progress(percent)` is told how far."""
    tell = progress or (lambda percent: None)
    day = year.end
    years = [y for y in strategy.years(day) if y.end <= day]
    tell(10)
    evaluations = indicator_selectors.evaluate_as_of(strategy, day=day, years=years)
    tell(55)
    activities = plan_selectors.plan(strategy, day=day)
    round_ = (
        Round.objects.filter(status=Round.Status.CLOSED, closes_on__lte=day)
        .select_related("previous").order_by("-closes_on", "-pk").first()
    )
    scorecard = scorecard_results.round_results(round_) if round_ else None
    tell(60)
    return ReportData(
        strategy=strategy, year=year, year_label=strategy.calendar.label(year),
        evaluations=evaluations, counts=indicator_selectors.counts_by_status(evaluations),
        activities=activities, activity_counts=plan_selectors.counts(activities),
        scorecard=scorecard, notes=_notes(strategy, year, activities, evaluations),
        ended=present.ended_note(strategy, day),
    )


def _notes(strategy, year, activities, evaluations):
    """The text of progress: what staff wrote about activities and indicators in the
    fiscal year, oldest first (two queries)."""
    texts = {a.activity.key: a.activity.text for a in activities}
    indicators = {e.indicator.key: e.indicator.text for e in evaluations}
    notes = []
    for update in ActivityUpdate.objects.filter(
            policy=strategy.policy, on__gte=year.start, on__lte=year.end).exclude(note=""):
        if update.activity in texts:
            notes.append({"on": update.on, "about": texts[update.activity],
                          "kind": "activity", "status": update.get_status_display(),
                          "text": update.note})
    for entry in IndicatorEntry.objects.filter(
            policy=strategy.policy, on__gte=year.start, on__lte=year.end).exclude(note=""):
        if entry.indicator in indicators:
            notes.append({"on": entry.on, "about": indicators[entry.indicator],
                          "kind": "indicator",
                          "status": entry.get_status_display() if entry.status else "",
                          "text": entry.note})
    return sorted(notes, key=lambda n: (n["on"], n["kind"]))


def charts_of(data, *, width=250, height=120):
    """A small chart of each indicator with values, over the fiscal years."""
    found = []
    for evaluation in data.evaluations:
        if not any(p.value is not None for p in evaluation.history):
            continue
        target = evaluation.indicator.target
        found.append({"e": evaluation, "chart": charts.line_chart(
            evaluation.history, target=target.value if target is not None else None,
            unit=evaluation.unit, width=width, height=height, max_labels=4,
            labels="last")})
    return found
