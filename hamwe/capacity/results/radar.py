"""The radar chart, drawn on the server as SVG: one axis per domain, the maturity levels
as rings, a polygon per assessment (now, previous, baseline). The table beside it says
the same in figures, for readers and screen readers (the SVG is decorative to them)."""

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe

SIZE = 320
CENTRE = SIZE / 2
RADIUS = 110
STYLES = {  # series -> (stroke, fill, dash)
    "now": ("#1d6fa5", "rgba(29,111,165,0.25)", ""),
    "previous": ("#d08a1c", "none", "6 3"),
    "baseline": ("#6b6b6b", "none", "2 3"),
}


def _point(i, n, value, top):
    angle = -math.pi / 2 + 2 * math.pi * i / n
    r = RADIUS * (value / top if top else 0)
    return CENTRE + r * math.cos(angle), CENTRE + r * math.sin(angle)


def _short(name, length=20):
    name = str(name)
    return name if len(name) <= length else name[: length - 1] + "…"


def radar_svg(*, axes, series, top, title):
    """`axes`: domain names; `series`: [(name, [value or None per axis])] drawn in that
    order; `top`: the highest level."""
    n = len(axes)
    if n == 0:
        return ""
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-100 0 {SIZE + 200} {SIZE}" '
             f'class="radar" role="img" aria-label="{escape(title)}">']
    for ring in range(1, int(top) + 1):
        points = " ".join("{:.1f},{:.1f}".format(*_point(i, n, ring, top)) for i in range(n))
        parts.append(f'<polygon points="{points}" fill="none" stroke="#ccc" />')
    for i, name in enumerate(axes):
        x, y = _point(i, n, top, top)
        parts.append(f'<line x1="{CENTRE}" y1="{CENTRE}" x2="{x:.1f}" y2="{y:.1f}" '
                     'stroke="#ccc" />')
        lx, ly = _point(i, n, top * 1.18, top)
        anchor = "middle" if abs(lx - CENTRE) < 10 else ("start" if lx > CENTRE else "end")
        parts.append(f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="10" text-anchor="{anchor}">'
                     f"{escape(_short(name))}</text>")
    for name, values in series:
        stroke, fill, dash = STYLES.get(name, STYLES["baseline"])
        points = " ".join("{:.1f},{:.1f}".format(*_point(i, n, v or 0, top))
                          for i, v in enumerate(values))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<polygon points="{points}" fill="{fill}" stroke="{stroke}" '
                     f'stroke-width="2"{dash_attr} data-series="{name}" />')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it is escaped above


def results_radar(results, *, labels):
    """The radar of a `Results`: now, and the previous and baseline when there are."""
    series = [("now", [r.now for r in results.rows])]
    if results.previous is not None:
        series.append(("previous", [r.previous for r in results.rows]))
    if results.baseline is not None and results.baseline != results.previous:
        series.append(("baseline", [r.baseline for r in results.rows]))
    return radar_svg(axes=[r.name for r in results.rows], series=series,
                     top=results.framework.top, title=labels)
