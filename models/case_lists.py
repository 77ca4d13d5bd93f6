"""The case desk's work lists (Qt-free): what a clerk must look at today, each a query.

- 今日受理: cases accepted today (the day's counter work): not the drafts typed today, nor the
  cases sent back for 补正 (they were not accepted);
- 即将到期 / 已超期: open accepted cases by their promised date in working days;
- 待补材料: 退回补正 cases and 容缺受理 cases that still owe materials (which ones, by name);
- 待同步: cases whose revision waits in the sync outbox (pending, or sent without an answer);
- 差评待整改: 不满意/非常不满意 ratings with no 整改 recorded yet (models/rating.py);
- 被中心退回: cases the centre rejected by sync (models/centre_rejections.py): the open draft
  to fix, with the centre's reason naming the field or material.

Deadlines (剩N个工作日, due soon, overdue) come from models/deadlines.py.

Every row is a plain dict (``case_views.case_summary`` plus ``accepted_on``, ``due_soon``,
``deadline`` and ``note``) with personal data masked, ready for ``widgets.case_table``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from models import clock
from models.case_views import case_summary
from models.centre_rejections import rejected_by_centre, rejection_for, rejection_note
from models.deadlines import (
    DUE_SOON_DAYS,
    OPEN_ACCEPTED,
    deadline_text,
    due_soon,
    is_due_soon,
    is_overdue,
    load_calendar,
    overdue,
)
from models.lifecycle import CaseState
from models.orm import Case, MaterialEntry, SyncOutbox

#: (key, label) in the order the desk offers them; the first is the default.
LISTS: tuple[tuple[str, str], ...] = (
    ("open", "办理中"),
    ("today", "今日受理"),
    ("due_soon", "即将到期"),
    ("overdue", "已超期"),
    ("materials", "待补材料"),
    ("awaiting_sync", "待同步"),
    ("rejected", "被中心退回"),
    ("bad_rating", "差评待整改"),
    ("supplement", "退回补正"),
    ("draft", "草稿"),
    ("closed", "已办结/已终止"),
    ("all", "全部"),
)
LIST_KEYS = frozenset(key for key, _label in LISTS)


def _accepted_on(day: dt.date) -> Any:
    """受理 on ``day``: a draft or a case sent back for 补正 was not accepted, whatever its dates."""
    return and_(_on_day(Case.accepted_at, day), Case.state.notin_((CaseState.DRAFT, CaseState.SUPPLEMENT)))


def work_list(session: Session, which: str, today: dt.date, limit: int = 2000) -> list[dict[str, Any]]:
    """The rows of one work list, newest (or most urgent) first."""
    if which not in LIST_KEYS:
        raise ValueError(f"unknown work list {which!r}")
    notes: dict[int, str] = {}
    if which == "overdue":
        cases = overdue(session, today)
    elif which == "due_soon":
        cases = due_soon(session, today, DUE_SOON_DAYS)
    elif which == "today":
        cases = _scalars(session, _newest(limit).where(_accepted_on(today)))
    elif which == "materials":
        cases = waiting_for_materials(session, limit)
        notes = owed_materials_notes(session, cases)
    elif which == "awaiting_sync":
        waiting = select(SyncOutbox.case_uuid).where(
            SyncOutbox.kind == "case", SyncOutbox.status.in_(("pending", "sent"))
        )
        cases = _scalars(session, _newest(limit).where(Case.uuid.in_(waiting)))
        notes = {c.id: "等待上传" for c in cases}
        sent = set(
            session.scalars(select(SyncOutbox.case_uuid).where(SyncOutbox.kind == "case", SyncOutbox.status == "sent"))
        )
        notes.update({c.id: "已发送，等待中心确认" for c in cases if c.uuid in sent})
    elif which == "bad_rating":
        cases = list(session.scalars(_bad_ratings().order_by(Case.rated_at, Case.id).limit(limit)))
        notes = {c.id: "；".join(p for p in (c.rating, c.rating_reason, c.rating_comment) if p) for c in cases}
    elif which == "rejected":
        pairs = rejected_by_centre(session, limit)
        cases = [case for case, _rej in pairs]
        notes = {case.id: rejection_note(case, rej) for case, rej in pairs}
    else:
        query = _newest(limit)
        by_list: dict[str, list[CaseState]] = {
            "open": [s for s in CaseState if s.is_open and s is not CaseState.DRAFT],
            "supplement": [CaseState.SUPPLEMENT],
            "draft": [CaseState.DRAFT],
            "closed": [s for s in CaseState if s.is_final],
        }
        states = by_list.get(which)
        if states is not None:
            query = query.where(Case.state.in_(states))
        cases = _scalars(session, query)
        if which in ("open", "supplement", "all"):
            notes = owed_materials_notes(session, [c for c in cases if _owes(c)])
        for case in cases:  # a reopened draft says why it came back, in every list
            if case.parent_uuid and case.state is CaseState.DRAFT and (rej := rejection_for(session, case)):
                notes[case.id] = rejection_note(case, rej)
    return rows_for(session, cases, today, notes)


def rows_for(
    session: Session, cases: Iterable[Case], today: dt.date, notes: dict[int, str] | None = None
) -> list[dict[str, Any]]:
    """Desk rows for ``cases`` (search results use this too): masked summary plus deadline state."""
    calendar = load_calendar(session)
    horizon = calendar.add_working_days(today, DUE_SOON_DAYS)
    out = []
    for case in cases:
        row = case_summary(case, today)
        row["accepted_on"] = clock.local_date(case.accepted_at).isoformat() if case.accepted_at else ""
        row["due_soon"] = is_due_soon(case, today, horizon)
        row["overdue"] = is_overdue(case, today)
        row["deadline"] = deadline_text(case, today, calendar)
        row["note"] = (notes or {}).get(case.id, "")
        out.append(row)
    return out


# The lists' own queries ---------------------------------------------------------------------


def waiting_for_materials(session: Session, limit: int = 2000) -> list[Case]:
    """退回补正 cases, and open 容缺受理 cases with a material still deferred or missing."""
    owing = select(MaterialEntry.case_id).where(MaterialEntry.status.in_(("missing", "deferred")))
    query = _newest(limit).where(
        or_(
            Case.state == CaseState.SUPPLEMENT,
            and_(Case.deficiency_accepted.is_(True), Case.state.in_(OPEN_ACCEPTED), Case.id.in_(owing)),
        )
    )
    return _scalars(session, query)


def owed_materials(session: Session, case_ids: Sequence[int]) -> dict[int, list[str]]:
    """Names of the materials each case still owes (missing or 容缺), in checklist order."""
    if not case_ids:
        return {}
    rows = session.execute(
        select(MaterialEntry.case_id, MaterialEntry.name)
        .where(MaterialEntry.case_id.in_(case_ids), MaterialEntry.status.in_(("missing", "deferred")))
        .order_by(MaterialEntry.case_id, MaterialEntry.id)
    )
    out: dict[int, list[str]] = {}
    for case_id, name in rows:
        out.setdefault(case_id, []).append(name)
    return out


def owed_materials_notes(session: Session, cases: Sequence[Case]) -> dict[int, str]:
    owed = owed_materials(session, [c.id for c in cases])
    return {
        case_id: ("容缺待补：" if _by_id(cases, case_id).deficiency_accepted else "待补：") + "、".join(names)
        for case_id, names in owed.items()
    }


def list_counts(session: Session, today: dt.date) -> dict[str, int]:
    """How many cases each urgent list holds (shown beside the list's name)."""
    count = func.count(Case.id)
    waiting = select(SyncOutbox.case_uuid).where(SyncOutbox.kind == "case", SyncOutbox.status.in_(("pending", "sent")))
    return {
        "today": int(session.scalar(select(count).where(_accepted_on(today))) or 0),
        "due_soon": len(due_soon(session, today, DUE_SOON_DAYS)),
        "overdue": len(overdue(session, today)),
        "materials": len(waiting_for_materials(session)),
        "awaiting_sync": int(session.scalar(select(count).where(Case.uuid.in_(waiting))) or 0),
        "rejected": len(rejected_by_centre(session)),
        "bad_rating": int(session.scalar(select(func.count()).select_from(_bad_ratings().subquery())) or 0),
    }


def _bad_ratings() -> Select[Case]:
    from models.rating import BAD_RATINGS

    return select(Case).where(Case.rating.in_(sorted(BAD_RATINGS)), Case.rating_followup_at.is_(None))


# Helpers ------------------------------------------------------------------------------------


def _owes(case: Case) -> bool:
    return case.state is CaseState.SUPPLEMENT or (case.deficiency_accepted and case.state in OPEN_ACCEPTED)


def _by_id(cases: Sequence[Case], case_id: int) -> Case:
    return next(c for c in cases if c.id == case_id)


def _on_day(column: Any, day: dt.date) -> Any:
    start = dt.datetime.combine(day, dt.time(), clock.CHINA).astimezone(dt.UTC)
    return and_(column >= start, column < start + dt.timedelta(days=1))


def _newest(limit: int) -> Select[Case]:
    return select(Case).order_by(Case.id.desc()).limit(limit)


def _scalars(session: Session, query: Select[Case]) -> list[Case]:
    return list(session.scalars(query))
