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
- comments are shown without dates, in the order of their random keys (see
  `_comments_of`), a page at a time;
- change from the previous round only on indicators present in both (same `key`) and
  shown in both.

Gap = consolidated score (median) - the home NGO's self-score: negative when partners
rate the home NGO lower than it rates itself.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from ..models import Answer, Indicator, Round, Score, SelfScore, StoredResults
from . import services

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
    comments: list[dict] | None = None  # None: withheld, or not asked for
    comments_count: int | None = None  # None: withheld
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


def stored_results(rounds) -> dict[int, StoredResults]:
    """The stored results of these closed rounds, by round pk: one query, plus the
    computing of any round whose results are not stored yet (a round closed before they
    were kept, or stored by an older METHOD) — a write, once per round."""
    rounds = [r for r in rounds if is_published(r)]
    found = {s.round_id: s for s in StoredResults.objects.filter(round__in=rounds)}
    for round_ in rounds:
        if found.get(round_.pk) is None or found[round_.pk].method != services.METHOD:
            found[round_.pk] = services.results_store(round_=round_)
    return found


def _result(indicator, round_, stored, self_score):
    """One indicator's figures as shown: withheld below the round's minimums (read now,
    since they may have risen since the round closed)."""
    entry = stored.figures.get(str(indicator.pk), {"n": 0, "comments": 0, "kinds": {}})
    minimum = round_.min_group_scores
    result = IndicatorResult(
        indicator=indicator, n=entry["n"], shown=entry["n"] >= minimum, min_group=minimum,
        min_group_comments=round_.min_group_comments, self_score=self_score,
    )
    if result.shown:
        for name in ("median", "minimum", "maximum", "q1", "q3"):
            setattr(result, name, entry[name])
        result.iqr = result.q3 - result.q1
        result.high_grade = result.median >= round_.high_grade
        if result.self_score is not None:
            result.gap = result.median - result.self_score
        result.breakdown = _breakdown(entry["kinds"], entry["n"], minimum)
        result.breakdown_withheld = result.breakdown is None
        # Comments need their own, higher minimum; never more than the scores' anyway.
        if entry["comments"] >= max(round_.min_group_comments, minimum):
            result.comments_count = entry["comments"]
    return result


def _breakdown(by_kind, total, minimum):
    """The cells by kind, or None when one of them, or its complement, is small."""
    cells = {kind: cell for kind, cell in by_kind.items() if cell[0]}
    for n, _median in cells.values():
        rest = total - n
        if n < minimum or 0 < rest < minimum:
            return None
    labels = dict(Answer.Kind.choices)
    return [
        Cell(kind=kind, label=str(labels[kind]), n=n, median=median)
        for kind, (n, median) in sorted(cells.items())
    ]


def _figures(rounds):
    """Per round, the IndicatorResult of each of its indicators (without change): two
    queries whatever the number of rounds and answers (their stored results; their
    indicators with self-scores)."""
    by_pk = {r.pk: r for r in rounds}
    stored = stored_results(rounds)
    indicators = list(
        Indicator.objects.filter(round_id__in=by_pk).select_related("self_score")
        .order_by("round_id", "position", "pk")
    )
    results = defaultdict(list)
    for indicator in indicators:
        round_ = by_pk[indicator.round_id]
        self_score = getattr(indicator, "self_score", None)
        results[round_.pk].append(_result(
            indicator, round_, stored[round_.pk], self_score.score if self_score else None))
    return results


def _add_comments(results):
    """Every comment shown, on each IndicatorResult whose comments are not withheld (one
    query)."""
    shown = {r.indicator.pk: r for r in results if r.comments_count is not None}
    for result in shown.values():
        result.comments = []
    for indicator_id, reason, suggestion in _comments_of(shown):
        shown[indicator_id].comments.append({"reason": reason, "suggestion": suggestion})


def _comments_of(indicator_ids):
    """The comments of these indicators, in the order of their random keys: written again
    with fresh keys at every answer while the round was open, fixed once it closed (so
    pages of comments neither repeat nor skip one)."""
    return (services.commented(Score.objects.filter(indicator_id__in=list(indicator_ids)))
            .order_by("indicator_id", "id").values_list("indicator_id", "reason", "suggestion"))


