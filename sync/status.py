"""What the sync center shows, and the few changes it may make (Qt-free, one session each).

Per batch (``sync_batch``), per case (the latest outbox row of each case with the hub's answer
from ``sync_batch_item``), the rows of a batch's reconciliation list (同步对账单), whether an
automatic run has work to do, and what "retry" may re-queue. No personal data leaves here:
case numbers, item names, states and the hub's reason codes only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import clock
from models.errors import UserFacingError
from models.media import read_verified
from models.orm import Case, SyncBatch, SyncBatchItem, SyncMedia, SyncOutbox, SyncRun
from models.reconciliation import ReconciliationRow
from sync.engine import sync_status

#: outbox status → the sync center's word for it (pending / sent / accepted / rejected)
OUTBOX_STATES = {"pending": "pending", "sent": "sent", "acked": "accepted", "rejected": "rejected"}

#: the state words on the printed reconciliation list (a domain document, as lifecycle labels)
RESULT_LABELS = {"accepted": "已确认", "rejected": "被拒绝", None: "待确认"}


@dataclass(frozen=True)
class BatchRow:
    pk: int
    batch_id: str
    status: str  # sent / acked / superseded
    cases: int
    accepted: int
    rejected: int
    started_at: dt.datetime
    acked_at: dt.datetime | None

    @property
    def unanswered(self) -> int:
        return max(0, self.cases - self.accepted - self.rejected)


@dataclass(frozen=True)
class CaseRow:
    case_uuid: str
    case_no: str
    item_name: str
    revision: int
    case_state: str  # the case's lifecycle state (Chinese domain word)
    sync_state: str  # pending / sent / accepted / rejected
    reason_code: str | None = None
    field: str | None = None
    material: str | None = None
    reason: str | None = None
    duplicate: bool = False
    reopened_case_no: str | None = None
    batch_id: str | None = None
    at: dt.datetime | None = None


@dataclass(frozen=True)
class SyncOverview:
    counts: dict[str, Any]
    batches: list[BatchRow] = field(default_factory=list)
    cases: list[CaseRow] = field(default_factory=list)


def overview(session: Session, *, batch_limit: int = 100, case_limit: int = 500) -> SyncOverview:
    """Counts, the latest batches and the latest sync state of each queued case."""
    batches = [
        _batch_row(b) for b in session.scalars(select(SyncBatch).order_by(SyncBatch.id.desc()).limit(batch_limit))
    ]
    rows = list(
        session.scalars(
            select(SyncOutbox).where(SyncOutbox.kind == "case").order_by(SyncOutbox.id.desc()).limit(case_limit * 4)
        )
    )
    latest: dict[str, SyncOutbox] = {}
    for row in rows:
        if row.case_uuid and row.case_uuid not in latest:
            latest[row.case_uuid] = row
    cases = _case_rows(session, list(latest.values())[:case_limit])
    return SyncOverview(sync_status(session), batches, cases)


def batch_cases(session: Session, batch_pk: int) -> list[CaseRow]:
    """The case revisions of one batch with the hub's answer for each."""
    items = list(
        session.scalars(select(SyncBatchItem).where(SyncBatchItem.batch_id == batch_pk).order_by(SyncBatchItem.id))
    )
    batch = session.get(SyncBatch, batch_pk)
    seen: set[str] = set()
    out: list[CaseRow] = []
    for item in items:
        if item.case_uuid in seen:  # one row per case revision (a case may have several outbox rows)
            continue
        seen.add(item.case_uuid)
        state = "sent" if item.result is None else item.result
        out.append(_case_row(session, item.case_uuid, item.revision, state, item, batch))
    return out


@dataclass(frozen=True)
class BatchReconciliation:
    """One batch's lines for its 同步对账单 (the shell adds station, clerk and time, and prints)."""

    batch_id: str
    rows: tuple[ReconciliationRow, ...]


def reconciliation(session: Session, batch_pk: int) -> BatchReconciliation:
    """One batch, case by case, with the hub's answer (printing/reconciliation.py prints it)."""
    batch = session.get(SyncBatch, batch_pk)
    if batch is None:
        raise UserFacingError("sync_center.no_batch")
    rows = []
    for row in batch_cases(session, batch_pk):
        result = row.sync_state if row.sync_state in ("accepted", "rejected") else None
        when = batch.acked_at if result else batch.started_at
        rows.append(
            ReconciliationRow(
                case_no=row.case_no,
                item_name=row.item_name,
                revision=row.revision,
                status=RESULT_LABELS[result],
                at=when.astimezone(clock.CHINA).strftime("%m-%d %H:%M") if when else "",
                note=_note(row),
            )
        )
    return BatchReconciliation(batch.batch_id, tuple(rows))


