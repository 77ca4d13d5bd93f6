"""Domain services for cases: open, fill in, move through the lifecycle, query.

Functions take a ``Session`` inside the caller's write transaction (``Database.write()``)
and never commit themselves, so one user action is one transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import audit, clock, clock_guard, deadlines, notify
from models.deadlines import TimeLimitLike
from models.enums import StationLevel
from models.errors import IllegalTransition, ValidationError
from models.lifecycle import Action, CaseState, next_state
from models.numbering import next_case_no
from models.orm import Case, CaseEvent, CaseFieldValue, Clerk, MaterialEntry, Person, Station, SyncOutbox
from models.permissions import Permission, require, require_action
from models.workdays import WorkCalendar

#: Actor name recorded for results that come back from the centre by sync.
CENTRE = "centre"
#: Working days to bring what a 容缺受理 left owed when the station sets none: the seeds set no
#: 补齐 period for 容缺 (003 gives one only for 定点 applications, "申请机构应在5个工作日内补齐补正",
#: 003#10059), so the station's setting (models/settings.py DEFICIENCY_DAYS) defaults to it.
DEFAULT_DEFICIENCY_DAYS = 5
#: Reason recorded on an acceptance made while the PC's clock looked wrong (models/clock_guard.py).
CLOCK_NOTE = "本机时钟异常，承诺办结日期按{day}起算"


class ItemLike(Protocol):
    """What the lifecycle needs of a catalog service item (models/catalog provides it)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def allows_deficiency(self) -> bool: ...
    def time_limit_for(self, level: StationLevel, values: Mapping[str, Any] | None = None) -> TimeLimitLike: ...
    def counter_limit(self, level: StationLevel, values: Mapping[str, Any] | None = None) -> TimeLimitLike: ...
    def can_accept(self, level: StationLevel) -> bool: ...
    def can_approve(self, level: StationLevel) -> bool: ...


@dataclass(frozen=True)
class MaterialLine:
    key: str
    name: str


