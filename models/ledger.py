"""The day's paperwork: the 办件台账 for a day or a range, today's statistics, the end-of-day summary.

A case belongs to the day its intake ended at the counter: the first event that took it out of
草稿 (受理, 退回补正, 不予受理, a 即办件 finished at submit…), in the station's local time. Its
row says when, the case number, the item, the applicant, the result now (the case's state, 容缺
noted), the clerk who took it in, and the 好差评. Drafts never reach the 台账.

The rows are plain values for printing/ledger.py (PDF) and ``export_xlsx`` (Excel, with every
text cell that a spreadsheet would read as a formula escaped). Exporting is audited.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from models import audit, clock
from models.errors import ValidationError
from models.lifecycle import CaseState
from models.orm import Case, CaseEvent, Clerk
from models.permissions import Permission, require
from models.rating import BAD_RATINGS

#: at most this many days in one 台账 (a quarter): a longer range is a report for the county
MAX_DAYS = 92
NOT_RATED = "未评价"
#: Characters that make a spreadsheet cell a formula (OWASP "CSV injection"), tab and CR too.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class LedgerRow:
    at: dt.datetime  # local time (Asia/Shanghai)
    case_no: str
    item_name: str
    applicant: str
    result: str
    clerk: str
    rating: str  # NOT_RATED when none
    rating_reason: str = ""


@dataclass(frozen=True)
class Ledger:
    station_name: str
    station_code: str
    start: dt.date
    end: dt.date
    rows: tuple[LedgerRow, ...]
    generated_at: dt.datetime  # local time
    stats: LedgerStats = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "stats", LedgerStats.of(self.rows))

    @property
    def period(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()} 至 {self.end.isoformat()}"


@dataclass(frozen=True)
class LedgerStats:
    total: int
    by_item: tuple[tuple[str, int], ...]
    by_clerk: tuple[tuple[str, int], ...]
    by_result: tuple[tuple[str, int], ...]
    by_rating: tuple[tuple[str, int], ...]
    rated: int
    bad: int

    @classmethod
    def of(cls, rows: tuple[LedgerRow, ...]) -> LedgerStats:
        def ranked(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
            return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

        from models.rating import RATINGS

        ratings = Counter(r.rating for r in rows)
        by_rating = tuple((name, ratings[name]) for name in (*RATINGS, NOT_RATED) if ratings[name])
        return cls(
            total=len(rows),
            by_item=ranked(Counter(r.item_name for r in rows)),
            by_clerk=ranked(Counter(r.clerk or "—" for r in rows)),
            by_result=ranked(Counter(r.result for r in rows)),
            by_rating=by_rating,
            rated=sum(1 for r in rows if r.rating != NOT_RATED),
            bad=sum(1 for r in rows if r.rating in BAD_RATINGS),
        )


def build_ledger(session: Session, start: dt.date, end: dt.date | None = None) -> Ledger:
    """The 台账 of ``start`` (to ``end`` inclusive), oldest first."""
    from models.station_setup import current_station

    end = end or start
    if end < start:
        raise ValidationError("ledger.bad_range", start=start.isoformat(), end=end.isoformat())
    if (end - start).days + 1 > MAX_DAYS:
        raise ValidationError("ledger.range_too_long", days=MAX_DAYS)
    lo = dt.datetime.combine(start, dt.time(), clock.CHINA).astimezone(dt.UTC)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), clock.CHINA).astimezone(dt.UTC)
    # The first event per case that left 草稿: the moment intake ended at the counter.
    first = (
        select(CaseEvent.case_id, func.min(CaseEvent.seq).label("seq"))
        .where(CaseEvent.from_state == CaseState.DRAFT.value, CaseEvent.to_state != CaseState.DRAFT.value)
        .group_by(CaseEvent.case_id)
        .subquery()
    )
    query = (
        select(CaseEvent, Case)
        .join(first, and_(first.c.case_id == CaseEvent.case_id, first.c.seq == CaseEvent.seq))
        .join(Case, Case.id == CaseEvent.case_id)
        .where(CaseEvent.at >= lo, CaseEvent.at < hi)
        .order_by(CaseEvent.at, Case.id)
    )
    clerks = {c.id: c.name for c in session.scalars(select(Clerk))}
    rows = []
    for event, case in session.execute(query).all():
        result = case.state.value
        if case.deficiency_accepted and case.state is CaseState.ACCEPTED:
            result += "（容缺）"
        rows.append(
            LedgerRow(
                at=event.at.astimezone(clock.CHINA),
                case_no=case.case_no,
                item_name=case.item_name,
                applicant=case.person.name if case.person else "",
                result=result,
                clerk=clerks.get(event.clerk_id or case.created_by_id or 0, ""),
                rating=case.rating or NOT_RATED,
                rating_reason=case.rating_reason or case.rating_comment or "",
            )
        )
    station = current_station(session)
    return Ledger(
        station_name=station.name if station else "",
        station_code=station.code if station else "",
        start=start,
        end=end,
        rows=tuple(rows),
        generated_at=clock.now().astimezone(clock.CHINA),
    )


HEADERS = ("受理时间", "办件编号", "办理事项", "申请人", "办理结果", "经办人", "好差评", "差评原因")


def row_values(row: LedgerRow) -> tuple[str, ...]:
    return (
        row.at.strftime("%Y-%m-%d %H:%M"),
        row.case_no,
        row.item_name,
        row.applicant,
        row.result,
        row.clerk,
        row.rating,
        row.rating_reason,
    )


def spreadsheet_text(value: str) -> str:
    """A text a spreadsheet shows as typed, never evaluates: a formula prefix gets a leading '."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def export_xlsx(session: Session, ledger: Ledger, out: Path, *, clerk: Clerk | None) -> int:
    """Write the 台账 and its statistics as .xlsx (audited as leaving the station); the row count."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    require(clerk, Permission.EXPORT)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "办件台账"
    sheet.append([spreadsheet_text(f"{ledger.station_name} 办件台账 {ledger.period}")])
    sheet.append(list(HEADERS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in ledger.rows:
        sheet.append([spreadsheet_text(v) for v in row_values(row)])
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # text, whatever it starts with
    for column, width in zip("ABCDEFGH", (17, 26, 30, 10, 14, 10, 10, 24), strict=True):
        sheet.column_dimensions[column].width = width
    stats = book.create_sheet("统计")
    s = ledger.stats
    stats.append(["合计", s.total])
    for heading, pairs in (
        ("按事项", s.by_item),
        ("按经办人", s.by_clerk),
        ("按办理结果", s.by_result),
        ("按好差评", s.by_rating),
    ):
        stats.append([])
        stats.append([heading])
        for name, n in pairs:
            stats.append([spreadsheet_text(name), n])
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    audit.record(
        session,
        "ledger.export",
        f"ledger:{ledger.start.isoformat()}..{ledger.end.isoformat()}",
        clerk=clerk,
        detail={"rows": len(ledger.rows), "format": "xlsx"},
    )
    return len(ledger.rows)
