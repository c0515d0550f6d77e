"""Suppression, as properties over random rounds and answer sets (Hypothesis).

(a) No shown figure (median, spread, comments, breakdown cell) rests on fewer answers
    than the round's minimum; nothing at all shows for an indicator below it.
(b) No subtraction of two shown counts reveals a small group: for the total and each
    cell of the breakdown, and for any set of cells against the total, the difference
    is 0 or at least the minimum. (Two disjoint cells are not compared: their difference
    is no group of answers, so it reveals nobody.)
"""

import datetime
from itertools import combinations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamwe.scorecards.models import Answer, Indicator, Round, Score
from hamwe.scorecards.results import selectors

KEYS = ("voice", "money", "time", "trust")

answers = st.lists(
    st.tuples(
        st.sampled_from([Answer.Kind.INDIVIDUAL, Answer.Kind.GROUP]),
        # Per indicator: skipped (None) or (score, left a comment?)
        st.fixed_dictionaries({
            key: st.one_of(st.none(), st.tuples(st.integers(0, 100), st.booleans()))
            for key in KEYS
        }),
    ),
    max_size=40,
)


@st.composite
def rounds(draw):
    min_scores = draw(st.integers(3, 10))
    min_comments = draw(st.integers(min_scores, 15))
    # Skewed towards a few group answers, where the breakdown is at stake.
    return min_scores, min_comments, draw(answers)


def _build(min_scores, min_comments, rows):
    """The drawn round as stored rows, not through RoundFactory: hundreds of examples
    of up to 40 answers each, where only the stored answers matter to the results."""
    round_ = Round.objects.create(
        title="Property", period="P", opens_on=datetime.date(2025, 1, 1),
        closes_on=datetime.date(2025, 6, 30), status=Round.Status.CLOSED, scale_min=0,
        scale_max=100, high_grade=75, min_group_scores=min_scores,
        min_group_comments=min_comments,
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(round=round_, key=key, text=key, source="policy", position=p)
        for p, key in enumerate(KEYS))
    by_key = {i.key: i for i in indicators}
    stored = Answer.objects.bulk_create(
        Answer(round=round_, kind=kind, group_size=1 if kind == Answer.Kind.INDIVIDUAL else 7)
        for kind, _scores in rows)
    Score.objects.bulk_create(
        Score(answer=answer, indicator=by_key[key], score=value[0],
              reason="because" if value[1] else "")
        for answer, (_kind, scores) in zip(stored, rows, strict=True)
        for key, value in scores.items() if value is not None)
    return Round.objects.select_related("previous").get(pk=round_.pk)


def _check(min_scores, min_comments, rows, results):
    for result in results.indicators:
        key = result.indicator.key
        scoring = [(kind, s[key]) for kind, s in rows if s[key] is not None]
        true_n = len(scoring)  # a group answer is one answer
        commented = sum(1 for _kind, (_score, said) in scoring if said)
        # (a) below the minimum nothing shows, not even the count
        assert result.shown == (true_n >= min_scores)
        if not result.shown:
            assert result.n_shown is None
            assert (result.median, result.minimum, result.maximum, result.iqr, result.gap,
                    result.high_grade, result.breakdown, result.comments) == (
                        None, None, None, None, None, None, None, None)
            continue
        assert result.n_shown == true_n >= min_scores
        if result.comments is not None:
            assert len(result.comments) == commented >= min_comments >= min_scores
        else:
            assert commented < min_comments
        cells = result.breakdown or []
        assert sum(c.n for c in cells) in (0, true_n)
        for cell in cells:
            assert cell.n >= min_scores
            assert cell.n == sum(1 for kind, _v in scoring if kind == cell.kind)
        # (b) no subtraction reveals a small group
        shown_counts = [true_n] + [c.n for c in cells]
        for first, second in combinations(shown_counts, 2):
            if first == true_n or second == true_n:  # the total against a cell
                assert abs(first - second) == 0 or abs(first - second) >= min_scores
        for size in range(1, len(cells) + 1):
            for chosen in combinations(cells, size):
                rest = true_n - sum(c.n for c in chosen)
                assert rest == 0 or rest >= min_scores


@pytest.mark.django_db
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rounds())
def test_nothing_shown_rests_on_a_small_group(case):
    min_scores, min_comments, rows = case
    with transaction.atomic():
        round_ = _build(min_scores, min_comments, rows)
        _check(min_scores, min_comments, rows, selectors.round_results(round_))
        transaction.set_rollback(True)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.integers(3, 10), st.integers(0, 40), st.integers(0, 40))
def test_breakdown_cells_and_their_complements_are_never_small(minimum, individual, group):
    """The breakdown rule alone, over every split of answers into the two kinds."""
    by_kind = {"individual": [50.0] * individual, "group": [60.0] * group}
    total = individual + group
    cells = selectors._breakdown(by_kind, total, minimum)
    small = [n for n in (individual, group) if 0 < n < minimum]
    assert (cells is None) == bool(small)
    for cell in cells or []:
        assert cell.n >= minimum and (total - cell.n == 0 or total - cell.n >= minimum)
