"""The annual report as documents: a PDF to print and send to the board (WeasyPrint, from
the `strategy/report.html` template, in DejaVu, fetching nothing) and an XLSX with the
same tables and a chart of each indicator over the fiscal years (openpyxl).

Both are made in the report's language from a `selectors.ReportData`.
"""

import io
import logging

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from hamwe.core.spreadsheets import neutralise
from hamwe.partnerships.agreements.documents import page_counter_css

from .. import charts
from ..indicators import status as judging
from . import selectors

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

COLOURS = {"met": "#1b7a4a", "on_track": "#2f6fb0", "at_risk": "#c98a0b",
           "missed": "#b3261e", "unknown": "#8a948f"}


def filename(report):
    return f"annual-report-{report.policy.pack}-{report.year}-{report.language}"


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"The annual report fetches nothing ({url})")


def _context(data):
    strategy = data.strategy
    directions = []
    for direction in strategy.directions():
        own = [e for e in data.evaluations if e.direction.key == direction.key]
        acts = [a for a in data.activities if a.activity.direction == direction.key]
        directions.append({"direction": direction, "evaluations": own, "activities": acts})
    scorecard = data.scorecard
    return {
        "data": data, "strategy": strategy, "pack": strategy.pack, "directions": directions,
        "bar": charts.status_bar(data.counts, width=520, height=20),
        "labels": judging.LABELS, "colours": COLOURS,
        "chart_rows": _pairs(selectors.charts_of(data, width=250, height=118)),
        "scorecard": scorecard,
        "scorecard_rows": [r for r in scorecard.indicators] if scorecard and
        scorecard.published else [],
        "as_of": formats.date_format(data.year.end, "j F Y"),
        "year_from": formats.date_format(data.year.start, "j F Y"),
        "made_on": formats.date_format(timezone.localdate(), "j F Y"),
        "page_counter": page_counter_css(),
        "header_left": _css_string(
            f"{strategy.pack.organisation.short_name} · "
            + _("Annual partnership performance report %(year)s") % {"year": data.year_label}),
    }


def _css_string(text):
    """`text` as a CSS string literal, safe inside a <style> element."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return '"' + escaped.replace("<", "\\3C ") + '"'


def _pairs(items):
    return [items[i:i + 2] for i in range(0, len(items), 2)]


def report_html(data) -> str:
    return render_to_string("strategy/report.html", _context(data))


def report_pdf(data) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs a moment

    return HTML(string=report_html(data), url_fetcher=_refuse_fetch).write_pdf()


# --- XLSX ----------------------------------------------------------------------------


def _sheet(workbook, title, header, rows, widths):
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([neutralise(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="0F3D2E")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A2"
    return sheet


def _direction_label(direction):
    return _("Strategic direction %(n)s") % {"n": direction.number}


def report_xlsx(data) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import LineChart, Reference
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    workbook.remove(workbook.active)
    strategy = data.strategy
    rows = []
    for e in data.evaluations:
        rows.append([
            _direction_label(e.direction), str(e.indicator.text),
            e.value if isinstance(e.value, (int, float)) else e.shown_value,
            e.unit, e.target_text,
            formats.date_format(e.indicator.deadline, "j F Y") if e.indicator.deadline else "",
            str(e.status.label), e.status.reason,
        ])
    title = _("Annual partnership performance report %(year)s") % {"year": data.year_label}
    sheet = _sheet(workbook, _("Indicators"), [
        _("Direction"), _("Indicator"), _("Value"), _("Unit"), _("Target"), _("Deadline"),
        _("Status"), _("Why")], rows, [22, 60, 10, 6, 12, 16, 14, 60])
    sheet.insert_rows(1, 2)
    sheet["A1"] = neutralise(title)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = neutralise(_("%(strategy)s. Values as of %(day)s.") % {
        "strategy": strategy.strategy.title, "day": formats.date_format(data.year.end,
                                                                        "j F Y")})
    for row in sheet.iter_rows(min_row=4, min_col=7, max_col=7):
        for cell in row:
            code = next((c for c, label in judging.LABELS.items() if str(label) == cell.value),
                        None)
            if code:
                cell.fill = PatternFill("solid", fgColor=COLOURS[code].lstrip("#"))
                cell.font = Font(color="FFFFFF", bold=True)
    sheet.freeze_panes = "A4"

    # History: one row per indicator, one column per fiscal year; a chart of each.
    years = [p.label for p in data.evaluations[0].history] if data.evaluations else []
    history = _sheet(workbook, _("History"), [_("Indicator"), *years],
                     [[str(e.indicator.text)[:80], *[p.value for p in e.history]]
                      for e in data.evaluations], [50, *[9] * len(years)])
    anchor_row = len(data.evaluations) + 3
    for index, e in enumerate(data.evaluations, start=2):
        if not any(isinstance(p.value, (int, float)) for p in e.history):
            continue
        chart = LineChart()
        chart.title = str(e.indicator.text)[:60]
        chart.height, chart.width = 6.5, 14
        chart.legend = None
        chart.add_data(Reference(history, min_col=2, max_col=len(years) + 1, min_row=index,
                                 max_row=index), from_rows=True, titles_from_data=False)
        chart.set_categories(Reference(history, min_col=2, max_col=len(years) + 1,
                                       min_row=1, max_row=1))
        history.add_chart(chart, f"B{anchor_row}")
        anchor_row += 14

    _sheet(workbook, _("Activities"), [
        _("Direction"), _("Activity"), _("Responsible"), _("Support"), _("Planned"),
        _("Status"), _("Latest progress")], [
        [_direction_label(a.direction) if a.direction else "", str(a.activity.text),
         ", ".join(str(r) for r in a.activity.responsible),
         ", ".join(str(s) for s in a.activity.support), ", ".join(a.labels),
         str(a.status_label) + (" · " + _("overdue") if a.overdue else ""),
         a.update.note if a.update else ""]
        for a in data.activities], [20, 60, 22, 30, 22, 18, 50])

    scorecard = data.scorecard
    if scorecard is not None and scorecard.published:
        _sheet(workbook, _("Score card"), [
            _("Indicator"), _("Answers"), _("Median"), _("Self-score"), _("Gap"),
            _("High grade")], [
            [str(r.indicator.wording), r.n_shown, r.median, r.self_score, r.gap,
             "" if r.high_grade is None else (_("yes") if r.high_grade else _("no"))]
            for r in scorecard.indicators], [60, 10, 10, 10, 10, 12])
    _sheet(workbook, _("Progress"), [_("Date"), _("About"), _("Status"), _("Progress")], [
        [formats.date_format(n["on"], "SHORT_DATE_FORMAT"), str(n["about"]), n["status"],
         n["text"]] for n in data.notes], [12, 50, 16, 70])
    workbook.properties.title = title
    workbook.properties.creator = "Hamwe"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
