"""Reads about score cards. Results are computed in ONE place, `round_results`, from a
few aggregate queries; pages, the API and the strategy's measure all read them here, so
the anonymity rules below hold everywhere or nowhere.

The rules (METHODS.md §1; design choices marked *):
- a figure is shown only when it rests on at least `round.min_group_scores` answers
  (comments: `round.min_group_comments`); below that the page says "fewer than N",
  never the exact count;
- * a group answer (a focus group's consensus) counts as ONE answer, whatever its
  `group_size`: counting its members would let one group reach the minimum alone and
  put its consensus on show as if it were an anonymous spread of people;
- the breakdown by kind of answer (individual answers, group consensus) is shown only
  when every cell has at least the minimum AND so has its complement (total - cell),
  unless that complement is 0: otherwise the whole breakdown of that indicator is
  withheld, so no subtraction of two shown figures gives a small group;
- * figures appear only once the round is closed: while answers still arrive, comparing
  the results before and after one partner answered would single that answer out;
- comments are shown without dates, shuffled with a fresh random seed each time;
- change from the previous round only on indicators present in both (same `key`) and
  shown in both.

Gap = consolidated score (median) - the home NGO's self-score: negative when partners
rate the home NGO lower than it rates itself.
"""

import random
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Answer, Indicator, Round, Score

# --- results ------------------------------------------------------------------------------


@dataclass
class Cell:
    """One kind of answer in an indicator's breakdown."""

    kind: str
    label: str
    n: int
    median: float


@dataclass
class IndicatorResult:
    indicator: Indicator
    n: int  # the real count; show `n_shown` (None below the minimum)
    shown: bool
    min_group: int
    median: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    q1: float | None = None
    q3: float | None = None
    iqr: float | None = None
    self_score: float | None = None
    gap: float | None = None
    high_grade: bool | None = None
    previous_median: float | None = None
    change: float | None = None
    comments: list[dict] | None = None  # None: withheld
    min_group_comments: int = 10
    breakdown: list[Cell] | None = None  # None: withheld (or nothing to break down)
    breakdown_withheld: bool = False

    @property
    def n_shown(self):
        return self.n if self.shown else None

    @property
    def withheld_note(self):
        return _("withheld: fewer than %(n)s answers") % {"n": self.min_group}

    @property
    def comments_note(self):
        return _("Comments withheld: fewer than %(n)s answers with a comment.") % {
            "n": self.min_group_comments
        }


@dataclass
class Summary:
    """The strategy's progress measure for one round: indicators with a high grade."""

    round: Round
    high: int
    shown: int
    withheld: int

    @property
    def share(self):
        return round(100 * self.high / self.shown, 1) if self.shown else None


@dataclass
class RoundResults:
    round: Round
    published: bool  # closed: figures are shown
    indicators: list[IndicatorResult] = field(default_factory=list)
    summary: Summary | None = None
    previous: Summary | None = None


def _median_spread(values):
    values = sorted(values)
    q1, _q2, q3 = (
        statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1
        else (values[0],) * 3
    )
    return {
        "median": statistics.median(values),
        "minimum": values[0],
        "maximum": values[-1],
        "q1": q1,
        "q3": q3,
        "iqr": q3 - q1,
    }


def _breakdown(by_kind, total, minimum):
    """The cells by kind, or None when one of them, or its complement, is small."""
    cells = {kind: values for kind, values in by_kind.items() if values}
    for values in cells.values():
        rest = total - len(values)
        if len(values) < minimum or 0 < rest < minimum:
            return None
    labels = dict(Answer.Kind.choices)
    return [
        Cell(kind=kind, label=str(labels[kind]), n=len(values),
             median=statistics.median(values))
        for kind, values in sorted(cells.items())
    ]


