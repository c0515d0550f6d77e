"""The bench's reporting generator, at a tiny scale: its reports are valid rows in every
state, owed by a partner party of each partnership."""

import dataclasses

from bench.data import SCALES, generate
from hamwe.reporting.models import Report


def test_the_generator_makes_reports_in_every_state(live_policy):
    tiny = dataclasses.replace(SCALES["S"], name="tiny", organisations=30, partnerships=20,
                               rounds=1, answers_per_round=5)
    generate(tiny, log=lambda *a: None)
    assert Report.objects.count() == 20 * tiny.reports_per_partnership
    assert set(Report.objects.values_list("status", flat=True)) >= {"due", "approved"}
    assert not Report.objects.filter(organisation__is_home=True).exists()