def comments_page(round_, indicator, *, number, per_page=25):
    """One page of an indicator's comments (a Paginator page of {reason, suggestion}), or
    None while they are withheld. Queries: the stored results, the count is stored, the
    page."""
    if not is_published(round_) or indicator.round_id != round_.pk:
        return None
    stored = stored_results([round_])[round_.pk]
    result = _result(indicator, round_, stored, None)
    if result.comments_count is None:
        return None
    rows = _comments_of([indicator.pk]).values("reason", "suggestion")
    paginator = Paginator(rows, per_page)
    paginator.count = result.comments_count  # stored: no COUNT query
    return paginator.get_page(number)


def _summary(round_, results):
    shown = [r for r in results if r.shown]
    return Summary(
        round=round_, high=sum(1 for r in shown if r.high_grade), shown=len(shown),
        withheld=len(results) - len(shown),
    )


def is_published(round_) -> bool:
    return round_.status == Round.Status.CLOSED


def round_results(round_, *, with_previous=True, comments=True) -> RoundResults:
    """Everything the results of a round show, already suppressed (see the module doc).

    Queries: 2 for the round and its previous round together (their stored results,
    computed the first time; their indicators with self-scores), and with `comments`
    one more for the comments shown (a page shows them a page at a time instead:
    `comments_page`). `round_.previous` should come with `select_related("previous")`.
    `with_previous=False` leaves the previous round out (for someone who may not see it).
    """
    if not is_published(round_):
        return RoundResults(round=round_, published=False)
    rounds = shown_rounds(round_, with_previous=with_previous)
    previous = rounds[1] if len(rounds) > 1 else None
    figures = _figures(rounds)
    current = figures[round_.pk]
    if comments:
        _add_comments(current)
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


def shown_rounds(round_, *, with_previous=True) -> list[Round]:
    """The rounds whose figures the results of `round_` show: itself and, when asked for
    and closed, its previous round (none while `round_` is not closed)."""
    if not is_published(round_):
        return []
    previous = round_.previous if with_previous and round_.previous_id else None
    return [round_] + ([previous] if previous is not None and is_published(previous) else [])


def results_key(round_, *, with_previous=True) -> tuple:
    """What the results of `round_` as `round_results` shows them depend on, without
    reading them (for a cache of their rendering): each round shown, its version and the
    stamp of its stored results, and the self-scores (which may change after a round
    closed). Two queries (stamps; self-scores); the first time, the computing of any
    results not stored yet."""
    rounds = shown_rounds(round_, with_previous=with_previous)
    stamps = dict(StoredResults.objects.filter(round__in=rounds, method=services.METHOD)
                  .values_list("round_id", "stamp"))
    if len(stamps) < len(rounds):
        stamps = {pk: stored.stamp for pk, stored in stored_results(rounds).items()}
    self_scores = sorted(SelfScore.objects.filter(indicator__round__in=rounds)
                         .values_list("indicator_id", "score"))
    return (with_previous, *[(r.pk, r.version, stamps[r.pk]) for r in rounds], *self_scores)


def results_history(rounds) -> list[Summary]:
    """The progress measure of each closed round among `rounds`, oldest first: one query
    for all of them (their stored results; plus the rounds' own)."""
    closed = list(rounds.filter(status=Round.Status.CLOSED).order_by("closes_on", "pk"))
    stored = stored_results(closed)
    summaries = []
    for round_ in closed:
        entries = stored[round_.pk].figures.values()
        shown = [e for e in entries if e["n"] >= round_.min_group_scores]
        summaries.append(Summary(
            round=round_, high=sum(1 for e in shown if e["median"] >= round_.high_grade),
            shown=len(shown), withheld=len(entries) - len(shown),
        ))
    return summaries


def latest_closed_round():
    return Round.objects.filter(status=Round.Status.CLOSED).order_by("-closes_on", "-pk").first()