def _figures(rounds, *, comments=False):
    """Per round, the IndicatorResult of each of its indicators (without change).

    Two queries whatever the number of rounds and answers: the indicators with their
    self-scores, and every score of those rounds (medians are computed here)."""
    by_pk = {r.pk: r for r in rounds}
    indicators = list(
        Indicator.objects.filter(round_id__in=by_pk).select_related("self_score")
        .order_by("round_id", "position", "pk")
    )
    columns = ["indicator_id", "score", "answer__kind"]
    if comments:
        columns += ["reason", "suggestion"]
    scores = defaultdict(list)
    kinds = defaultdict(lambda: defaultdict(list))
    texts = defaultdict(list)
    rows = Score.objects.filter(indicator__round_id__in=by_pk).order_by().values_list(*columns)
    for row in rows:
        indicator_id, score, kind = row[:3]
        scores[indicator_id].append(score)
        kinds[indicator_id][kind].append(score)
        if comments and (row[3] or row[4]):
            texts[indicator_id].append({"reason": row[3], "suggestion": row[4]})
    shuffle = random.SystemRandom().shuffle  # a fresh seed each time: the order says nothing
    results = defaultdict(list)
    for indicator in indicators:
        round_ = by_pk[indicator.round_id]
        values = scores.get(indicator.pk, [])
        minimum = round_.min_group_scores
        self_score = getattr(indicator, "self_score", None)
        result = IndicatorResult(
            indicator=indicator, n=len(values), shown=len(values) >= minimum,
            min_group=minimum, min_group_comments=round_.min_group_comments,
            self_score=self_score.score if self_score else None,
        )
        if result.shown:
            for name, value in _median_spread(values).items():
                setattr(result, name, value)
            result.high_grade = result.median >= round_.high_grade
            if result.self_score is not None:
                result.gap = result.median - result.self_score
            result.breakdown = _breakdown(kinds[indicator.pk], len(values), minimum)
            result.breakdown_withheld = result.breakdown is None
            said = texts.get(indicator.pk, [])
            # Comments need their own, higher minimum; never more than the scores' anyway.
            if comments and len(said) >= max(round_.min_group_comments, minimum):
                shuffle(said)
                result.comments = said
        results[round_.pk].append(result)
    return results


def _summary(round_, results):
    shown = [r for r in results if r.shown]
    return Summary(
        round=round_, high=sum(1 for r in shown if r.high_grade), shown=len(shown),
        withheld=len(results) - len(shown),
    )


def is_published(round_) -> bool:
    return round_.status == Round.Status.CLOSED


def round_results(round_, *, with_previous=True) -> RoundResults:
    """Everything the results of a round show, already suppressed (see the module doc).

    Queries: 2 (indicators with self-scores; scores) for the round and its previous
    round together. `round_.previous` should come with `select_related("previous")`.
    `with_previous=False` leaves the previous round out (for someone who may not see it).
    """
    if not is_published(round_):
        return RoundResults(round=round_, published=False)
    previous = round_.previous if with_previous and round_.previous_id else None
    if previous is not None and not is_published(previous):
        previous = None
    rounds = [round_] + ([previous] if previous else [])
    figures = _figures(rounds, comments=True)
    current = figures[round_.pk]
    results = RoundResults(
        round=round_, published=True, indicators=current, summary=_summary(round_, current)
    )
    if previous is not None:
        before = {r.indicator.key: r for r in figures[previous.pk]}
        for result in current:
            earlier = before.get(result.indicator.key)
            if result.shown and earlier is not None and earlier.shown:
                result.previous_median = earlier.median
                result.change = result.median - earlier.median
        results.previous = _summary(previous, figures[previous.pk])
    return results


def results_history(rounds) -> list[Summary]:
    """The progress measure of each closed round among `rounds`, oldest first; two
    queries for all of them (plus the rounds' own)."""
    closed = list(rounds.filter(status=Round.Status.CLOSED).order_by("closes_on", "pk"))
    figures = _figures(closed)
    return [_summary(r, figures[r.pk]) for r in closed]


def latest_closed_round():
    return Round.objects.filter(status=Round.Status.CLOSED).order_by("-closes_on", "-pk").first()
