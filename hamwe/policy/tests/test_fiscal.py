"""The policy's fiscal calendar: CARE Burundi's (July to June, "FY14 Q4") and KIC's
(calendar years, "Räkenskapsår 2014")."""

import datetime

from hamwe.policy.fiscal import Calendar

D = datetime.date
CARE = Calendar(7, "FY{fy}", "FY{fy} Q{q}")
KIC = Calendar(1, "Räkenskapsår 20{fy}", "20{fy} K{q}")


def test_years_and_quarters_from_july():
    assert CARE.year_of(D(2013, 7, 1)) == 2014 and CARE.year_of(D(2014, 6, 30)) == 2014
    assert CARE.quarter_of(D(2014, 4, 1)) == (2014, 4)
    q4 = CARE.period("FY14-Q4")  # "FY14 Q4" = April-June 2014 (the seed's README)
    assert (q4.start, q4.end) == (D(2014, 4, 1), D(2014, 6, 30))
    fy15 = CARE.period("FY15")
    assert (fy15.start, fy15.end) == (D(2014, 7, 1), D(2015, 6, 30))
    assert CARE.period_label("FY14-Q4") == "FY14 Q4" and CARE.year_label(2015) == "FY15"
    assert [CARE.label(q) for q in CARE.quarters(D(2014, 5, 1), D(2014, 10, 1))] == [
        "FY14 Q4", "FY15 Q1", "FY15 Q2"]


def test_calendar_years_named_as_kic_names_them():
    assert KIC.year_of(D(2014, 12, 31)) == 2014
    year = KIC.year(2014)
    assert (year.start, year.end) == (D(2014, 1, 1), D(2014, 12, 31))
    assert KIC.label(KIC.quarter(2014, 2)) == "2014 K2"
    assert KIC.year_label(2014) == "Räkenskapsår 2014"
    assert [y.year for y in KIC.years(D(2013, 3, 1), D(2015, 1, 1))] == [2013, 2014, 2015]