def open_case(
    session: Session,
    *,
    station: Station,
    item: ItemLike,
    catalog_version: str,
    clerk: Clerk | None,
    catalog_profile: str | None = None,
    person: Person | None = None,
    fields: Mapping[str, str] | None = None,
    materials: Sequence[MaterialLine] = (),
    by_agent: bool = False,
    parent: Case | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """A new draft case with its number, its catalog version pinned, and its checklist."""
    require(clerk, Permission.CASE_INTAKE)
    moment = now or clock.now()
    case = Case(
        uuid=str(uuidlib.uuid4()),
        revision=(parent.revision + 1) if parent else 1,
        parent_uuid=parent.uuid if parent else None,
        case_no=next_case_no(session, station, clock.local_date(moment)),
        station=station,
        person=person,
        item_code=item.code,
        item_name=item.name,
        catalog_version=catalog_version,
        catalog_profile=catalog_profile,
        state=CaseState.DRAFT,
        by_agent=by_agent,
        created_by=clerk,
        created_at=moment,
        updated_at=moment,
    )
    session.add(case)
    session.flush()
    for line in materials:
        session.add(MaterialEntry(case_id=case.id, material_key=line.key, name=line.name, status="missing"))
    if fields:
        set_fields(session, case, fields, now=moment)
    record_event(session, case, "open", None, CaseState.DRAFT, clerk, None, moment, None, clock_reading=now is None)
    return case


def set_fields(session: Session, case: Case, values: Mapping[str, str], now: dt.datetime | None = None) -> None:
    """Save 受理信息 values (drafts autosave through this); empty values are removed."""
    if case.state.is_final:
        raise IllegalTransition("case.closed", state=case.state.value)
    current = {f.key: f for f in case.fields}
    for key, value in values.items():
        text = (value or "").strip()
        if key in current:
            if text:
                current[key].value = text
            else:
                case.fields.remove(current[key])
        elif text:
            case.fields.append(CaseFieldValue(key=key, value=text))
    case.updated_at = now or clock.now()
    session.flush()


def set_material_status(
    session: Session, case: Case, key: str, status: str, satisfied_by: str | None = None
) -> MaterialEntry:
    if status not in ("received", "missing", "deferred", "not_applicable"):
        raise ValueError(f"unknown material status {status!r}")
    entry = session.scalar(
        select(MaterialEntry).where(MaterialEntry.case_id == case.id, MaterialEntry.material_key == key)
    )
    if entry is None:
        raise ValidationError("case.unknown_material", key=key)
    entry.status = status
    entry.satisfied_by = satisfied_by
    session.flush()
    return entry


def missing_materials(session: Session, case: Case) -> list[MaterialEntry]:
    return list(
        session.scalars(
            select(MaterialEntry)
            .where(MaterialEntry.case_id == case.id, MaterialEntry.status.in_(("missing", "deferred")))
            .order_by(MaterialEntry.id)
        )
    )


def apply_action(
    session: Session,
    case: Case,
    action: Action,
    *,
    item: ItemLike,
    clerk: Clerk | None,
    reason: str | None = None,
    actor: str | None = None,
    calendar: WorkCalendar | None = None,
    deficiency: bool = False,
    deficiency_days: int | None = None,
    at_counter: bool = False,
    now: dt.datetime | None = None,
) -> Case:
    """Move ``case`` by ``action`` after checking the state machine and the station's rights.

    ``actor=CENTRE`` marks a result that came back from the centre (by sync): it is not
    bound by what this station's level may approve. ``at_counter``: the 审核/办结 of a 即办件
    this level may approve, done at submit by the clerk who took it in (their role needs
    ``CASE_FINISH_IMMEDIATE``, not ``CASE_REVIEW``). ``deficiency_days``: working days the
    applicant has to bring what a 容缺受理 leaves owed.
    """
    moment = now or clock.now()
    level = case.station.level
    before = case.state
    after = next_state(before, action, reason)
    local = actor != CENTRE
    if at_counter and action in (Action.APPROVE, Action.COMPLETE):
        require(clerk, Permission.CASE_FINISH_IMMEDIATE)
        if not item.can_approve(level):
            raise IllegalTransition("case.level_cannot_approve", level=level.value, item=item.name)
    else:
        require_action(clerk, action)  # the role's right, checked here and not only in the GUI

    if action is Action.ACCEPT:
        if not item.can_accept(level):
            raise IllegalTransition("case.level_cannot_accept", level=level.value, item=item.name)
        calendar = calendar or deadlines.load_calendar(session)
        counted_from = _accept(session, case, item, level, deficiency, calendar, moment, judge_clock=now is None)
        if case.deficiency_accepted:
            days = DEFAULT_DEFICIENCY_DAYS if deficiency_days is None else deficiency_days
            case.deficiency_due = calendar.add_working_days(clock.local_date(case.accepted_at or moment), days)
            if case.time_limit_days == 0:
                # A 即办件 taken in 容缺 is finished when the owed material arrives: its promise is
                # the 补齐 date, not "today" (which would be overdue tomorrow).
                case.promised_date = case.deficiency_due
        if counted_from is not None and not reason:
            # Visible on the case desk's timeline and at the hub: the date was not the clock's.
            reason = CLOCK_NOTE.format(day=counted_from.isoformat())
    elif action in (Action.APPROVE, Action.REJECT) and local and not item.can_approve(level):
        raise IllegalTransition("case.level_cannot_approve", level=level.value, item=item.name)
    elif action is Action.FORWARD:
        case.forwarded_to = _next_level(level).value
    elif action is Action.RETURN_FOR_SUPPLEMENT and not missing_materials(session, case):
        raise IllegalTransition("case.nothing_missing")
    elif action is Action.SUPPLY_DEFICIENCY:
        if missing_materials(session, case):
            raise IllegalTransition("case.materials_still_missing")
        case.deficiency_accepted = False
        case.deficiency_due = None

    case.state = after
    case.updated_at = moment
    if after.is_final:
        case.finished_at = moment
    record_event(session, case, action.value, before, after, clerk, actor, moment, reason, clock_reading=now is None)
    audit.record(
        session,
        f"case.{action.value}",
        f"case:{case.case_no}",
        clerk=clerk,
        detail={"from": before.value, "to": after.value, "actor": actor or ""},
    )
    message = notify.on_state(session, case, after, reason=reason, moment=moment) if after != before else None
    if local or message is not None:
        # A message made for a centre result goes up too: the hub's SMS gateway sends it.
        enqueue_case(session, case, moment)
    return case


def _accept(
    session: Session,
    case: Case,
    item: ItemLike,
    level: StationLevel,
    deficiency: bool,
    calendar: WorkCalendar,
    moment: dt.datetime,
    *,
    judge_clock: bool = True,
) -> dt.date | None:
    """Check the materials and set the promised date; returns the date counted from when the
    clock was suspect (the best known date, not the clock's), else None. A moment the caller
    gave (``judge_clock=False``: demo history, replays) is taken as it is."""
    missing = missing_materials(session, case)
    if missing:
        if not (deficiency and item.allows_deficiency):
            raise IllegalTransition(
                "case.materials_missing", count=len(missing), names="、".join(m.name for m in missing)
            )
        for entry in missing:
            entry.status = "deferred"
        case.deficiency_accepted = True
    # Field values decide conditional limits (e.g. 意外伤害 or not); natural-month limits and
    # 按统筹地区规定 give no working-day count but may still give a date.
    limit = item.counter_limit(level, case.field_map())
    # A wrong clock must not move the deadline silently: count from the best known time
    # (models/clock_guard.py); the event is flagged and says so.
    suspect = False
    accepted = moment
    if judge_clock:
        check = clock_guard.assess(session, moment)
        suspect, accepted = check.suspect, check.best
    case.accepted_at = accepted
    deadlines.promise(case, limit, clock.local_date(accepted), calendar)
    return clock.local_date(accepted) if suspect else None


def _next_level(level: StationLevel) -> StationLevel:
    order = sorted(StationLevel, key=lambda lv: lv.rank)
    return order[min(level.rank + 1, len(order) - 1)]


def record_event(
    session: Session,
    case: Case,
    action: str,
    before: CaseState | None,
    after: CaseState,
    clerk: Clerk | None,
    actor: str | None,
    moment: dt.datetime,
    reason: str | None,
    *,
    clock_reading: bool = True,
) -> CaseEvent:
    """Append one step to the case's timeline (the next ``seq``); state-less events pass the
    current state as both ``before`` and ``after``.

    ``moment`` is kept as the clock read it; the event also gets the station-wide
    ``station_seq`` and ``clock_suspect`` from models/clock_guard.py in the same transaction.
    ``clock_reading=False``: ``moment`` was given by the caller (demo history), not read from the
    clock now, so it is numbered but not judged.
    """
    seq = (session.scalar(select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case.id)) or 0) + 1
    mark = clock_guard.stamp(session, moment, judge=clock_reading)
    event = CaseEvent(
        case_id=case.id,
        seq=seq,
        action=action,
        from_state=before.value if before else None,
        to_state=after.value,
        clerk=clerk,
        actor=actor,
        at=moment,
        reason=reason,
        station_seq=mark.seq,
        clock_suspect=mark.suspect,
    )
    session.add(event)
    session.flush()
    return event


def enqueue_case(session: Session, case: Case, moment: dt.datetime | None = None) -> None:
    """Queue this case revision for upload; one pending row per case is enough."""
    pending = session.scalar(
        select(SyncOutbox).where(
            SyncOutbox.kind == "case", SyncOutbox.case_uuid == case.uuid, SyncOutbox.status == "pending"
        )
    )
    if pending is None:
        session.add(
            SyncOutbox(
                kind="case",
                case_uuid=case.uuid,
                revision=case.revision,
                status="pending",
                enqueued_at=moment or clock.now(),
            )
        )


def open_cases_for(session: Session, person_id: int, item_code: str) -> list[Case]:
    """Duplicate guard: this person's cases for this item that are still open."""
    return [
        c
        for c in session.scalars(select(Case).where(Case.person_id == person_id, Case.item_code == item_code))
        if c.state.is_open
    ]
