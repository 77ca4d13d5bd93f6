"""A year's holiday schedule (国务院办公厅关于YYYY年部分节假日安排的通知) for years chinese-calendar
does not know yet: imported by an administrator from a small CSV file or brought by sync.

The file is the notice as lines ``date,休`` (a day off) and ``date,班`` (a 调休 working day on a
weekend), optionally with a third column naming the holiday (``2027-02-14,班,春节调休``); blank
lines and lines starting with ``#`` are skipped. Every day listed must be in one year, listed
once; a 班 day must be a Saturday or Sunday (the notice only moves weekends into working days).
Days of the year not listed are ordinary weekdays and weekends.

The rows go to ``holiday_override`` with source ``import`` (the hub's rows have ``centre``);
either makes the year known (models/deadlines.py ``NOTICE_SOURCES``), and provisional deadlines
of open cases are counted again in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import chinese_calendar
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models import audit, clock, deadlines
from models.audit import Actor
from models.cases import enqueue_case, record_event
from models.deadlines import NOTICE_SOURCES
from models.errors import ValidationError
from models.orm import Case, HolidayOverride
from models.workdays import library_last_year

OFF, WORK = "休", "班"
MAX_BYTES = 64 * 1024


@dataclass(frozen=True)
class NoticeDay:
    day: dt.date
    is_workday: bool
    note: str | None = None


@dataclass(frozen=True)
class Notice:
    year: int
    days: tuple[NoticeDay, ...]
    sha256: str

    @property
    def days_off(self) -> int:
        return sum(1 for d in self.days if not d.is_workday)

    @property
    def makeup_days(self) -> int:
        return sum(1 for d in self.days if d.is_workday)


@dataclass(frozen=True)
class ImportResult:
    notice: Notice
    replaced: int  # rows of the year that were there before (hub or earlier import)
    recounted: list[str]  # case numbers whose provisional deadline was counted again


def parse_notice(data: bytes, year: int | None = None) -> Notice:
    """Parse and validate the file; ``year`` defaults to the first date's year."""
    if len(data) > MAX_BYTES:
        raise ValidationError("calendar.file_too_large", kb=MAX_BYTES // 1024)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError("calendar.not_utf8") from exc
    seen: dict[dt.date, tuple[int, bool]] = {}
    days: list[NoticeDay] = []
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.replace("，", ",").split(",")]
        if len(parts) not in (2, 3) or parts[1] not in (OFF, WORK):
            raise ValidationError("calendar.bad_line", line=no)
        try:
            day = dt.date.fromisoformat(parts[0])
        except ValueError as exc:
            raise ValidationError("calendar.bad_date", line=no) from exc
        if year is None:
            year = day.year
        if day.year != year:
            raise ValidationError("calendar.wrong_year", line=no, day=day.isoformat(), year=year)
        is_workday = parts[1] == WORK
        if day in seen:
            first, was_workday = seen[day]
            code = "calendar.conflict" if was_workday != is_workday else "calendar.duplicate_day"
            raise ValidationError(code, line=no, first=first, day=day.isoformat())
        if is_workday and day.weekday() < 5:
            raise ValidationError("calendar.makeup_not_weekend", line=no, day=day.isoformat())
        seen[day] = (no, is_workday)
        note = parts[2] if len(parts) == 3 and parts[2] else None
        if note is not None and len(note) > 50:
            raise ValidationError("calendar.bad_line", line=no)
        days.append(NoticeDay(day, is_workday, note))
    if year is None or not any(not d.is_workday for d in days):
        raise ValidationError("calendar.no_days_off")
    return Notice(year, tuple(sorted(days, key=lambda d: d.day)), hashlib.sha256(data).hexdigest())


def import_notice(
    session: Session, notice: Notice, actor: Actor | None, *, replace: bool = False, file_name: str = ""
) -> ImportResult:
    """Store the year's schedule, audited; refuses a year the library knows, and a year already
    held with other days unless ``replace``."""
    if notice.year <= library_last_year():
        raise ValidationError("calendar.year_in_library", year=notice.year, last=library_last_year())
    held = _year_rows(session, notice.year)
    same = {(r.day, r.is_workday) for r in held} == {(d.day, d.is_workday) for d in notice.days}
    if held and not same and not replace:
        raise ValidationError("calendar.year_held", year=notice.year, count=len(held))
    first, last = dt.date(notice.year, 1, 1), dt.date(notice.year, 12, 31)
    session.execute(delete(HolidayOverride).where(HolidayOverride.day >= first, HolidayOverride.day <= last))
    session.flush()
    for d in notice.days:
        session.add(HolidayOverride(day=d.day, is_workday=d.is_workday, note=d.note, source="import"))
    session.flush()
    recounted = recount_provisional(session)
    audit.record(
        session,
        "calendar.import",
        f"calendar:{notice.year}",
        clerk=actor,
        detail={
            "file": file_name,
            "sha256": notice.sha256,
            "days_off": notice.days_off,
            "makeup_days": notice.makeup_days,
            "replaced": len(held),
            "recounted": len(recounted),
        },
    )
    return ImportResult(notice, len(held), [c.case_no for c in recounted])


