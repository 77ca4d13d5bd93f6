"""A case's deadline (承诺办结日期): set at acceptance, counted down on the desk.

Where the pieces come from: the service item's 办理时限 rule (``ServiceItem.time_limit_for``
in models/catalog/item.py picks the one that applies at the station's level for the case's
field values), working days from models/workdays.py (statutory holidays, 调休 and the local
override table). This module turns them into a date and answers "how much time is left":

- ``promised_date``: N working days after the day of acceptance (the day itself not counted;
  即时办结 is the day itself), or the same day N natural months later, or none when the limit
  is set by the local rules (按统筹地区规定);
- ``promise``: sets a case's ``time_limit_days`` and ``promised_date`` when it is accepted
  (models/cases.py);
- ``overdue`` / ``due_soon`` / ``deadline_text``: the desk's red and amber lists and the
  剩N个工作日 column.

A date counted into a year whose holidays are not known yet (chinese-calendar stops at its last
published year; the hub or ``tongban calendar import`` brings the State Council's notice) is
counted by the weekend rule and is *provisional*: ``Case.deadline_provisional``, shown and
printed with 如遇法定节假日顺延 (``PROVISIONAL_NOTE``). When the year's schedule arrives,
``models.holiday_notice.recount_provisional`` counts it again: the receipt's date stays in ``promised_date_given``, the
new one goes to ``promised_date_exact``, and the binding ``promised_date`` is the later of the two
(an applicant is never told to come back earlier than the paper said).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.lifecycle import CaseState
from models.orm import Case, HolidayOverride
from models.workdays import WorkCalendar

#: States in which an accepted case's deadline runs (it stops at 办结 / 不予受理 / 撤回 …).
OPEN_ACCEPTED = (CaseState.ACCEPTED, CaseState.FORWARDED, CaseState.APPROVED, CaseState.PAID)
#: Within this many working days a promised date counts as "due soon" (amber).
DUE_SOON_DAYS = 2
#: Printed and shown next to a provisional promised date.
PROVISIONAL_NOTE = "如遇法定节假日顺延"
#: ``HolidayOverride.source`` of a row that belongs to a whole year's notice (hub or import);
#: other sources are single local changes and do not make the year known.
NOTICE_SOURCES = ("centre", "import")


class LimitLike(Protocol):
    """A 办理时限 as counts (``models.catalog.TimeLimit`` provides it)."""

    @property
    def working_days(self) -> int | None: ...
    @property
    def natural_months(self) -> int | None: ...


class TimeLimitLike(Protocol):
    """What accepting a case needs of the limit that applies to it (``models.catalog.TimeLimit``;
    sync/records.py's limit for results from the centre promises nothing)."""

    @property
    def working_days(self) -> int | None: ...
    def promised_date(self, accepted: dt.date, calendar: WorkCalendar | None = None) -> dt.date | None: ...


def promised_date(limit: LimitLike, accepted: dt.date, calendar: WorkCalendar | None = None) -> dt.date | None:
    """The date a case accepted on ``accepted`` must be finished by, or None when the limit is
    set locally."""
    if limit.working_days is not None:
        return (calendar or WorkCalendar()).add_working_days(accepted, limit.working_days)
    if limit.natural_months is not None:
        return add_months(accepted, limit.natural_months)
    return None


def promise(case: Case, limit: TimeLimitLike, accepted: dt.date, calendar: WorkCalendar) -> None:
    """Set the case's time limit and promised date at acceptance (``accepted``: the local date)."""
    case.time_limit_days = limit.working_days
    case.promised_date = limit.promised_date(accepted, calendar)
    case.promised_date_exact = None
    provisional = bool(
        limit.working_days and case.promised_date and calendar.unknown_years(accepted, case.promised_date)
    )
    case.deadline_provisional = provisional
    case.promised_date_given = case.promised_date if provisional else None


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, clamped to the month's end (3个月 from 11-30 is 02-28/29)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def load_calendar(session: Session) -> WorkCalendar:
    """The working-day calendar with this station's holiday overrides (filled by sync or an operator)."""
    rows = session.scalars(select(HolidayOverride)).all()
    years = frozenset(r.day.year for r in rows if r.source in NOTICE_SOURCES)
    return WorkCalendar({r.day: r.is_workday for r in rows}, notice_years=years)


def overdue(session: Session, today: dt.date) -> list[Case]:
    """Open cases whose promised date has passed."""
    return list(
        session.scalars(
            select(Case).where(Case.state.in_(OPEN_ACCEPTED), Case.promised_date < today).order_by(Case.promised_date)
        )
    )


def due_soon(session: Session, today: dt.date, within_working_days: int = DUE_SOON_DAYS) -> list[Case]:
    """Open cases due today or within the next ``within_working_days`` working days."""
    horizon = load_calendar(session).add_working_days(today, within_working_days)
    return list(
        session.scalars(
            select(Case)
            .where(Case.state.in_(OPEN_ACCEPTED), Case.promised_date >= today, Case.promised_date <= horizon)
            .order_by(Case.promised_date)
        )
    )


def is_overdue(case: Case, today: dt.date) -> bool:
    return bool(case.state in OPEN_ACCEPTED and case.promised_date and case.promised_date < today)


def is_due_soon(case: Case, today: dt.date, horizon: dt.date) -> bool:
    """Due between today and ``horizon`` (``today`` plus ``DUE_SOON_DAYS`` working days)."""
    return bool(case.state in OPEN_ACCEPTED and case.promised_date and today <= case.promised_date <= horizon)


def deadline_text(case: Case, today: dt.date, calendar: WorkCalendar) -> str:
    """剩N个工作日 / 今日到期 / 超期N个工作日, for open accepted cases with a promised date; 暂定 while
    the date is provisional (its year's holidays not known yet)."""
    if case.state not in OPEN_ACCEPTED or case.promised_date is None:
        return ""
    due = case.promised_date
    if due == today:
        return "今日到期"
    if due > today:
        left = f"剩{calendar.working_days_between(today, due)}个工作日"
        return left + "（暂定）" if case.deadline_provisional else left
    late = max(1, calendar.working_days_between(due, today))
    return f"超期{late}个工作日"
