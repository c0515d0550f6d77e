"""Charts drawn on the server as inline SVG (no script, no remote file, readable without
JavaScript and in the PDF): the coordinates are computed here, the templates only place
them. Each chart has its figures in a table beside or below it."""

from django.utils.translation import gettext as _

from .indicators import status as judging

# The status colours, as attributes too: the PDF's SVG does not read the page's CSS.
COLOURS = {"met": "#1b7a4a", "on_track": "#2f6fb0", "at_risk": "#b97c00",
           "missed": "#b3261e", "unknown": "#7d8883"}
STATE_COLOURS = {"not_started": "#9fb0a8", "under_way": "#2f6fb0", "done": "#1b7a4a",
                 "dropped": "#c8cfcb", "overdue": "#b3261e", "period": "#d7e5dc"}


def _scale(values, target):
    figures = [v for v in values if v is not None]
    if target is not None:
        figures.append(target)
    top = max(figures, default=1) or 1
    low = min(0, *figures) if figures else 0
    return low, top if top > low else low + 1


def _segments(coords):
    """Polylines through consecutive known points (a year without a value breaks it)."""
    segments, current = [], []
    for coord in coords:
        if coord is None:
            if current:
                segments.append(current)
            current = []
        else:
            current.append(coord)
    if current:
        segments.append(current)
    return [" ".join(f"{x},{y}" for x, y in s) for s in segments if len(s) > 1]


def sparkline(points, *, target=None, width=132, height=34, pad=4):
    """A small line over the fiscal years, the last value's dot in its status colour."""
    values = [p.value for p in points]
    low, top = _scale(values, target)
    step = (width - 2 * pad) / max(len(points) - 1, 1)

    def y(value):
        return round(height - pad - (value - low) / (top - low) * (height - 2 * pad), 1)

    coords = [None if p.value is None else (round(pad + i * step, 1), y(p.value))
              for i, p in enumerate(points)]
    known = [(c, p) for c, p in zip(coords, points, strict=True) if c is not None]
    dots = [{"x": c[0], "y": c[1], "code": p.status.code, "colour": COLOURS[p.status.code]}
            for c, p in known]
    return {
        "width": width, "height": height, "segments": _segments(coords),
        "dots": dots[-1:], "single": len(known) == 1,
        "target_y": y(target) if target is not None else None,
        "right": width - pad, "left": pad,
    }