def recount_provisional(session: Session, moment: dt.datetime | None = None) -> list[Case]:
    """Count again the provisional deadlines of open cases whose years are now known.

    The receipt's date is kept (``promised_date_given``); the recount goes to
    ``promised_date_exact``; ``promised_date`` becomes the later of the two. Each change is a
    case event (``deadline_recount``, on the timeline and uploaded with the case) and an audit
    entry. Returns the cases changed."""
    calendar = deadlines.load_calendar(session)
    moment = moment or clock.now()
    changed: list[Case] = []
    provisional = Case.deadline_provisional.is_(True), Case.state.in_(deadlines.OPEN_ACCEPTED)
    cases = session.scalars(select(Case).where(*provisional).order_by(Case.id)).all()
    for case in cases:
        if case.accepted_at is None or not case.time_limit_days:
            continue
        accepted = clock.local_date(case.accepted_at)
        exact = calendar.add_working_days(accepted, case.time_limit_days)
        if calendar.unknown_years(accepted, exact):
            continue  # the data that came is for another year: still provisional
        given = case.promised_date_given or case.promised_date or exact
        case.promised_date_exact = exact
        case.promised_date = max(given, exact)
        case.deadline_provisional = False
        case.updated_at = moment
        reason = (
            f"节假日安排已到：按实际工作日重算为{exact.isoformat()}；"
            f"受理回执所载{given.isoformat()}；以{case.promised_date.isoformat()}为准"
        )
        record_event(session, case, "deadline_recount", case.state, case.state, None, "system", moment, reason)
        audit.record(
            session,
            "case.deadline_recount",
            f"case:{case.case_no}",
            clerk=None,
            detail={"given": given.isoformat(), "exact": exact.isoformat(), "binding": case.promised_date.isoformat()},
        )
        enqueue_case(session, case, moment)
        changed.append(case)
    return changed



def read_notice_file(path: Path, year: int | None = None) -> Notice:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ValidationError("calendar.unreadable", file=path.name) from exc
    return parse_notice(data, year)


@dataclass(frozen=True)
class YearView:
    year: int
    #: "library" (chinese-calendar), "notice" (hub or import), or "unknown" (weekend rule only)
    source: str
    days: tuple[NoticeDay, ...]
    #: where the notice rows came from (centre / import), empty for the library
    origins: tuple[str, ...]
    provisional_cases: int


def show_year(session: Session, year: int) -> YearView:
    provisional = len(
        session.scalars(select(Case.id).where(Case.deadline_provisional.is_(True))).all()
    )
    if year <= library_last_year():
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        holidays = chinese_calendar.get_holidays(first, last, include_weekends=False)
        off = [NoticeDay(d, False, _name(d)) for d in holidays]
        work = [NoticeDay(d, True, _name(d)) for d in chinese_calendar.get_workdays(first, last) if d.weekday() >= 5]
        return YearView(year, "library", tuple(sorted(off + work, key=lambda d: d.day)), (), provisional)
    rows = _year_rows(session, year)
    days = tuple(NoticeDay(r.day, r.is_workday, r.note) for r in rows)
    origins = tuple(sorted({r.source for r in rows}))
    known = any(r.source in NOTICE_SOURCES for r in rows)
    return YearView(year, "notice" if known else "unknown", days, origins, provisional)


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _name(day: dt.date) -> str | None:
    _on, name = chinese_calendar.get_holiday_detail(day)
    return _HOLIDAY_NAMES.get(str(name), str(name)) if name else None


def _year_rows(session: Session, year: int) -> list[HolidayOverride]:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return list(
        session.scalars(
            select(HolidayOverride)
            .where(HolidayOverride.day >= first, HolidayOverride.day <= last)
            .order_by(HolidayOverride.day)
        )
    )
