"""Reads of the strategy's indicators: each one's value, status and history per fiscal
year, from the measures (through `hamwe.policy.measures.compute`) and the entries.

Values of fiscal years that have ended are computed once and stored (`Snapshot`); the
current year's are computed when asked. A page then costs the same few queries whatever
the amount of data: the measures' own (a few aggregates each), one for the stored years,
one for the entries.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models.fields.json import KeyTransform

from hamwe.policy import measures as catalogue
from hamwe.policy.measures import MeasureResult

from .. import words
from ..models import IndicatorEntry, Snapshot
from . import status as judging

# What a stored value is read back with (the rows and details stay in the row).
FIGURES = ("value", "unit", "target_met", "needs")
# Where a row behind a value is shown: route name and its argument.
ROW_ROUTES = {
    "partnership": ("partnerships:detail", "pk"),
    "organisation": ("partners:detail", "pk"),
    "round": ("scorecards:results", "pk"),
    "inquiry": ("scorecards:inquiry_detail", "inquiry_pk"),
    "network": ("networks:detail", "pk"),
    "structure": ("networks:structure", "pk"),
}


@dataclass
class Measured:
    """One measure of an indicator (its main one, or a supporting one) on a day."""

    measure: object  # hamwe.policy.format.Measure
    result: MeasureResult
    history: list = field(default_factory=list)  # [(year label, value)], oldest first

    @property
    def unit(self):
        return self.result.unit or self.spec.unit

    @property
    def shown(self):
        return judging.show(self.result.value, self.unit)

    @property
    def spec(self):
        return catalogue.CATALOGUE[self.measure.name]

    @property
    def label(self):
        return words.measure_label(self.measure.name)

    @property
    def text(self):
        return words.measure_text(self.measure.name)

    @property
    def needs_text(self):
        return judging.not_measurable(self.result.needs).reason if self.result.needs else ""

    @property
    def key(self):
        return measure_key(self.measure)


@dataclass
class Point:
    """One fiscal year of an indicator's history."""

    span: object  # hamwe.policy.fiscal.Span
    label: str
    value: float | None
    status: judging.Status
    current: bool = False  # the year under way: its value as of today
    missing: bool = False  # a past year not computed yet


@dataclass
class Evaluation:
    direction: object
    indicator: object
    as_of: datetime.date
    main: Measured | None = None
    supporting: list = field(default_factory=list)  # [Measured]
    entry: IndicatorEntry | None = None  # the entry that gives the value, if one does
    entries: list = field(default_factory=list)  # every entry, newest first
    status: judging.Status | None = None
    history: list = field(default_factory=list)  # [Point], oldest first

    @property
    def value(self):
        if self.main is not None and self.main.result.measurable:
            return self.main.result.value
        return self.entry.value if self.entry is not None else None

    @property
    def unit(self):
        if self.main is not None and self.main.result.measurable:
            return self.main.result.unit or self.main.spec.unit
        return ""

    @property
    def measurable(self):
        """Computed by its measure now (not waiting for a module)."""
        return self.main is not None and self.main.result.measurable

    @property
    def entered(self):
        """Its value or status is entered by hand (a manual indicator, or a computed one
        whose module is not in place yet)."""
        return not self.measurable and self.entry is not None

    @property
    def shown_value(self):
        if self.entered and self.entry.value is None:
            return self.entry.get_status_display()
        return judging.show(self.value, self.unit)

    @property
    def target_text(self):
        """"≥ 2 thematic areas", "≥ 100 % of the MoUs with partners" (the pack's unit
        when it has one, else the measure's)."""
        target = self.indicator.target
        if target is None:
            return ""
        if target.unit:
            return f"{judging.target_text(target)} {target.unit}"
        return judging.target_text(target, self.unit)


def measure_key(measure) -> str:
    return catalogue.fingerprint(measure.name, dict(measure.params)) or measure.name


def _compute(measure, as_of, *, rows=False) -> MeasureResult:
    return catalogue.compute(measure.name, dict(measure.params), as_of=as_of, with_rows=rows)


def measures_of(strategy, *, supporting=False, indicators=None):
    """The distinct measures of the strategy's computed indicators (main ones, and the
    supporting ones when asked), keyed by `measure_key`."""
    found = {}
    for _direction, indicator in strategy.indicators():
        if indicators is not None and indicator.key not in indicators:
            continue
        if indicator.measure is None:
            continue
        for measure in [indicator.measure, *(indicator.supporting_measures if supporting else [])]:
            found.setdefault(measure_key(measure), measure)
    return found


CURRENT_SECONDS = 5 * 60


