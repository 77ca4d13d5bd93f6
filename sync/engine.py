"""The sync engine: outbox → batches → hub → acknowledgements → inbox. Qt-free.

Three kinds of step, as STYLE.md section 6 asks: short DB operations (collect the outbox,
store one batch's answers, apply one page of results) around network I/O that holds no
database transaction. Nothing is marked synced before the hub's answer is committed here;
everything sent is idempotent at the hub (cases by uuid + revision + event seq, media by
sha256 and offset), so a run cut anywhere is simply run again.
"""

from __future__ import annotations

import base64
import json
import logging
import tempfile
import threading
import time
import uuid as uuidlib
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit, clock, clock_guard
from models.cases import CENTRE, apply_action
from models.db import Database
from models.errors import Cancelled, UserFacingError
from models.holiday_notice import recount_provisional
from models.media import read_verified
from models.orm import (
    Case,
    HolidayOverride,
    MaterialEntry,
    MaterialFile,
    Person,
    SyncBatch,
    SyncBatchItem,
    SyncCursor,
    SyncInbox,
    SyncMedia,
    SyncOutbox,
    SyncRun,
)
from models.progress import CancelToken, Progress, ProgressFn, no_progress
from sync import protocol as p
from sync.errors import SyncError
from sync.records import RESULT_ACTIONS, SyncedItem, case_record, reopen_rejected, store_insurance

if TYPE_CHECKING:  # the client (and httpx) load with the first run, not with the counter's window
    from sync.client import HubClient

logger = logging.getLogger(__name__)

PageT = TypeVar("PageT", bound=p.Page)
#: How often a media upload reports its bytes while files are in flight.
PROGRESS_EVERY_S = 0.25
#: The roster's cursor. Renamed with schema 0011 (the old "roster" row is left as it was): a
#: station upgraded from 0010 fetches the roster once more, now with each person's 参保信息.
ROSTER_CURSOR = "roster_insured"


@dataclass
class SyncOptions:
    batch_size: int = 50
    chunk_size: int = 256 * 1024
    #: media requests in flight at once (docs/sync-protocol.md, Upload); 1: one after another
    media_window: int = 3
    #: bytes per second for media uploads (None: no limit)
    bandwidth_bps: int | None = None
    page_size: int = 500
    catalog: bool = False


@dataclass
class SyncReport:
    """What one run did. ``complete`` is set only when every step finished."""

    batches_total: int = 0
    batches_done: int = 0
    cases_sent: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    reopened: list[str] = field(default_factory=list)  # case numbers of the new drafts
    media_total: int = 0
    media_uploaded: int = 0
    media_corrupt: int = 0
    media_bytes: int = 0
    results_applied: int = 0
    result_conflicts: int = 0
    holidays: int = 0
    roster: int = 0
    catalog_version: str | None = None
    catalog_error: str | None = None
    complete: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class SentCase(Protocol):
    """What acknowledging a sent case needs of it: a ``CaseRecord``, or a reference to one that
    was sent earlier (a USB bundle's return, sync/bundle.py)."""

    uuid: str
    revision: int


@dataclass
class _Plan:
    batches: list[list[tuple[list[int], p.CaseRecord]]]
    media: list[tuple[str, int]]


