"""The funding trend drawn on the server as inline SVG (as hamwe/strategy/charts.py):
per year a bar of the shares by category, and the diversification (1 − HHI) as a line
over the bars. Its figures are in the table beside it."""

from ..models import FundingCategory

COLOURS = {
    "home": "#1b7a4a", "ingo": "#2f6fb0", "bilateral": "#6a4c93", "multilateral": "#8f5fb0",
    "government": "#b97c00", "foundation": "#c2571a", "private": "#7d8883",
    "own_income": "#3c9d9b",
}


def trend(series, by_category, *, width=480, height=180, pad=28):
    """Coordinates for a stacked bar per year (shares of the year's total by category)
    and the diversification line; `series` YearFigures oldest first."""
    if not series:
        return None
    step = (width - 2 * pad) / len(series)
    bar = min(48.0, step * 0.6)
    inner = height - 2 * pad
    bars, points = [], []
    for i, figures in enumerate(series):
        x = round(pad + i * step + (step - bar) / 2, 1)
        y = float(height - pad)
        parts = []
        amounts = by_category.get(figures.year, {})
        for category, label in FundingCategory.choices:
            amount = amounts.get(category) or 0.0
            if not figures.total or amount <= 0:
                continue
            h = inner * amount / figures.total
            y -= h
            parts.append({"x": x, "y": round(y, 1), "h": round(h, 1), "w": round(bar, 1),
                          "colour": COLOURS[category], "label": label})
        bars.append({"year": figures.year, "parts": parts,
                     "label_x": round(x + bar / 2, 1), "label_y": height - pad + 14})
        if figures.diversification is not None:
            points.append((round(x + bar / 2, 1),
                           round(height - pad - inner * figures.diversification, 1)))
    return {
        "width": width, "height": height, "bars": bars,
        "line": " ".join(f"{x},{y}" for x, y in points), "dots": points,
        "top": pad, "bottom": height - pad, "left": pad, "right": width - pad,
        "legend": [{"label": label, "colour": COLOURS[value]}
                   for value, label in FundingCategory.choices],
    }
