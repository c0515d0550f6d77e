"""Writes of the results area: a closed round's results, computed once and kept.

A closed round takes no more answers, so what they add up to cannot change: it is
computed here once (when the round closes, or when first read) and read from
`StoredResults` ever after, instead of from every score on every request.
"""

import statistics
import uuid
from collections import defaultdict

from django.db import transaction
from django.db.models import Count

from ..models import Score, StoredResults

# Which computation wrote a StoredResults row: raise it when what is stored changes, and
# every round's results are computed again when next read.
METHOD = 1


def commented(scores):
    """The scores that carry a reason or a suggestion."""
    return scores.exclude(reason="", suggestion="")


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
    }


def _aggregate(round_) -> dict:
    """The raw aggregates of a round, per indicator, nothing withheld: three queries (its
    indicators; its scores with their kind of answer; its commented scores per indicator).

    Per indicator: `n` answers scoring it, their `median`, `minimum`, `maximum`, `q1`,
    `q3` (when n > 0), `kinds` (kind of answer -> [n, median]) and `comments` (how many
    wrote a reason or a suggestion)."""
    indicator_ids = list(round_.indicators.values_list("pk", flat=True))
    scores = defaultdict(list)
    kinds = defaultdict(lambda: defaultdict(list))
    rows = (Score.objects.filter(indicator__round=round_).order_by()
            .values_list("indicator_id", "score", "answer__kind"))
    for indicator_id, score, kind in rows.iterator(chunk_size=5000):
        scores[indicator_id].append(score)
        kinds[indicator_id][kind].append(score)
    with_comment = dict(
        commented(Score.objects.filter(indicator__round=round_))
        .values_list("indicator_id").annotate(n=Count("pk")).order_by()
    )
    figures = {}
    for pk in indicator_ids:
        values = scores.get(pk, [])
        entry = {"n": len(values), "comments": with_comment.get(pk, 0), "kinds": {}}
        if values:
            entry.update(_median_spread(values))
            entry["kinds"] = {kind: [len(v), statistics.median(v)]
                              for kind, v in sorted(kinds[pk].items())}
        figures[str(pk)] = entry
    return figures


@transaction.atomic
def results_store(*, round_) -> StoredResults:
    """Compute a closed round's results and keep them (see StoredResults). Called when the
    round closes, and by `selectors.stored_results` for a round that has none yet."""
    stored, _created = StoredResults.objects.update_or_create(
        round=round_,
        defaults={"method": METHOD, "stamp": uuid.uuid4().hex, "figures": _aggregate(round_)},
    )
    return stored