def current_values(strategy, measures, today, *, rows=False):
    """{measure key: MeasureResult} today. The figures alone (no rows) are kept for a few
    minutes in the cache, all under one key (the database cache writes each key in a
    transaction of its own): a dashboard then reads them in one query however many people
    look at it; with their rows (an indicator page) they are computed afresh."""
    if rows:
        return {key: _compute(m, today, rows=True) for key, m in measures.items()}
    digest = hashlib.sha256(f"{strategy.policy.pk}:{strategy.policy.stamp}:{today}:"
                            f"{sorted(measures)}".encode()).hexdigest()[:40]
    cache_key = f"strategy-now-{digest}"
    current = cache.get(cache_key)
    if current is None or set(current) != set(measures):
        current = {key: _compute(m, today) for key, m in measures.items()}
        cache.set(cache_key, current, CURRENT_SECONDS)
    return current


def stored(strategy, measures, days, *, fill):
    """{(measure key, day): MeasureResult} for past days (fiscal years' ends). One query
    for what is stored; what is missing is computed and stored at once when `fill` is
    "now", left for the background task when "later" (the page says so), or left out."""
    computable = {k: m for k, m in measures.items() if catalogue.implementation(m.name)}

    def read():
        # The figures only, not the detail: a page reads many years of many measures.
        rows = Snapshot.objects.filter(
            policy=strategy.policy, fingerprint__in=list(computable), as_of__in=list(days),
        ).values_list("fingerprint", "as_of", *(KeyTransform(k, "result") for k in FIGURES))
        return {(fp, day): MeasureResult(**dict(zip(FIGURES, figures, strict=True)))
                for fp, day, *figures in rows}

    found = read()
    missing = [(k, d) for k in computable for d in days if (k, d) not in found]
    if missing and fill == "now":
        for key, day in missing:
            found[(key, day)] = keep(strategy.policy, key, day, _compute(computable[key], day))
    elif missing and fill == "later" and _fill_later(strategy.policy):
        found = read()  # a worker that ran at once (as in tests) has stored them
    for key, measure in measures.items():
        if key not in computable:  # not measurable yet, on any day: no query
            for day in days:
                found[(key, day)] = MeasureResult.not_measurable(
                    needs=catalogue.CATALOGUE[measure.name].module)
    return found


def keep(policy, key, day, result):
    """Store a past day's value (once: a value computed meanwhile by someone else wins)."""
    try:
        with transaction.atomic():
            Snapshot.objects.create(policy=policy, fingerprint=key, as_of=day,
                                    result=result.as_json())
    except IntegrityError:
        pass
    return result


def _fill_later(policy):
    from ..tasks import fill_snapshots

    # One task at a time per policy revision: the page asks on every view.
    if cache.add(f"strategy-fill-{policy.pk}-{policy.stamp}", True, timeout=600):
        result = fill_snapshots.enqueue(policy.pk)
        return result.is_finished
    return False


def fill_all(strategy, *, today):
    """Compute and store every measure's value at the end of every fiscal year that has
    ended (what `_fill_later` enqueues)."""
    years = [y.end for y in strategy.ended_years(today)]
    stored(strategy, measures_of(strategy, supporting=True), years, fill="now")


def entries_of(strategy, indicators=None):
    """{indicator key: [entries, newest first]} (one query)."""
    qs = IndicatorEntry.objects.filter(policy=strategy.policy).select_related("entered_by")
    if indicators is not None:
        qs = qs.filter(indicator__in=indicators)
    found = {}
    for entry in qs.order_by("indicator", "-on", "-pk"):
        found.setdefault(entry.indicator, []).append(entry)
    return found


def _standing_entry(entries, day):
    """The latest entry dated by `day` that gives a value or a status."""
    return next((e for e in entries if e.on <= day and (e.value is not None or e.status)),
                None)


def _judge(indicator, strategy, *, value_of, measured, entry, day, previous, previous_year):
    """The status on `day` of an indicator whose value is `value_of`."""
    if measured is not None and measured.result.measurable:
        result = measured.result
        return judging.judge(
            value=result.value, unit=result.unit or measured.spec.unit,
            target=indicator.target, deadline=indicator.deadline,
            target_met=result.target_met, as_of=day, start=strategy.period.start,
            previous=previous, previous_year=previous_year, better=measured.spec.better)
    if entry is not None and entry.status:
        who = entry.entered_by.full_name if entry.entered_by else ""
        return judging.Status(entry.status, judging.entered_reason(entry, who))
    if entry is not None:
        return judging.judge(value=entry.value, target=indicator.target,
                             deadline=indicator.deadline, as_of=day,
                             start=strategy.period.start, previous=previous,
                             previous_year=previous_year)
    if measured is not None:
        return judging.not_measurable(measured.result.needs)
    return judging.Status(judging.UNKNOWN, judging.no_entry_reason(indicator))