def has_work(counts: Mapping[str, Any]) -> bool:
    """Anything waiting to go up (cases never sent or sent without a stored answer, or media)."""
    return bool(counts.get("pending") or counts.get("sent") or counts.get("media_pending"))


def auto_sync_due(session: Session, interval: dt.timedelta, now: dt.datetime | None = None) -> bool:
    """Should an automatic run start now: work is waiting, or the last good run (which also
    brings the centre's results down) is older than ``interval``."""
    if has_work(sync_status(session)):
        return True
    last_ok = session.scalar(select(SyncRun.started_at).where(SyncRun.status == "ok").order_by(SyncRun.id.desc()))
    return last_ok is None or (now or clock.now()) - last_ok >= interval


@dataclass(frozen=True)
class RetryOutcome:
    media_requeued: int  # files marked corrupt that verify now: they go up on the next run
    media_still_corrupt: int
    unanswered: int  # case revisions sent without a stored answer: the next run sends them again
    rejected_final: int  # hub rejections: the hub keeps its answer per revision; a clerk corrects the reopened draft


def retry_rejected(session: Session, media_root: Path) -> RetryOutcome:
    """Re-queue what the model allows to be sent again.

    A revision the hub rejected is not re-sent: the hub answers per case revision and would
    answer the same again (sync/engine.py reopened it as a new draft for the clerk). What can be
    retried is a material file the engine found corrupt on disk and did not send: checked again
    here, one that verifies now (restored from a backup) loses its "corrupt" mark and goes up with
    the run that follows; one still corrupt is counted for the operator. Revisions sent without a
    stored answer are counted too: every run sends them again.
    """
    requeued = still = 0
    for mark in list(session.scalars(select(SyncMedia).where(SyncMedia.status == "corrupt"))):
        try:
            data = read_verified(media_root, mark.sha256)
        except (OSError, UserFacingError):
            still += 1
            continue
        if len(data) != mark.size:
            still += 1
            continue
        session.delete(mark)
        requeued += 1
    counts = sync_status(session)
    return RetryOutcome(requeued, still, int(counts["sent"]), int(counts["rejected"]))


# --- helpers -------------------------------------------------------------------------------


def _batch_row(b: SyncBatch) -> BatchRow:
    return BatchRow(b.id, b.batch_id, b.status, b.cases, b.accepted, b.rejected, b.started_at, b.acked_at)


def _case_rows(session: Session, outbox_rows: list[SyncOutbox]) -> list[CaseRow]:
    out = []
    for row in outbox_rows:
        assert row.case_uuid is not None
        item = session.scalar(
            select(SyncBatchItem).where(SyncBatchItem.outbox_id == row.id).order_by(SyncBatchItem.id.desc())
        )
        batch = session.get(SyncBatch, item.batch_id) if item is not None else None
        state = OUTBOX_STATES.get(row.status, row.status)
        local_reason = None
        if row.status == "rejected" and item is None and row.error:  # rejected here (e.g. case missing)
            local_reason = _json(row.error).get("reason_code")
        case_row = _case_row(session, row.case_uuid, row.revision or 0, state, item, batch, at=row.acked_at)
        if local_reason:
            case_row = CaseRow(**{**case_row.__dict__, "reason_code": local_reason})
        out.append(case_row)
    return out


def _case_row(
    session: Session,
    case_uuid: str,
    revision: int,
    state: str,
    item: SyncBatchItem | None,
    batch: SyncBatch | None,
    at: dt.datetime | None = None,
) -> CaseRow:
    case = session.scalar(select(Case).where(Case.uuid == case_uuid))
    reopened = None
    if item is not None and item.reopened_uuid:
        reopened = session.scalar(select(Case.case_no).where(Case.uuid == item.reopened_uuid))
    return CaseRow(
        case_uuid=case_uuid,
        case_no=case.case_no if case else "",
        item_name=case.item_name if case else "",
        revision=revision,
        case_state=str(case.state) if case else "",
        sync_state=state,
        reason_code=item.reason_code if item else None,
        field=item.field if item else None,
        material=item.material if item else None,
        reason=item.reason if item else None,
        duplicate=bool(item.duplicate) if item else False,
        reopened_case_no=reopened,
        batch_id=batch.batch_id if batch else None,
        at=at or (batch.acked_at if batch else None),
    )


def _note(row: CaseRow) -> str:
    parts = []
    if row.reason_code:
        what = row.field or row.material or ""
        parts.append(f"{row.reason_code} {what}".strip())
    if row.reopened_case_no:
        parts.append(f"→ {row.reopened_case_no}")
    if row.duplicate:
        parts.append("重复")
    return "；".join(parts)


def _json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
