"""The policy's fiscal calendar: which fiscal year and quarter a day falls in, when they
start and end, and what the policy calls them.

A fiscal year is numbered by the calendar year in which it ends (July 2013 - June 2014 is
2014, named "FY14" when `year_name` is "FY{fy}"; a year that starts in January is the
calendar year). Quarters are counted from `first_month`. The action plan's period codes
("FY15", "FY14-Q4") use the same numbering whatever the names: two digits, 20xx.
"""

import datetime
import re
from dataclasses import dataclass

_PERIOD = re.compile(r"^FY(\d{2})(?:-Q([1-4]))?$")


@dataclass(frozen=True)
class Span:
    """A fiscal year or quarter: its number(s), first and last day."""

    year: int
    quarter: int | None
    start: datetime.date
    end: datetime.date

    def contains(self, day) -> bool:
        return self.start <= day <= self.end


def _add_months(year, month, months):
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _last_day_before(year, month):
    return datetime.date(year, month, 1) - datetime.timedelta(days=1)


@dataclass(frozen=True)
class Calendar:
    first_month: int = 1
    year_name: str = "FY{fy}"
    quarter_name: str = "FY{fy} Q{q}"

    @classmethod
    def of(cls, pack):
        fiscal = pack.fiscal_year
        return cls(fiscal.first_month, str(fiscal.year_name), str(fiscal.quarter_name))

    # --- numbers -----------------------------------------------------------------------

    def year_of(self, day) -> int:
        """The fiscal year `day` falls in (the calendar year in which it ends)."""
        if self.first_month == 1:
            return day.year
        return day.year + 1 if day.month >= self.first_month else day.year

    def quarter_of(self, day) -> tuple[int, int]:
        months = (day.month - self.first_month) % 12
        return self.year_of(day), months // 3 + 1

    # --- spans ---------------------------------------------------------------------------

    def year(self, year) -> Span:
        start_year = year if self.first_month == 1 else year - 1
        start = datetime.date(start_year, self.first_month, 1)
        end_year, end_month = _add_months(start_year, self.first_month, 12)
        return Span(year, None, start, _last_day_before(end_year, end_month))

    def quarter(self, year, quarter) -> Span:
        first = self.year(year).start
        start_year, start_month = _add_months(first.year, first.month, 3 * (quarter - 1))
        end_year, end_month = _add_months(start_year, start_month, 3)
        return Span(year, quarter, datetime.date(start_year, start_month, 1),
                    _last_day_before(end_year, end_month))

    def years(self, start, end) -> list[Span]:
        """Every fiscal year from the one holding `start` to the one holding `end`."""
        return [self.year(y) for y in range(self.year_of(start), self.year_of(end) + 1)]

    def quarters(self, start, end) -> list[Span]:
        out = []
        year, quarter = self.quarter_of(start)
        while True:
            span = self.quarter(year, quarter)
            if span.start > end:
                return out
            out.append(span)
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)

    def period(self, code) -> Span:
        """The span of an action-plan period code: "FY15" (a year), "FY14-Q4" (a quarter)."""
        match = _PERIOD.match(code)
        if match is None:
            raise ValueError(f"not a fiscal period: {code!r}")
        year = 2000 + int(match.group(1))
        if match.group(2):
            return self.quarter(year, int(match.group(2)))
        return self.year(year)

    # --- names ---------------------------------------------------------------------------

    def year_label(self, year) -> str:
        return self.year_name.format(fy=f"{year % 100:02d}")

    def quarter_label(self, year, quarter) -> str:
        return self.quarter_name.format(fy=f"{year % 100:02d}", q=quarter)

    def label(self, span: Span) -> str:
        if span.quarter is None:
            return self.year_label(span.year)
        return self.quarter_label(span.year, span.quarter)

    def period_label(self, code) -> str:
        return self.label(self.period(code))
