"""Working days against the State Council's published holiday notices (not the library's own output)."""

from __future__ import annotations

import datetime as dt

from models.workdays import WorkCalendar

D = dt.date


def test_spring_festival_2026_and_makeup_saturdays() -> None:
    # 国务院办公厅关于2026年部分节假日安排的通知: 春节 2月15日至23日放假调休，共9天；
    # 2月14日（星期六）、2月28日（星期六）上班。
    cal = WorkCalendar()
    assert cal.is_workday(D(2026, 2, 14))  # make-up Saturday
    assert not any(cal.is_workday(D(2026, 2, d)) for d in range(15, 24))
    assert cal.is_workday(D(2026, 2, 28))  # make-up Saturday
    # Accepted Friday 13 Feb with 2 working days: Sat 14 (调休) counts, then the holiday, then Tue 24.
    assert cal.add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)
    # 20 working days from 2 Feb crosses the festival: 3-13 (9), 14 (10), 24-27 (14), 28 (15), 2-6 Mar (20).
    assert cal.add_working_days(D(2026, 2, 2), 20) == D(2026, 3, 6)


def test_plain_weekend_is_skipped_and_immediate_is_same_day() -> None:
    cal = WorkCalendar()
    assert cal.add_working_days(D(2026, 11, 20), 1) == D(2026, 11, 23)  # Fri → Mon
    assert cal.add_working_days(D(2026, 11, 21), 0) == D(2026, 11, 21)  # 即时办结
    assert cal.working_days_between(D(2026, 11, 20), D(2026, 11, 27)) == 5


def test_unknown_year_uses_overrides_then_weekend_rule() -> None:
    cal = WorkCalendar()
    assert not cal.knows_year(2099)
    # Without an announcement the weekend rule applies and the result is flagged uncertain.
    assert cal.add_working_days(D(2099, 1, 2), 1) == D(2099, 1, 5)  # Fri → Mon
    assert cal.uncertain_between(D(2099, 1, 2), D(2099, 1, 5))
    # A local override (filled by sync once the notice is out) takes precedence.
    cal = WorkCalendar({D(2099, 1, 5): False, D(2099, 1, 3): True})
    assert cal.knows_year(2099)
    assert cal.add_working_days(D(2099, 1, 2), 1) == D(2099, 1, 3)
    assert cal.add_working_days(D(2099, 1, 2), 2) == D(2099, 1, 6)
