"""The quality trend drawn on the server as inline SVG (no script; the figures are in a
table beside it). Coordinates are computed here; the template places the markup."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

COLOURS = {"narrative": "#2f6fb0", "financial": "#b97c00"}


def trend_chart(series, *, labels, width=360, height=140, pad=24):
    """Lines over the fiscal years: `series` maps a name to [(year, value)], `labels` a
    year to what the policy calls it."""
    years = sorted({year for points in series.values() for year, _ in points})
    values = [v for points in series.values() for _, v in points]
    if not years:
        return ""
    top = max(values + [1])
    step = (width - 2 * pad) / max(len(years) - 1, 1)

    def x(year):
        return pad + years.index(year) * step

    def y(value):
        return height - pad - (height - 2 * pad) * value / top

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="100%" role="img" class="trend">',
             f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
             'stroke="#9fb0a8"/>']
    for year in years:
        parts.append(f'<text x="{x(year):.1f}" y="{height - 6}" font-size="10" '
                     f'text-anchor="middle">{escape(labels.get(year, year))}</text>')
    for name, points in series.items():
        colour = COLOURS.get(name, "#1b7a4a")
        coords = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in points)
        if len(points) > 1:
            parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" '
                         'stroke-width="2"/>')
        for yr, v in points:
            parts.append(f'<circle cx="{x(yr):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}">'
                         f'<title>{escape(v)}</title></circle>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
