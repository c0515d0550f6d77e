"""What the pages, the API and the annual report show of an evaluation, in the reader's
language: the rows behind a value with their links and notes, the warning that the
strategy period has ended, the names of periods."""

from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamwe.partners.models import Sector

from . import charts
from .indicators import status as judging
from .indicators.selectors import ROW_ROUTES

NOTES = {
    "signed": gettext_lazy("signed and running"),
    "successful": gettext_lazy("running; successful according to every party"),
    "underway": gettext_lazy("being scoped: constructive conversations underway"),
    "wanting": gettext_lazy("found wanting by a party in its latest review: not counted"),
    "reflects": gettext_lazy("its signed agreement states every principle"),
    "misses": gettext_lazy("its signed agreement (version %(number)s) does not state: "
                           "%(principles)s"),
    "unsigned": gettext_lazy("no signed agreement"),
    "among-partners": gettext_lazy("among partners, not initiated by the home organisation"),
    "no-thematic-area": gettext_lazy("no thematic area recorded: not counted"),
    "joint-activity": gettext_lazy("a joint activity of a thematic network that a partner "
                                   "led"),
    "latest-closed": gettext_lazy("the latest round closed"),
}


def ended_note(strategy, today):
    """The plain warning shown wherever the strategy appears once its period has ended."""
    if strategy is None or strategy.strategy is None or not strategy.ended(today):
        return ""
    period = strategy.period
    return _("This strategy's period ended on %(end)s (it ran from %(start)s). Its "
             "indicators and action plan are still followed here, as they stand, until "
             "a new strategy is loaded with the policy.") % {
        "end": formats.date_format(period.end, "j F Y"),
        "start": formats.date_format(period.start, "j F Y")}


def period_text(strategy):
    period = strategy.period
    return _("%(start)s – %(end)s") % {
        "start": formats.date_format(period.start, "F Y"),
        "end": formats.date_format(period.end, "F Y")}


def _group_label(group):
    sectors = dict(Sector.choices)
    return str(sectors.get(group, group))


def rows_of(evaluation, pack):
    """The rows behind the main value, grouped, each with its link and note."""
    result = evaluation.main.result if evaluation.main else None
    if result is None or not result.rows:
        return []
    principles = {p.key: p.name for p in pack.principles}
    groups = {}
    for row in result.rows:
        route = ROW_ROUTES.get(row.kind)
        url = ""
        if route:
            try:
                url = reverse(route[0], kwargs={route[1]: row.id})
            except NoReverseMatch:
                url = ""
        note = NOTES.get(row.note, row.note)
        if row.note == "misses":
            note = note % {"number": row.group,
                           "principles": ", ".join(str(principles.get(k, k)) for k in row.keys)}
        group = "" if row.note in ("misses", "reflects", "unsigned") else row.group
        groups.setdefault(group, []).append(
            {"label": row.label, "url": url, "note": str(note), "counts": row.counts})
    return [{"label": _group_label(g) if g else "", "rows": rows,
             "counted": sum(1 for r in rows if r["counts"])}
            for g, rows in groups.items()]


def card(evaluation):
    """What the dashboard shows of an indicator."""
    target = evaluation.indicator.target
    unit = evaluation.unit
    return {
        "evaluation": evaluation,
        "spark": charts.sparkline(evaluation.history,
                                  target=target.value if target is not None else None),
        "spark_label": "; ".join(f"{p.label}: {judging.show(p.value, unit)}"
                                 for p in evaluation.history),
    }
