"""Results of score-card rounds: aggregates only, as `selectors.round_results` computes and
suppresses them. Nobody, home staff included, ever sees one answer.

The charts are inline SVG drawn here on the server (no script, no remote file): the
coordinates are computed below, the template only places them.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from hamwe.accounts.decorators import role_required
from hamwe.core.fragments import fragment

from ..models import Indicator, Round
from ..rounds import selectors as rounds
from . import selectors

CHART_WIDTH = 480
CHART_LEFT = 34  # room for the indicator's number
CHART_RIGHT = 12
ROW = 30
BAR = 14


def _x(value, round_):
    span = (round_.scale_max - round_.scale_min) or 1
    share = (min(max(value, round_.scale_min), round_.scale_max) - round_.scale_min) / span
    return round(CHART_LEFT + share * (CHART_WIDTH - CHART_LEFT - CHART_RIGHT), 1)


def _chart(results):
    """Rows of the bar chart: median bar, self-score marker, and the threshold line."""
    round_ = results.round
    rows = []
    for number, result in enumerate(results.indicators, start=1):
        y = 8 + (number - 1) * ROW
        row = {"number": number, "result": result, "y": y, "mid": y + BAR / 2,
               "text_y": y + BAR - 2}
        if result.shown:
            row["bar_width"] = round(_x(result.median, round_) - CHART_LEFT, 1)
        if result.self_score is not None:
            row["self_x"] = _x(result.self_score, round_)
        rows.append(row)
    height = 8 + len(rows) * ROW + 18
    return {
        "rows": rows,
        "width": CHART_WIDTH,
        "height": height,
        "left": CHART_LEFT,
        "right": CHART_WIDTH - CHART_RIGHT,
        "track": CHART_WIDTH - CHART_LEFT - CHART_RIGHT,
        "bar": BAR,
        "threshold_x": _x(round_.high_grade, round_),
        "axis_y": height - 6,
        "line_bottom": height - 16,
    }


@role_required
@require_GET
def results(request, pk):
    round_ = rounds.round_for_user(user=request.user, pk=pk)
    # Change and the previous round only for someone who may see that round too.
    with_previous = bool(
        round_.previous_id
        and Round.objects.visible_to(request.user).filter(pk=round_.previous_id).exists()
    )
    body = None
    if selectors.is_published(round_):
        # The same for every reader who sees the same rounds: rendered once per process,
        # under a key read from this request's rows (hamwe/core/fragments.py).
        def render_body():
            data = selectors.round_results(round_, with_previous=with_previous, comments=False)
            return render_to_string("scorecards/_results_body.html",
                                    {"round": round_, "results": data, "chart": _chart(data)})

        key = selectors.results_key(round_, with_previous=with_previous)
        body = fragment("scorecard-results", key, render_body)
    return render(request, "scorecards/results.html", {"round": round_, "body": body})


COMMENTS_PER_PAGE = 25


@role_required
@require_GET
def comments(request, pk, indicator_pk):
    """One indicator's reasons and suggestions, a page at a time, in the order of their
    random keys (the same order on every page, see selectors._comments_of)."""
    round_ = rounds.round_for_user(user=request.user, pk=pk)
    indicator = get_object_or_404(Indicator, round=round_, pk=indicator_pk)
    page = selectors.comments_page(round_, indicator, number=request.GET.get("page"),
                                   per_page=COMMENTS_PER_PAGE)
    if page is None:
        raise Http404
    context = {"round": round_, "indicator": indicator, "page": page, "query": ""}
    template = ("scorecards/_comments_page.html" if request.htmx
                else "scorecards/results_comments.html")
    return render(request, template, context)


HISTORY_WIDTH = 560
HISTORY_HEIGHT = 200
HISTORY_TOP = 16
HISTORY_BOTTOM = 170
HISTORY_LEFT = 40


@role_required
@require_GET
def results_history(request):
    summaries = selectors.results_history(rounds.rounds_for_user(request.user))
    points = []
    step = (HISTORY_WIDTH - HISTORY_LEFT - 20) / max(len(summaries) - 1, 1)
    for index, summary in enumerate(summaries):
        share = summary.share if summary.share is not None else 0
        points.append({
            "summary": summary,
            "x": round(HISTORY_LEFT + 10 + index * step, 1),
            "y": round(HISTORY_BOTTOM - share / 100 * (HISTORY_BOTTOM - HISTORY_TOP), 1),
            "number": index + 1,
        })
    chart = {
        "width": HISTORY_WIDTH,
        "height": HISTORY_HEIGHT,
        "left": HISTORY_LEFT,
        "top": HISTORY_TOP,
        "bottom": HISTORY_BOTTOM,
        "middle": (HISTORY_TOP + HISTORY_BOTTOM) / 2,
        "right": HISTORY_WIDTH - 10,
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
    }
    return render(request, "scorecards/results_history.html",
                  {"summaries": summaries, "chart": chart})
