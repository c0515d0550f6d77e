"""The charts' geometry (no database): what is written on them never covers a value."""

from hamwe.strategy import charts
from hamwe.strategy.indicators.selectors import Point
from hamwe.strategy.indicators.status import MET, Status


def _points(values):
    return [Point(span=None, label=f"FY{14 + i}", value=v, status=Status(MET, ""))
            for i, v in enumerate(values)]


def test_the_target_is_named_at_the_right_end_when_nothing_is_there():
    chart = charts.line_chart(_points([0, 1, 0, 1]), target=2)
    assert chart["target_label"] == {"x": chart["right"], "y": chart["target_y"] - 4,
                                     "anchor": "end"}


def test_the_target_moves_off_the_last_values_written_on_its_line():
    """The last years at the target: their values are written just above the line, where
    the target's words would go; the words move below it or to the left."""
    chart = charts.line_chart(_points([0, 0, 1, 2, 2, 1, 2, 2]), target=2)
    label = chart["target_label"]
    assert (label["x"], label["y"]) != (chart["right"], chart["target_y"] - 4)
    last = chart["dots"][-1]
    assert last["labelled"] and last["y"] == chart["target_y"]
    # Not in the band just above the last dot, where its value is written.
    assert not (label["anchor"] == "end" and last["y"] - 18 < label["y"] < last["y"] + 5)


def test_when_every_year_sits_on_the_target_its_words_clear_the_dots():
    """SD1's MoUs at 100 % every year: the dots lie all along the target's line."""
    chart = charts.line_chart(_points([100] * 12), target=100, unit="%", width=250,
                              height=120, labels="last")
    label = chart["target_label"]
    assert abs(label["y"] - chart["target_y"]) >= 18  # below the dots or above the values
    last = chart["dots"][-1]
    # The last value is written inside the chart, ending at its dot, not cut at the edge.
    assert last["anchor"] == "end" and last["tx"] <= chart["width"]
