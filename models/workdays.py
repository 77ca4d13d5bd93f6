"""Working days: China's statutory holidays and make-up working days (调休).

chinese-calendar knows the State Council's announced years; for a year it does not know yet
(the announcement comes each November) a local override table, filled by sync or by an
operator, takes precedence, and weekends-only is the last resort, reported as uncertain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import chinese_calendar


@dataclass(frozen=True)
class DayInfo:
    day: dt.date
    is_workday: bool
    #: "override", "library" or "weekend-rule" (the year is unknown: holidays not counted)
    source: str


@dataclass
class WorkCalendar:
    """Answers "is this a working day" from overrides, then the library, then the weekend rule."""

    overrides: Mapping[dt.date, bool] = field(default_factory=dict)
    #: Years whose whole schedule (the State Council's notice) is in ``overrides``: their days
    #: not listed are ordinary weekdays/weekends, known rather than guessed. None: every year
    #: with an override counts as known (what callers without the notice's source passed).
    notice_years: frozenset[int] | None = None

    def info(self, day: dt.date) -> DayInfo:
        if day in self.overrides:
            return DayInfo(day, self.overrides[day], "override")
        try:
            return DayInfo(day, bool(chinese_calendar.is_workday(day)), "library")
        except NotImplementedError:
            if day.year in self._notice_years():
                return DayInfo(day, day.weekday() < 5, "notice")
            return DayInfo(day, day.weekday() < 5, "weekend-rule")

    def _notice_years(self) -> frozenset[int]:
        if self.notice_years is not None:
            return self.notice_years
        return frozenset(d.year for d in self.overrides)

    def is_workday(self, day: dt.date) -> bool:
        return self.info(day).is_workday

    def knows_year(self, year: int) -> bool:
        """True when holidays of ``year`` come from the library or the year's notice."""
        if year in self._notice_years():
            return True
        try:
            chinese_calendar.is_workday(dt.date(year, 6, 1))
        except NotImplementedError:
            return False
        return True

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The promised date for a time limit of ``days`` working days counted from ``start``.

        The day of acceptance is not counted (不超过N个工作日 starts the next working day);
        ``days == 0`` (即时办结) is the day itself.
        """
        if days < 0:
            raise ValueError("days must be >= 0")
        day = start
        remaining = days
        while remaining:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        return sum(1 for d in _days(start, end) if self.is_workday(d))

    def uncertain_between(self, start: dt.date, end: dt.date) -> bool:
        """True when a day in the range fell back to the weekend rule."""
        return any(self.info(d).source == "weekend-rule" for d in _days(start, end))

    def unknown_years(self, start: dt.date, end: dt.date) -> list[int]:
        """Years in (start, end] whose holidays are not known (the weekend rule counted them)."""
        return [y for y in range(start.year, end.year + 1) if not self.knows_year(y) and end > start]


def library_last_year() -> int:
    """The last year the installed chinese-calendar knows (2026 for 1.11.0)."""
    return max(chinese_calendar.holidays).year


def _days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start + dt.timedelta(days=1)
    while day <= end:
        yield day
        day += dt.timedelta(days=1)