class SyncEngine:
    def __init__(
        self,
        db: Database,
        media_root: Path,
        client: HubClient | None,
        options: SyncOptions | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.db = db
        self.media_root = media_root
        #: None for an engine that only works on the database (USB bundles, sync/bundle.py)
        self._client = client
        self.options = options or SyncOptions()
        self.sleep = sleep
        #: Who started the run, for the audit log (a ClerkSession; None: the system, e.g. a timer).
        self.audit_clerk: Any = None
        #: Called once a run completed (sync/runner.py pins the hub's answer-signing key then).
        self.after_good_run: Callable[[], object] | None = None

    @property
    def client(self) -> HubClient:
        if self._client is None:
            raise SyncError("sync.no_hub")
        return self._client

    # --- the run ------------------------------------------------------------------------

    def run(self, progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> SyncReport:
        token = cancel or CancelToken()
        report = SyncReport()
        run_id = self._start_run()
        try:
            # First, a 9002 that carries no personal data: its answer must be signed by the hub
            # this station pinned (HubClient refuses it otherwise), so nothing is sent to a hub
            # it does not trust (docs/sync-protocol.md, "The hub's key").
            # It also hands the hub this station's audit-chain head to keep (issue 17 item 11).
            self.client.call(p.Tx.STATION_STATUS, p.StatusInput(audit_head=self._audit_head()))
            plan = self._collect()
            report.batches_total = len(plan.batches)
            report.media_total = len(plan.media)
            self._upload_media(plan, report, progress, token)
            self._upload_cases(plan, report, progress, token)
            self._pull_results(report, progress, token)
            self._pull_holidays(report, token)
            self._pull_roster(report, progress, token)
            if self.options.catalog:
                self._pull_catalog(report)
            report.complete = True
            if self.after_good_run is not None:
                self.after_good_run()  # sync/runner.py: pin the hub's key if not pinned yet
        except Cancelled:
            self._finish_run(run_id, "cancelled", None, report)
            raise
        except UserFacingError as exc:
            self._finish_run(run_id, "failed", exc.code, report)
            raise
        except Exception:
            self._finish_run(run_id, "failed", "sync.internal", report)
            raise
        self._finish_run(run_id, "ok", None, report)
        progress(Progress(1, 1, "done"))
        return report

    def _audit_head(self) -> p.AuditAnchor:
        with self.db.read() as session:
            return p.AuditAnchor.model_validate(audit.head(session))

    def _start_run(self) -> int:
        with self.db.write() as session:
            run = SyncRun(started_at=clock.now(), status="running")
            session.add(run)
            session.flush()
            audit.record(session, "sync.start", f"sync_run:{run.id}", clerk=self.audit_clerk)
            return run.id

    def _finish_run(self, run_id: int, status: str, code: str | None, report: SyncReport) -> None:
        summary = {k: v for k, v in report.to_dict().items() if k != "reopened"}
        with self.db.write() as session:
            run = session.get(SyncRun, run_id)
            if run is not None:
                run.finished_at, run.status, run.error_code = clock.now(), status, code
                run.summary = json.dumps(summary)
            # Counts only (the case numbers of reopened drafts stay out): no personal data.
            counts = {k: v for k, v in summary.items() if isinstance(v, int | bool) or v is None}
            audit.record(
                session,
                "sync.finish",
                f"sync_run:{run_id}",
                clerk=self.audit_clerk,
                detail={"status": status, "error": code, **counts},
            )

    # --- phase 1: collect ---------------------------------------------------------------

    def _collect(self) -> _Plan:
        """Snapshot the outbox (pending and earlier unanswered rows) into batches; mark them sent."""
        with self.db.write() as session:
            rows = list(
                session.scalars(
                    select(SyncOutbox)
                    .where(SyncOutbox.kind == "case", SyncOutbox.status.in_(("pending", "sent")))
                    .order_by(SyncOutbox.id)
                )
            )
            # Batches sent before without a stored answer are superseded by this run's.
            for old in session.scalars(select(SyncBatch).where(SyncBatch.status == "sent")):
                old.status = "superseded"
            by_case: dict[str, list[SyncOutbox]] = {}
            for row in rows:
                if row.case_uuid:
                    by_case.setdefault(row.case_uuid, []).append(row)
            records: list[tuple[list[int], p.CaseRecord]] = []
            needed: dict[str, int] = {}
            for case_uuid, group in by_case.items():
                case = session.scalar(select(Case).where(Case.uuid == case_uuid))
                if case is None:
                    for row in group:
                        row.status, row.error = "rejected", json.dumps({"reason_code": "case.missing_locally"})
                    continue
                record = case_record(session, case)
                records.append(([r.id for r in group], record))
                for material in record.materials:
                    for ref in material.files:
                        needed[ref.sha256] = ref.size
                for row in group:
                    row.status = "sent"
            # Only files the hub acknowledged are skipped: one found corrupt earlier is checked
            # again (restored from a backup, it goes up; still corrupt, it is reported again).
            done = set(
                session.scalars(
                    select(SyncMedia.sha256).where(SyncMedia.sha256.in_(list(needed)), SyncMedia.status == "uploaded")
                )
            )
            size = self.options.batch_size
            batches = [records[i : i + size] for i in range(0, len(records), size)]
        media = [(sha, n) for sha, n in needed.items() if sha not in done]
        return _Plan(batches, media)

    # --- media --------------------------------------------------------------------------

    def _upload_media(self, plan: _Plan, report: SyncReport, progress: ProgressFn, token: CancelToken) -> None:
        """Every file of the plan, ``media_window`` of them in flight at once: on a slow uplink
        one request's round trip and the hub's work overlap the next one's bytes, instead of
        leaving the link idle once per photo. Each request is still one chunk of one file, so a
        lost request costs that chunk, and the hub's acknowledged offset makes it exactly once.
        The database is written here, on the run's own thread, as each file completes."""
        total = sum(size for _, size in plan.media)
        # A bandwidth limit is kept per request: with it, one request at a time.
        window = 1 if self.options.bandwidth_bps else max(1, self.options.media_window)
        lock = threading.Lock()
        partial: dict[str, int] = {}  # bytes the hub acknowledged of files still in flight

        def upload(sha: str, size: int) -> tuple[str, int, int | None]:
            token.check()
            data = self._read_media(sha, size)
            if data is None:
                return sha, size, None

            def on_chunk(offset: int) -> None:
                with lock:
                    partial[sha] = offset

            return sha, size, self._upload_one(sha, data, token, on_chunk)

        todo = iter(plan.media)
        in_flight: set[Future[tuple[str, int, int | None]]] = set()
        error: BaseException | None = None
        finished = 0
        with ThreadPoolExecutor(max_workers=window, thread_name_prefix="sync-media") as pool:
            while True:
                while error is None and len(in_flight) < window and (item := next(todo, None)) is not None:
                    in_flight.add(pool.submit(upload, *item))
                if not in_flight:
                    break
                done, in_flight = wait(in_flight, timeout=PROGRESS_EVERY_S, return_when=FIRST_COMPLETED)
                for future in done:
                    try:
                        sha, size, sent = future.result()
                    except BaseException as exc:  # the others in flight finish; nothing new starts
                        error = error or exc
                        continue
                    if sent is None:
                        report.media_corrupt += 1
                        self._mark_media(sha, size, "corrupt")
                    else:
                        report.media_bytes += sent
                        self._mark_media(sha, size, "uploaded")
                        report.media_uploaded += 1
                    finished += size
                    with lock:
                        partial.pop(sha, None)
                with lock:
                    progress(Progress(finished + sum(partial.values()), total, "media"))
                if error is None and token.cancelled:
                    error = Cancelled()
        if error is not None:
            raise error

    def _read_media(self, sha: str, size: int) -> bytes | None:
        """The file's content, decrypted on a protected station and checked against its name."""
        try:
            data = read_verified(self.media_root, sha)
        except OSError:
            logger.warning("media %s… missing on disk", sha[:12])
            return None
        except UserFacingError:
            logger.warning("media %s… corrupt on disk; not sent", sha[:12])
            return None
        if len(data) != size:
            logger.warning("media %s… has another size than recorded; not sent", sha[:12])
            return None
        return data

    def _upload_one(self, sha: str, data: bytes, token: CancelToken, on_chunk: Callable[[int], None]) -> int:
        """Send ``data`` from the hub's acknowledged offset; returns the bytes sent in this run."""
        from sync.client import HubRefused

        size = len(data)
        if size > self.options.chunk_size:
            status = p.MediaStatusOutput.model_validate(
                self.client.call(p.Tx.MEDIA_STATUS, p.MediaStatusInput(sha256=sha, size=size))
            )
            offset, complete = status.offset, status.complete
        else:
            # One chunk: sending it costs no more than asking first, and saves a round trip per
            # photo on a slow uplink. A hub that holds it answers "complete" (or its offset).
            offset, complete = 0, False
        sent = 0
        hash_failures = 0
        while not complete:
            token.check()
            chunk = data[offset : offset + self.options.chunk_size]
            started = time.monotonic()
            meta = p.MediaChunkInput(
                sha256=sha, size=size, offset=offset, length=len(chunk), chunk_sha256=_sha256(chunk)
            )
            try:
                out = p.MediaStatusOutput.model_validate(self.client.put_chunk(meta, chunk))
                sent += len(chunk)
            except HubRefused as exc:
                if exc.hub_code == p.ERR_MEDIA_OFFSET:  # e.g. our last ack was lost: go on from the hub's
                    out = p.MediaStatusOutput.model_validate(exc.output)
                elif exc.hub_code == p.ERR_MEDIA_HASH and hash_failures == 0:
                    hash_failures += 1
                    out = p.MediaStatusOutput(sha256=sha, offset=0, complete=False)
                else:
                    raise
            offset, complete = out.offset, out.complete
            on_chunk(offset)
            self._throttle(len(chunk), started)
        return sent

    def _throttle(self, nbytes: int, started: float) -> None:
        bps = self.options.bandwidth_bps
        if bps:
            wait = nbytes / bps - (time.monotonic() - started)
            if wait > 0:
                self.sleep(wait)

    def _mark_media(self, sha: str, size: int, status: str) -> None:
        with self.db.write() as session:
            row = session.get(SyncMedia, sha)
            if row is None:
                session.add(SyncMedia(sha256=sha, size=size, status=status, at=clock.now()))
            else:
                row.status, row.at = status, clock.now()

    # --- cases --------------------------------------------------------------------------

    def _upload_cases(self, plan: _Plan, report: SyncReport, progress: ProgressFn, token: CancelToken) -> None:
        total = len(plan.batches)
        progress(Progress(0, total, "cases"))
        for index, batch in enumerate(plan.batches, start=1):
            token.check()
            batch_id = f"{self.client.auth.station_code}-{uuidlib.uuid4().hex[:16]}"
            batch_pk = self._open_batch(batch_id, batch)
            payload = p.CaseBatchInput(batch_id=batch_id, cases=[record for _, record in batch])
            out = p.CaseBatchOutput.model_validate(self.client.call(p.Tx.CASE_BATCH, payload))
            self._store_acks(batch_pk, batch, out, report)
            report.batches_done = index
            report.cases_sent += len(batch)
            progress(Progress(index, total, "cases"))

    def _open_batch(self, batch_id: str, batch: list[tuple[list[int], p.CaseRecord]]) -> int:
        with self.db.write() as session:
            row = SyncBatch(batch_id=batch_id, status="sent", cases=len(batch), started_at=clock.now())
            session.add(row)
            session.flush()
            for outbox_ids, record in batch:
                for oid in outbox_ids:
                    session.add(
                        SyncBatchItem(batch_id=row.id, outbox_id=oid, case_uuid=record.uuid, revision=record.revision)
                    )
            return row.id

    def _store_acks(
        self, batch_pk: int, batch: Sequence[tuple[list[int], SentCase]], out: p.CaseBatchOutput, report: SyncReport
    ) -> None:
        acks = {(a.uuid, a.revision): a for a in out.acks}
        now = clock.now()
        with self.db.write() as session:
            row = session.get(SyncBatch, batch_pk)
            assert row is not None
            for outbox_ids, record in batch:
                ack = acks.get((record.uuid, record.revision))
                if ack is None:  # not answered: stays "sent" and goes again next run
                    continue
                items = list(
                    session.scalars(
                        select(SyncBatchItem).where(
                            SyncBatchItem.batch_id == batch_pk, SyncBatchItem.case_uuid == record.uuid
                        )
                    )
                )
                reopened: str | None = None
                if ack.result == "rejected":
                    case = session.scalar(select(Case).where(Case.uuid == record.uuid))
                    if case is not None and not _already_reopened(session, case.uuid):
                        draft = reopen_rejected(session, case, ack, now)
                        reopened = draft.uuid
                        report.reopened.append(draft.case_no)
                    row.rejected += 1
                    report.rejected += 1
                else:
                    row.accepted += 1
                    report.accepted += 1
                    report.duplicates += int(ack.duplicate)
                for item in items:
                    item.result, item.duplicate = ack.result, ack.duplicate
                    item.reason_code, item.field, item.material = ack.reason_code or None, ack.field, ack.material
                    item.reason, item.reopened_uuid = ack.reason or None, reopened
                for oid in outbox_ids:
                    outbox = session.get(SyncOutbox, oid)
                    if outbox is None:
                        continue
                    outbox.acked_at = now
                    if ack.result == "accepted":
                        outbox.status, outbox.error = "acked", None
                    else:
                        outbox.status = "rejected"
                        outbox.error = json.dumps(
                            {
                                "reason_code": ack.reason_code,
                                "field": ack.field,
                                "material": ack.material,
                                "reason": ack.reason,
                            }
                        )
            row.status, row.acked_at = "acked", now

    # --- downstream ---------------------------------------------------------------------

    def _cursor(self, name: str) -> int:
        with self.db.read() as session:
            row = session.get(SyncCursor, name)
            return row.value if row else 0

    @staticmethod
    def _set_cursor(session: Session, name: str, value: int) -> None:
        row = session.get(SyncCursor, name)
        if row is None:
            session.add(SyncCursor(name=name, value=value, updated_at=clock.now()))
        else:
            row.value, row.updated_at = value, clock.now()

    def _pull_pages(
        self,
        name: str,
        tx: p.Tx,
        output: type[PageT],
        apply: Callable[[Session, PageT], int],
        token: CancelToken,
        on_page: Callable[[int], None],
    ) -> None:
        """Page through one downstream source by cursor; the cursor is saved in the same
        transaction as the page's data, so an interrupted run resumes without gaps or repeats."""
        cursor = self._cursor(name)
        while True:
            token.check()
            out = output.model_validate(
                self.client.call(tx, p.CursorInput(cursor=cursor, limit=self.options.page_size))
            )
            with self.db.write() as session:
                count = apply(session, out)
                self._set_cursor(session, name, out.cursor)
            on_page(count)
            cursor = out.cursor
            if not out.more:
                return

    def _pull_results(self, report: SyncReport, progress: ProgressFn, token: CancelToken) -> None:
        def apply(session: Session, out: p.ResultsOutput) -> int:
            # The hub's time came with this answer: kept for the clock checks (models/clock_guard.py).
            clock_guard.note_hub_offset(session, self.client.now(), self.client.clock_offset)
            for result in out.results:
                self._apply_result(session, result, report)
            return len(out.results)

        self._pull_pages(
            "results",
            p.Tx.RESULTS,
            p.ResultsOutput,
            apply,
            token,
            lambda _n: progress(Progress(report.results_applied, None, "results")),
        )

    def _apply_result(self, session: Session, result: p.ResultRecord, report: SyncReport) -> None:
        seen = session.scalar(select(SyncInbox).where(SyncInbox.source == "results", SyncInbox.remote_id == result.id))
        if seen is not None:
            return
        entry = SyncInbox(
            source="results",
            remote_id=result.id,
            case_uuid=result.case_uuid,
            action=result.action,
            status="applied",
            at=clock.now(),
        )
        case = session.scalar(select(Case).where(Case.uuid == result.case_uuid))
        if case is None:
            entry.status = "unknown_case"
            report.result_conflicts += 1
        else:
            try:
                with session.begin_nested():
                    apply_action(
                        session,
                        case,
                        RESULT_ACTIONS[result.action],
                        item=SyncedItem(case.item_code, case.item_name),
                        clerk=None,
                        reason=result.reason,
                        actor=CENTRE,
                    )
                report.results_applied += 1
            except UserFacingError as exc:
                # e.g. withdrawn here meanwhile: kept for the sync operator, not retried forever
                entry.status, entry.error = "conflict", exc.code
                report.result_conflicts += 1
        session.add(entry)

    def _pull_holidays(self, report: SyncReport, token: CancelToken) -> None:
        def counted(n: int) -> None:
            report.holidays += n

        self._pull_pages("holidays", p.Tx.HOLIDAYS, p.HolidaysOutput, self._apply_holidays, token, counted)

    @staticmethod
    def _apply_holidays(session: Session, out: p.HolidaysOutput) -> int:
        for h in out.holidays:
            row = session.get(HolidayOverride, h.day)
            if row is None:
                session.add(HolidayOverride(day=h.day, is_workday=h.is_workday, note=h.note, source="centre"))
            else:
                row.is_workday, row.note, row.source = h.is_workday, h.note, "centre"
        if out.holidays:
            # A year's schedule arrived: provisional deadlines are counted again (models/deadlines.py)
            session.flush()
            recount_provisional(session)
        return len(out.holidays)

    def _pull_roster(self, report: SyncReport, progress: ProgressFn, token: CancelToken) -> None:
        def counted(n: int) -> None:
            report.roster += n
            progress(Progress(report.roster, None, "roster"))

        self._pull_pages(ROSTER_CURSOR, p.Tx.ROSTER, p.RosterOutput, self._apply_roster, token, counted)

    @staticmethod
    def _apply_roster(session: Session, out: p.RosterOutput) -> int:
        now = clock.now()
        for r in out.persons:
            person = session.scalar(select(Person).where(Person.id_number == r.id_number))
            if person is None:
                person = Person(
                    id_number=r.id_number, name=r.name, identified_by="roster", created_at=now, updated_at=now
                )
                session.add(person)
            person.name, person.gender, person.birth_date = r.name, r.gender, r.birth_date
            person.card_number, person.updated_at = r.card_number or person.card_number, now
            if r.insurance is not None:  # a record without it (a V1.0 hub) keeps what is held
                store_insurance(person, r.insurance, now)
        return len(out.persons)

    def _pull_catalog(self, report: SyncReport) -> None:
        from models.catalog import version_key
        from models.catalog.loader import available
        from models.catalog.package import install_package

        versions = list(available())
        current = max(versions, key=version_key) if versions else None
        out = p.CatalogOutput.model_validate(self.client.call(p.Tx.CATALOG, p.CatalogInput(current_version=current)))
        if not out.package:
            return
        blob = base64.b64decode(out.package)
        if _sha256(blob) != out.sha256:
            report.catalog_error = "sync.catalog_hash"
            return
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"catalog-{out.version}.zip"
            path.write_bytes(blob)
            try:
                report.catalog_version = install_package(path).version
            except UserFacingError as exc:  # unsigned, untrusted, not newer: the rest of sync stands
                report.catalog_error = exc.code

    # --- online-only look-ups -----------------------------------------------------------

    def resolve_evoucher(self, qr: str) -> p.EvoucherOutput:
        return p.EvoucherOutput.model_validate(self.client.call(p.Tx.EVOUCHER, p.EvoucherInput(qr=qr)))


def _already_reopened(session: Session, case_uuid: str) -> bool:
    return session.scalar(select(Case.id).where(Case.parent_uuid == case_uuid)) is not None


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def sync_status(session: Session) -> dict[str, Any]:
    """Counts for ``tongban sync status`` and the sync center (no personal data)."""
    from sqlalchemy import func

    def outbox(status: str) -> int:
        return int(
            session.scalar(
                select(func.count())
                .select_from(SyncOutbox)
                .where(SyncOutbox.kind == "case", SyncOutbox.status == status)
            )
            or 0
        )

    referenced = (
        select(MaterialFile.sha256)
        .join(MaterialEntry)
        .join(Case)
        .join(SyncOutbox, SyncOutbox.case_uuid == Case.uuid)
        .where(SyncOutbox.status.in_(("pending", "sent")))
    )
    uploaded = select(SyncMedia.sha256).where(SyncMedia.status == "uploaded")
    media_pending = int(
        session.scalar(
            select(func.count(func.distinct(MaterialFile.sha256))).where(
                MaterialFile.sha256.in_(referenced), MaterialFile.sha256.not_in(uploaded)
            )
        )
        or 0
    )
    last = session.scalar(select(SyncRun).order_by(SyncRun.id.desc()))
    batches = list(session.scalars(select(SyncBatch).order_by(SyncBatch.id.desc()).limit(20)))
    conflicts = int(
        session.scalar(select(func.count()).select_from(SyncInbox).where(SyncInbox.status != "applied")) or 0
    )
    return {
        "pending": outbox("pending"),
        "sent": outbox("sent"),
        "accepted": outbox("acked"),
        "rejected": outbox("rejected"),
        "media_pending": media_pending,
        "result_conflicts": conflicts,
        "last_run": None
        if last is None
        else {
            "started_at": last.started_at.isoformat(),
            "finished_at": last.finished_at.isoformat() if last.finished_at else None,
            "status": last.status,
            "error_code": last.error_code,
            "summary": json.loads(last.summary) if last.summary else None,
        },
        "batches": [
            {
                "batch_id": b.batch_id,
                "status": b.status,
                "cases": b.cases,
                "accepted": b.accepted,
                "rejected": b.rejected,
                "started_at": b.started_at.isoformat(),
                "acked_at": b.acked_at.isoformat() if b.acked_at else None,
            }
            for b in batches
        ],
    }