def line_chart(points, *, target=None, unit="", width=600, height=200, max_labels=8,
               labels="all"):
    """A line over the fiscal years with each year's value and status, and the target."""
    left, right, top_pad, bottom = 44, 14, 18, 38
    values = [p.value for p in points]
    low, top = _scale(values, target)
    inner_w, inner_h = width - left - right, height - top_pad - bottom
    step = inner_w / max(len(points) - 1, 1)

    def y(value):
        return round(top_pad + inner_h - (value - low) / (top - low) * inner_h, 1)

    coords = [None if p.value is None else (round(left + i * step, 1), y(p.value))
              for i, p in enumerate(points)]
    every = max(1, -(-len(points) // max_labels))  # at most about `max_labels` year labels
    years = [{"x": round(left + i * step, 1), "text": p.label}
             for i, p in enumerate(points) if i % every == 0 or i == len(points) - 1]
    dots = [{"x": c[0], "y": c[1], "code": p.status.code, "colour": COLOURS[p.status.code],
             "text": judging.show(p.value, unit)}
            for c, p in zip(coords, points, strict=True) if c is not None]
    # Each value written above its dot, or (in a small chart) only the last one.
    for index, dot in enumerate(dots):
        dot["labelled"] = labels == "all" and len(dots) <= 16 or index == len(dots) - 1
        # Centred on its dot, unless that would run past the chart's right edge.
        half = 3.5 * len(dot["text"])
        dot["anchor"], dot["tx"] = "middle", dot["x"]
        if dot["x"] + half > width - 2:
            dot["anchor"], dot["tx"] = "end", round(dot["x"] + 5, 1)
    target_y = y(target) if target is not None else None
    target_text = judging.show(target, unit) if target is not None else ""
    return {
        "width": width, "height": height, "left": left, "right": width - right,
        "top": top_pad, "bottom": top_pad + inner_h, "segments": _segments(coords),
        "dots": dots, "labels": years, "label_y": height - 14,
        "target_y": target_y, "target_text": target_text,
        "target_label": None if target_y is None else _target_label(
            target_y, f"{_('target')} {target_text}", dots, left=left, right=width - right,
            bottom=top_pad + inner_h),
        "top_text": judging.show(top, unit), "low_text": judging.show(low, unit),
    }


def _target_label(target_y, text, dots, *, left, right, bottom):
    """Where the target's words go: at the right end of its line, above it, unless a dot
    or a value written there would be covered; then below it, then at the left end."""
    width, height = 5.8 * len(text), 11

    def box(x, anchor, baseline):
        x0 = x - width if anchor == "end" else x
        return x0, baseline - height + 2, x0 + width, baseline + 2

    taken = []
    for dot in dots:
        taken.append((dot["x"] - 5, dot["y"] - 5, dot["x"] + 5, dot["y"] + 5))
        if dot["labelled"]:
            half = 3.5 * len(dot["text"])
            x0 = dot["tx"] - 2 * half if dot["anchor"] == "end" else dot["tx"] - half
            taken.append((x0, dot["y"] - 18, x0 + 2 * half, dot["y"] - 6))

    def free(b):
        return all(b[2] < t[0] or t[2] < b[0] or b[3] < t[1] or t[3] < b[1] for t in taken)

    # Just above or below the line, at its right end then its left; then clear of the
    # dots (when they lie along the line), below them or above their values.
    candidates = [(x, anchor, target_y + dy)
                  for dy in (-4, 12) for x, anchor in ((right, "end"), (left + 4, "start"))]
    candidates += [(right, "end", target_y + 18), (right, "end", target_y - 21)]
    fits = [c for c in candidates if c[2] + 2 <= bottom and c[2] - height >= 0]
    x, anchor, baseline = next((c for c in fits if free(box(*c))), (fits or candidates)[0])
    return {"x": round(x, 1), "y": round(baseline, 1), "anchor": anchor}


def status_bar(counts, *, width=600, height=22):
    """One bar cut into the share of indicators in each status."""
    total = sum(counts.values()) or 1
    x, parts = 0.0, []
    for code in judging.LABELS:
        n = counts.get(code, 0)
        if not n:
            continue
        w = width * n / total
        parts.append({"code": code, "x": round(x, 1), "w": round(w, 1), "n": n,
                      "text_x": round(x + w / 2, 1), "colour": COLOURS[code],
                      "pct": round(100 * n / total, 3)})
        x += w
    return {"width": width, "height": height, "parts": parts}


def timeline(calendar, start, end, *, today, width=480, row_height=16):
    """The plan's axis: fiscal years and their quarters from `start` to `end`, named as
    the policy names them, and where today falls."""
    quarters = calendar.quarters(start, end)
    if not quarters:
        return None
    first, last = quarters[0].start, quarters[-1].end
    days = (last - first).days + 1

    def x(day):
        return round(width * (day - first).days / days, 1)

    years, seen = [], set()
    for q in quarters:
        if q.year in seen:
            continue
        seen.add(q.year)
        span = calendar.year(q.year)
        x0, x1 = x(max(span.start, first)), x(min(span.end, last)) + width / days
        years.append({"x": x0, "w": round(x1 - x0, 1), "mid": round((x0 + x1) / 2, 1),
                      "label": calendar.year_label(q.year),
                      "pct": round(100 * (x1 - x0) / width, 3)})
    short = next((t for t in calendar.quarter_name.split() if "{q}" in t and "{fy}" not in t),
                 "{q}")
    ticks = [{"x": x(q.start), "label": short.format(q=q.quarter),
              "mid": round((x(q.start) + x(q.end) + width / days) / 2, 1),
              "pct": round(100 * (x(q.end) + width / days - x(q.start)) / width, 3),
              "name": calendar.label(q)} for q in quarters]
    now = x(today) if first <= today <= last else None
    now_pct = round(100 * now / width, 2) if now is not None else None
    return {"width": width, "first": first, "last": last, "days": days, "x": x,
            "years": years, "ticks": ticks, "now": now, "now_pct": now_pct,
            "row_height": row_height,
            "quarter_w": round(width / len(quarters), 1)}


def activity_bars(axis, spans, *, state):
    """The planned periods of an activity on the plan's axis, coloured by its state."""
    if axis is None:
        return []
    day_w = axis["width"] / axis["days"]
    bars = []
    for span in spans:
        x0 = axis["x"](max(span.start, axis["first"]))
        x1 = axis["x"](min(span.end, axis["last"])) + day_w
        bars.append({"x": x0, "w": round(max(x1 - x0 - 1.5, 2), 1), "state": state,
                     "colour": STATE_COLOURS.get(state, "#9fb0a8")})
    return bars