def evaluate(strategy, *, today, indicators=None, supporting=False, rows=False,
             fill="later"):
    """Every indicator of the strategy (or those keyed in `indicators`): its value and
    status today (with the rows behind it when `rows`) and its history per fiscal year.
    Queries: the measures' own (today), one for the stored past years, one for the
    entries."""
    measures = measures_of(strategy, supporting=supporting, indicators=indicators)
    current = current_values(strategy, measures, today, rows=rows)
    years = strategy.years(today)
    past = [y for y in years if y.end < today]
    history = stored(strategy, measures, [y.end for y in past], fill=fill)
    entries = entries_of(strategy, indicators)
    calendar = strategy.calendar
    evaluations = []
    for direction, indicator in strategy.indicators():
        if indicators is not None and indicator.key not in indicators:
            continue
        own = entries.get(indicator.key, [])
        main_key = measure_key(indicator.measure) if indicator.measure else None
        points, previous, previous_year = [], None, ""
        for span in years:
            is_current = span.end >= today
            day = today if is_current else span.end
            result = current[main_key] if is_current and main_key else (
                history.get((main_key, day)) if main_key else None)
            measured = Measured(indicator.measure, result) if result is not None else None
            entry = _standing_entry(own, day)
            if main_key and result is None:  # stored later, by the background task
                points.append(Point(span, calendar.label(span), None, judging.Status(
                    judging.UNKNOWN, judging.being_computed()), missing=True))
                continue
            if measured is not None and measured.result.measurable:
                value = measured.result.value
                entry_used = None
            else:
                entry_used = entry
                value = entry.value if entry is not None else None
            state = _judge(indicator, strategy, value_of=value, measured=measured,
                           entry=entry_used, day=day, previous=previous,
                           previous_year=previous_year)
            points.append(Point(span, calendar.label(span), value, state, current=is_current))
            previous, previous_year = value, calendar.label(span)
        main = Measured(indicator.measure, current[main_key]) if main_key else None
        evaluation = Evaluation(
            direction=direction, indicator=indicator, as_of=today, main=main,
            supporting=[_supporting(m, current, history, years, today)
                        for m in indicator.supporting_measures] if supporting else [],
            entries=own, history=points,
        )
        if not evaluation.measurable:
            evaluation.entry = _standing_entry(own, today)
        evaluation.status = points[-1].status if points else _judge(
            indicator, strategy, value_of=evaluation.value, measured=main,
            entry=evaluation.entry, day=today, previous=None, previous_year="")
        evaluations.append(evaluation)
    return evaluations


def _supporting(measure, current, history, years, today):
    key = measure_key(measure)
    values = []
    for span in years:
        result = current[key] if span.end >= today else history.get((key, span.end))
        values.append((span, result.value if result is not None else None))
    return Measured(measure, current[key], history=values)


def evaluate_as_of(strategy, *, day, years, supporting=True):
    """Every indicator as the data stood on `day` (the end of a fiscal year that has
    ended), with its history over `years` (Spans, ending with `day`'s): for the annual
    report, from stored values only, computed and stored where missing."""
    measures = measures_of(strategy, supporting=supporting)
    days = [y.end for y in years]
    values = stored(strategy, measures, days, fill="now")
    entries = entries_of(strategy)
    calendar = strategy.calendar
    evaluations = []
    for direction, indicator in strategy.indicators():
        own = [e for e in entries.get(indicator.key, []) if e.on <= day]
        main_key = measure_key(indicator.measure) if indicator.measure else None
        points, previous, previous_year = [], None, ""
        for span in years:
            result = values.get((main_key, span.end)) if main_key else None
            measured = Measured(indicator.measure, result) if result is not None else None
            entry = _standing_entry(own, span.end)
            if measured is not None and measured.result.measurable:
                value, entry_used = measured.result.value, None
            else:
                entry_used, value = entry, entry.value if entry is not None else None
            state = _judge(indicator, strategy, value_of=value, measured=measured,
                           entry=entry_used, day=span.end, previous=previous,
                           previous_year=previous_year)
            points.append(Point(span, calendar.label(span), value, state))
            previous, previous_year = value, calendar.label(span)
        main = Measured(indicator.measure, values[(main_key, day)]) if main_key else None
        evaluation = Evaluation(
            direction=direction, indicator=indicator, as_of=day, main=main,
            supporting=[Measured(m, values[(measure_key(m), day)], history=[
                (span, values[(measure_key(m), span.end)].value) for span in years])
                for m in indicator.supporting_measures] if supporting else [],
            entries=own, history=points,
            status=points[-1].status,
        )
        if not evaluation.measurable:
            evaluation.entry = _standing_entry(own, day)
        evaluations.append(evaluation)
    return evaluations


def counts_by_status(evaluations):
    counts = {code: 0 for code in judging.LABELS}
    for evaluation in evaluations:
        counts[evaluation.status.code] += 1
    return counts
