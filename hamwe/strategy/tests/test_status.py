"""How a value stands against its target, deadline and the year before (no database)."""

import datetime

from hamwe.policy.format import Target
from hamwe.strategy.indicators.status import AT_RISK, MET, MISSED, ON_TRACK, UNKNOWN, judge

D = datetime.date
START = D(2013, 7, 1)
DEADLINE = D(2016, 6, 30)


def _judge(value, **kwargs):
    kwargs.setdefault("as_of", D(2015, 6, 30))
    kwargs.setdefault("start", START)
    return judge(value=value, **kwargs)


def test_a_target_met_is_met_whatever_the_day():
    target = Target(value=2)
    assert _judge(2, target=target, deadline=DEADLINE).code == MET
    assert _judge(3, target=target, deadline=DEADLINE, as_of=D(2020, 1, 1)).code == MET


def test_after_the_deadline_a_target_not_met_is_missed():
    status = _judge(1, target=Target(value=2), deadline=DEADLINE, as_of=D(2016, 7, 1))
    assert status.code == MISSED
    assert status.reason == ("1 against a target of ≥ 2: the deadline (30 June 2016) has "
                             "passed.")


def test_before_the_deadline_a_steady_pace_decides():
    # 30 June 2015: 729 of 1,095 days from the start to the deadline; a steady pace to 2
    # would be at 1.33: 1 is behind it, 1.5 ahead of it.
    target = Target(value=2)
    behind = _judge(1, target=target, deadline=DEADLINE)
    assert behind.code == AT_RISK and "(1.3 by now)" in behind.reason
    assert _judge(1.5, target=target, deadline=DEADLINE).code == ON_TRACK


def test_a_lower_target_and_no_deadline_follow_the_year_before():
    target = Target(value=1, comparison="<=")
    assert _judge(2, target=target, previous=3, previous_year="FY14").code == ON_TRACK
    assert _judge(3, target=target, previous=2, previous_year="FY14").code == AT_RISK
    assert _judge(0.5, target=target).code == MET


def test_without_a_target_the_trend_or_the_measures_own_rule():
    assert _judge(3, previous=2, previous_year="FY14").code == ON_TRACK
    assert _judge(2, previous=2, previous_year="FY14").code == ON_TRACK
    assert _judge(1, previous=2, previous_year="FY14").code == AT_RISK
    assert _judge(0, previous=0, previous_year="FY14").code == AT_RISK
    assert _judge(2, previous=3, previous_year="FY14", better="lower").code == ON_TRACK
    assert _judge(1, target_met=True).code == MET
    assert _judge(0, target_met=False, deadline=DEADLINE, as_of=D(2017, 1, 1)).code == MISSED
    assert _judge(None).code == UNKNOWN
