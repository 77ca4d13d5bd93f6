"""What the hub does with a request, independent of HTTP: authenticate, store, answer.

Functions take a ``HubDb`` (or a session) and protocol types; failures raise ``HubError``
with a machine code from sync/protocol.py, which hub/app.py turns into an ``Answer``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hub.db import (
    HubAuditAnchor,
    HubCase,
    HubCatalog,
    HubDb,
    HubDecision,
    HubEvoucher,
    HubHoliday,
    HubMedia,
    HubMessage,
    HubNonce,
    HubRosterInsurance,
    HubRosterPerson,
    HubStation,
    HubUpload,
)
from hub.sms import LoggingGateway, SmsError, SmsGateway
from models import clock
from models.errors import UserFacingError
from models.fsutil import fsync_dir
from models.lifecycle import CaseState
from models.validation import check_identity_number
from sync import protocol as p

logger = logging.getLogger(__name__)

DECISION_ACTIONS = ("approve", "reject", "pay", "complete")
#: a batch whose insert collided with the same case arriving through another worker is run again
BATCH_ATTEMPTS = 3


class HubError(Exception):
    def __init__(self, code: str, message: str, output: dict[str, Any] | None = None, status: int = 200) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.output = output or {}
        self.status = status


class Hub:
    """One hub: its database, its data directory (media, partial uploads, packages), its policy."""

    def __init__(
        self, db: HubDb, data: Path, *, auto_approve: bool = False, gateway: SmsGateway | None = None
    ) -> None:
        self.db = db
        #: the county's SMS gateway (hub/sms.py); the logging one unless a county configures one
        self.gateway: SmsGateway = gateway or LoggingGateway()
        self.data = data
        self.auto_approve = auto_approve
        self.media_root = data / "media"
        self.partial_root = data / "partial"
        self.packages_root = data / "packages"
        for d in (self.media_root, self.partial_root, self.packages_root):
            d.mkdir(parents=True, exist_ok=True)
        self._drop_stale_spools()

    def _drop_stale_spools(self, older_than_s: float = 3600.0) -> None:
        """Chunk bodies a killed worker left in ``partial/`` (hub/app.py streams each chunk to a
        ``chunk-*.spool`` file). Only old ones: other workers may be receiving into theirs now."""
        import time

        horizon = time.time() - older_than_s
        for spool in self.partial_root.glob("chunk-*.spool"):
            try:
                if spool.stat().st_mtime < horizon:
                    spool.unlink()
            except OSError:
                continue

    # --- authentication -----------------------------------------------------------------

    def station_known(self, code: str) -> bool:
        """Whether ``code`` was ever enrolled here (any status): the header gate's question."""
        with self.db.read() as session:
            return session.get(HubStation, code) is not None

    def authenticate(self, env: p.Envelope, infno: str, now: dt.datetime | None = None) -> HubStation | None:
        """Check infno, signature, freshness and nonce. Returns the station (None while enrolling)."""
        moment = now or clock.now()
        if env.infno != infno:
            raise HubError(p.ERR_BAD_ENVELOPE, "infno does not match the endpoint")
        with self.db.read() as session:
            station = session.get(HubStation, env.station_code)
        if infno == p.Tx.ENROL:
            key_b64 = str(env.input.get("public_key", ""))
        elif station is None:
            raise HubError(p.ERR_UNKNOWN_STATION, "station not enrolled")
        else:
            key_b64 = station.public_key
        try:
            key = p.load_public_key_b64(key_b64)
        except ValueError as exc:
            raise HubError(p.ERR_BAD_ENVELOPE, "bad public key") from exc
        if not p.verify_envelope(env, key):
            raise HubError(p.ERR_BAD_SIGNATURE, "signature does not verify")
        skew = env.sign_time - moment.timestamp()
        if abs(skew) > p.SIGN_WINDOW_S:
            raise HubError(p.ERR_STALE, "sign_time outside the window; correct with server_time")
        self._use_nonce(env, moment)
        if infno not in (p.Tx.ENROL, p.Tx.STATION_STATUS) and (station is None or station.status != "approved"):
            raise HubError(p.ERR_NOT_APPROVED, "station not approved")
        return station

    def _use_nonce(self, env: p.Envelope, moment: dt.datetime) -> None:
        try:
            with self.db.write() as session:
                session.add(HubNonce(station_code=env.station_code, nonce=env.nonce, sign_time=env.sign_time))
                # Nonces older than twice the window can no longer pass the freshness check.
                horizon = int(moment.timestamp()) - 2 * p.SIGN_WINDOW_S
                session.execute(delete(HubNonce).where(HubNonce.sign_time < horizon))
        except IntegrityError as exc:
            raise HubError(p.ERR_REPLAYED, "nonce already used") from exc

    # --- enrolment ----------------------------------------------------------------------

    def enrol(self, env: p.Envelope) -> p.StationStatusOutput:
        data = p.EnrolInput.model_validate(env.input)
        if data.station_code != env.station_code:
            raise HubError(p.ERR_BAD_ENVELOPE, "station code differs from the envelope")
        with self.db.write() as session:
            station = session.get(HubStation, data.station_code)
            if station is not None and station.public_key != data.public_key:
                if station.public_key:
                    # A known station's identity moves to a new key only if its current key says
                    # so (the envelope already proves possession of the new one); anyone else's
                    # key is refused and changes nothing. A station that lost its key asks the
                    # operator (`tongban hub reset-key`), who then approves the new one.
                    if not _endorsed_by(station.public_key, data):
                        logger.warning("station %s: a new key without the current key's signature refused",
                                       data.station_code)
                        raise HubError(p.ERR_KEY_CHANGE, "a known station's key changes only with its current key")
                    logger.info("station %s moved to a new key, signed by its current key", data.station_code)
                else:
                    station.status = "approved" if self.auto_approve else "pending"
                    station.approved_at = clock.now() if self.auto_approve else None
                station.public_key = data.public_key
            elif station is None:
                station = HubStation(
                    code=data.station_code,
                    name=data.name,
                    admdvs=data.admdvs,
                    level=data.level,
                    public_key=data.public_key,
                    status="approved" if self.auto_approve else "pending",
                    enrolled_at=clock.now(),
                    approved_at=clock.now() if self.auto_approve else None,
                )
                session.add(station)
            return p.StationStatusOutput(station_code=station.code, status=station.status)

    def station_status(self, station: HubStation | None, data: p.StatusInput | None = None) -> p.StationStatusOutput:
        assert station is not None
        if data is not None and data.audit_head is not None and data.audit_head.seq > 0:
            self._keep_anchor(station.code, data.audit_head)
        return p.StationStatusOutput(station_code=station.code, status=station.status)

    def _keep_anchor(self, code: str, head: p.AuditAnchor) -> None:
        with self.db.write() as session:
            same = session.scalar(
                select(HubAuditAnchor).where(HubAuditAnchor.station_code == code, HubAuditAnchor.seq == head.seq)
            )
            if same is not None:
                if same.hash != head.hash:
                    logger.warning("station %s: audit entry %s changed since it was anchored", code, head.seq)
                return
            newest = session.scalar(select(func.max(HubAuditAnchor.seq)).where(HubAuditAnchor.station_code == code))
            if newest is not None and head.seq < newest:
                logger.warning("station %s: audit log shorter (%s) than anchored (%s)", code, head.seq, newest)
            session.add(HubAuditAnchor(station_code=code, seq=head.seq, hash=head.hash, received_at=clock.now()))

    def audit_anchor(self, code: str) -> dict[str, Any] | None:
        """The newest anchored head of a station, as ``tongban audit verify --against`` reads it."""
        with self.db.read() as session:
            row = session.scalar(
                select(HubAuditAnchor).where(HubAuditAnchor.station_code == code).order_by(HubAuditAnchor.seq.desc())
            )
            return {"seq": row.seq, "hash": row.hash} if row else None

    # --- cases --------------------------------------------------------------------------

    def receive_batch(self, station: HubStation, data: p.CaseBatchInput) -> p.CaseBatchOutput:
        """One transaction per batch. The same revision arriving at two workers at once (a
        duplicated request) makes one insert fail on the (uuid, revision) key: that batch is
        run again and finds the row, so it is acknowledged as a duplicate, never stored twice."""
        for attempt in range(1, BATCH_ATTEMPTS + 1):
            try:
                with self.db.write() as session:
                    acks = [self._receive_case(session, station, record) for record in data.cases]
                    for record, ack in zip(data.cases, acks, strict=True):
                        if ack.result == "accepted" and record.notifications:
                            self._record_messages(session, station, record)
                self.deliver_messages()
                return p.CaseBatchOutput(batch_id=data.batch_id, acks=acks)
            except IntegrityError:
                if attempt == BATCH_ATTEMPTS:
                    raise
                logger.info("batch %s collided with a concurrent upload; again", data.batch_id)
        raise AssertionError("unreachable")

    def _receive_case(self, session: Session, station: HubStation, record: p.CaseRecord) -> p.CaseAck:
        now = clock.now()
        # FOR UPDATE (PostgreSQL): a concurrent resend waits instead of losing a receipt or an update.
        row = session.scalar(
            select(HubCase).where(HubCase.uuid == record.uuid, HubCase.revision == record.revision).with_for_update()
        )
        if row is not None:
            if row.station_code != station.code:
                return p.CaseAck(uuid=record.uuid, revision=record.revision, result="rejected",
                                 reason_code="case.foreign", field="uuid", reason="case belongs to another station")
            row.receipts += 1
            duplicate = record.event_seq <= row.event_seq
            if not duplicate and row.result == "accepted":
                row.state = record.state
                row.event_seq = record.event_seq
                row.payload = record.model_dump_json()
                row.updated_at = now
            return _ack(row, duplicate=duplicate)
        problem = self._check_case(session, station, record)
        row = HubCase(
            uuid=record.uuid,
            revision=record.revision,
            parent_uuid=record.parent_uuid,
            station_code=station.code,
            case_no=record.case_no,
            item_code=record.item_code,
            state=record.state,
            event_seq=record.event_seq,
            payload=record.model_dump_json(),
            result="rejected" if problem else "accepted",
            reason_code=problem[0] if problem else None,
            reason_field=problem[1] if problem else None,
            reason_material=problem[2] if problem else None,
            reason=problem[3] if problem else None,
            receipts=1,
            received_at=now,
            updated_at=now,
        )
        session.add(row)
        session.flush()  # a concurrent insert of the same revision fails here (IntegrityError)
        return _ack(row, duplicate=False)

    @staticmethod
    def _record_messages(session: Session, station: HubStation, record: p.CaseRecord) -> None:
        """Each of the case's messages once (by the station's id), for the SMS gateway."""
        now = clock.now()
        held = {
            m.station_message_id: m
            for m in session.scalars(select(HubMessage).where(HubMessage.case_uuid == record.uuid))
        }
        for n in record.notifications:
            if n.id in held:
                row = held[n.id]
                if row.status == "no_consent" and n.phone:  # the applicant agreed after submit
                    row.phone, row.status = n.phone, "queued"
                continue
            session.add(
                HubMessage(
                    station_code=station.code,
                    case_uuid=record.uuid,
                    case_no=record.case_no,
                    station_message_id=n.id,
                    event=n.event[:24],
                    text=n.text,
                    phone=n.phone,
                    template_source=n.template_source[:80],
                    composed=n.composed,
                    status="queued" if n.phone else "no_consent",
                    created_at=n.created_at,
                    received_at=now,
                )
            )
        session.flush()

    def deliver_messages(self, limit: int = 100) -> dict[str, int]:
        """Hand queued (and earlier failed) messages to the gateway; never raises into a
        station's upload. Returns counts by outcome."""
        done = {"sent": 0, "failed": 0}
        try:
            with self.db.read() as session:
                ids = list(
                    session.scalars(
                        select(HubMessage.id)
                        .where(HubMessage.status.in_(("queued", "failed")), HubMessage.attempts < 5)
                        .order_by(HubMessage.id)
                        .limit(limit)
                    )
                )
            for message_id in ids:
                with self.db.write() as session:
                    # FOR UPDATE (PostgreSQL): two workers delivering at once send a message once.
                    row = session.get(HubMessage, message_id, with_for_update=True)
                    if row is None or row.status not in ("queued", "failed") or not row.phone:
                        continue
                    row.attempts += 1
                    try:
                        row.gateway_ref = self.gateway.send(row.phone, row.text)[:64]
                        row.status, row.sent_at, row.error = "sent", clock.now(), None
                        done["sent"] += 1
                    except SmsError as exc:
                        row.status, row.error = "failed", str(exc)[:200]
                        done["failed"] += 1
        except Exception:  # the gateway must not break an upload; the next round tries again
            logger.exception("message delivery stopped")
        return done

    def messages(self, station_code: str | None = None) -> list[dict[str, Any]]:
        """The recorded messages for the operator: number masked, text in full (the operator's
        screen, not a log)."""
        from models.masking import mask_phone

        with self.db.read() as session:
            q = select(HubMessage).order_by(HubMessage.id)
            if station_code:
                q = q.where(HubMessage.station_code == station_code)
            return [
                {
                    "id": m.id,
                    "station_code": m.station_code,
                    "case_no": m.case_no,
                    "event": m.event,
                    "text": m.text,
                    "phone": mask_phone(m.phone),
                    "template_source": m.template_source,
                    "composed": m.composed,
                    "status": m.status,
                    "attempts": m.attempts,
                    "sent_at": m.sent_at.isoformat() if m.sent_at else None,
                }
                for m in session.scalars(q)
            ]

    def _check_case(
        self, session: Session, station: HubStation, record: p.CaseRecord
    ) -> tuple[str, str | None, str | None, str] | None:
        """The first reason to reject: (code, field, material, text), or None to accept."""
        if record.case_no.replace("-", "")[:9] != station.code:
            return ("field.invalid", "case_no", None, "case number is not this station's")
        try:
            CaseState(record.state)
        except ValueError:
            return ("field.invalid", "state", None, "unknown case state")
        if record.person is not None:
            try:
                check_identity_number(record.person.id_number)
            except UserFacingError as exc:
                return ("field.invalid", "person.id_number", None, exc.code)
        for material in record.materials:
            for ref in material.files:
                held = session.get(HubMedia, ref.sha256)
                if held is None or held.size != ref.size:
                    return ("material.file_missing", None, material.key, "material file not received")
        return None

    # --- media --------------------------------------------------------------------------

    def media_path(self, sha: str) -> Path:
        return self.media_root / sha[:2] / sha[2:4] / sha

    def _part(self, sha: str) -> Path:
        return self.partial_root / f"{sha}.part"

    def _held_offset(self, upload: HubUpload | None, sha: str) -> int:
        """Bytes acknowledged: the row's offset, unless the partial file is shorter (lost)."""
        if upload is None:
            return 0
        part = self._part(sha)
        on_disk = part.stat().st_size if part.exists() else 0
        return min(upload.offset, on_disk)

    def media_status(self, data: p.MediaStatusInput) -> p.MediaStatusOutput:
        with self.db.read() as session:
            held = session.get(HubMedia, data.sha256)
            upload = session.get(HubUpload, data.sha256)
        if held is not None:
            return p.MediaStatusOutput(sha256=data.sha256, offset=held.size, complete=True)
        offset = self._held_offset(upload, data.sha256)
        return p.MediaStatusOutput(sha256=data.sha256, offset=min(offset, data.size), complete=False)

    def media_chunk(
        self, station: HubStation, data: p.MediaChunkInput, body: bytes | Path
    ) -> p.MediaStatusOutput:
        """Append one chunk at the acknowledged offset. The upload is serialised by the database
        (an advisory lock on PostgreSQL, the write lock on SQLite), so any worker may take any
        chunk; the partial file is written and fsynced before the new offset is committed.
        ``body`` is the chunk, or a file holding it (the HTTP route streams it to one)."""
        if isinstance(body, Path):
            length, digest = body.stat().st_size, _file_sha256(body)
        else:
            length, digest = len(body), hashlib.sha256(body).hexdigest()
        if length != data.length or digest != data.chunk_sha256:
            raise HubError(p.ERR_BAD_ENVELOPE, "chunk does not match its signed length and hash")
        if data.offset + data.length > data.size:
            raise HubError(p.ERR_BAD_ENVELOPE, "chunk goes beyond the declared size")
        sha = data.sha256
        failed: HubError | None = None
        with self.db.write() as session:
            self.db.lock(session, f"media:{sha}")
            held = session.get(HubMedia, sha)
            if held is not None:
                return p.MediaStatusOutput(sha256=sha, offset=held.size, complete=True)
            upload = session.get(HubUpload, sha)
            offset = self._held_offset(upload, sha)
            if data.offset != offset:
                status = p.MediaStatusOutput(sha256=sha, offset=offset, complete=False)
                raise HubError(p.ERR_MEDIA_OFFSET, "offset differs from the bytes held", status.model_dump())
            part = self._part(sha)
            with part.open("r+b" if part.exists() else "wb") as fh:
                fh.truncate(offset)  # bytes past the acknowledged offset were never acknowledged
                fh.seek(offset)
                if isinstance(body, Path):
                    with body.open("rb") as src:
                        shutil.copyfileobj(src, fh)
                else:
                    fh.write(body)
                fh.flush()
                os.fsync(fh.fileno())
            now = clock.now()
            if upload is None:
                upload = HubUpload(sha256=sha, size=data.size, offset=0, station_code=station.code, updated_at=now)
                session.add(upload)
                session.flush()  # a one-chunk file is deleted again below
            upload.offset, upload.updated_at = offset + length, now
            if upload.offset < data.size:
                return p.MediaStatusOutput(sha256=sha, offset=upload.offset, complete=False)
            if _file_sha256(part) != sha:
                part.unlink(missing_ok=True)
                session.delete(upload)  # committed: the next upload starts from 0
                failed = HubError(p.ERR_MEDIA_HASH, "file hash differs; send it again from 0",
                                  {"sha256": sha, "offset": 0, "complete": False})
            else:
                target = self.media_path(sha)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(part, target)
                fsync_dir(target.parent)
                session.delete(upload)
                session.add(HubMedia(sha256=sha, size=data.size, station_code=station.code, stored_at=now))
        if failed is not None:
            raise failed
        return p.MediaStatusOutput(sha256=sha, offset=data.size, complete=True)

    # --- downstream ---------------------------------------------------------------------

    def results(self, station: HubStation, data: p.CursorInput) -> p.ResultsOutput:
        with self.db.read() as session:
            rows = list(session.scalars(
                select(HubDecision)
                .where(HubDecision.station_code == station.code, HubDecision.id > data.cursor)
                .order_by(HubDecision.id)
                .limit(data.limit)
            ))
        records = [
            p.ResultRecord(id=r.id, case_uuid=r.case_uuid, action=r.action, reason=r.reason,
                           decided_at=r.decided_at)
            for r in rows
        ]
        cursor = records[-1].id if records else data.cursor
        return p.ResultsOutput(results=records, cursor=cursor, more=len(records) == data.limit)

    def holidays(self, data: p.CursorInput) -> p.HolidaysOutput:
        with self.db.read() as session:
            rows = list(session.scalars(
                select(HubHoliday).where(HubHoliday.seq > data.cursor).order_by(HubHoliday.seq).limit(data.limit)
            ))
        records = [p.HolidayRecord(day=r.day, is_workday=r.is_workday, note=r.note) for r in rows]
        cursor = rows[-1].seq if rows else data.cursor
        return p.HolidaysOutput(holidays=records, cursor=cursor, more=len(rows) == data.limit)

    def roster(self, station: HubStation, data: p.CursorInput, *, insurance: bool = False) -> p.RosterOutput:
        """A page of the county's roster. ``insurance``: the station speaks V1.1 or later and gets
        each person's 参保信息 too (a V1.0 station would refuse the field)."""
        with self.db.read() as session:
            rows = list(session.scalars(
                select(HubRosterPerson)
                .where(HubRosterPerson.admdvs.startswith(station.admdvs[:6]), HubRosterPerson.seq > data.cursor)
                .order_by(HubRosterPerson.seq)
                .limit(data.limit)
            ))
            held: dict[str, str] = {}
            if insurance and rows:
                found = session.scalars(
                    select(HubRosterInsurance).where(HubRosterInsurance.id_number.in_([r.id_number for r in rows]))
                )
                held = {row.id_number: row.data for row in found}
        records = [
            p.RosterRecord(seq=r.seq, id_number=r.id_number, name=r.name, gender=r.gender,
                           birth_date=r.birth_date, card_number=r.card_number,
                           insurance=p.RosterInsurance.model_validate_json(held[r.id_number])
                           if r.id_number in held else None)
            for r in rows
        ]
        cursor = rows[-1].seq if rows else data.cursor
        return p.RosterOutput(persons=records, cursor=cursor, more=len(rows) == data.limit)

    def evoucher(self, data: p.EvoucherInput) -> p.EvoucherOutput:
        with self.db.read() as session:
            row = session.get(HubEvoucher, data.qr)
        if row is None:
            raise HubError(p.ERR_NOT_FOUND, "e-voucher code unknown or expired")
        return p.EvoucherOutput(ec_token=row.ec_token, id_number=row.id_number, name=row.name,
                                gender=row.gender, birth_date=row.birth_date, insu_org=row.insu_org)

    def catalog(self, data: p.CatalogInput) -> p.CatalogOutput:
        import base64

        from models.catalog import version_key

        with self.db.read() as session:
            rows = list(session.scalars(select(HubCatalog)))
        if not rows:
            return p.CatalogOutput()
        newest = max(rows, key=lambda r: version_key(r.version))
        if data.current_version and version_key(newest.version) <= version_key(data.current_version):
            return p.CatalogOutput(version=newest.version, sha256=newest.sha256)
        blob = (self.packages_root / f"{newest.sha256}.zip").read_bytes()
        return p.CatalogOutput(version=newest.version, sha256=newest.sha256, package=base64.b64encode(blob).decode())

    # --- operator (admin API and ``tongban hub …``) -----------------------------------

    def reset_key(self, code: str) -> bool:
        """The operator releases a station's enrolled key (the station lost it): the next 9001
        for that code is taken as a new enrolment, pending until approved."""
        with self.db.write() as session:
            station = session.get(HubStation, code)
            if station is None:
                return False
            station.public_key = ""
            station.status = "pending"
            station.approved_at = None
            return True

    def approve(self, code: str) -> bool:
        with self.db.write() as session:
            station = session.get(HubStation, code)
            if station is None:
                return False
            station.status = "approved"
            station.approved_at = clock.now()
            return True

    def stations(self) -> list[dict[str, Any]]:
        with self.db.read() as session:
            return [
                {"code": s.code, "name": s.name, "admdvs": s.admdvs, "level": s.level, "status": s.status,
                 "key_fingerprint": p.key_fingerprint(s.public_key), "enrolled_at": s.enrolled_at.isoformat()}
                for s in session.scalars(select(HubStation).order_by(HubStation.code))
            ]

    def cases(self, station_code: str | None = None) -> list[dict[str, Any]]:
        with self.db.read() as session:
            query = select(HubCase).order_by(HubCase.id)
            if station_code:
                query = query.where(HubCase.station_code == station_code)
            return [
                {"uuid": c.uuid, "revision": c.revision, "parent_uuid": c.parent_uuid, "case_no": c.case_no,
                 "station_code": c.station_code, "item_code": c.item_code, "state": c.state, "result": c.result,
                 "reason_code": c.reason_code, "field": c.reason_field, "material": c.reason_material,
                 "receipts": c.receipts, "event_seq": c.event_seq}
                for c in session.scalars(query)
            ]

    def decide(self, case_ref: str, action: str, reason: str | None = None, by: str = "operator") -> int:
        """Record a centre result for a case (by uuid or case number); returns the result id."""
        if action not in DECISION_ACTIONS:
            raise HubError("hub.bad_action", f"action must be one of {', '.join(DECISION_ACTIONS)}", status=422)
        if action == "reject" and not (reason and reason.strip()):
            raise HubError("hub.reason_required", "a rejection needs a reason", status=422)
        with self.db.write() as session:
            # Result ids are the stations' cursor: they must become visible in id order.
            self.db.lock(session, "decisions")
            row = session.scalar(
                select(HubCase).where((HubCase.uuid == case_ref) | (HubCase.case_no == case_ref))
                .order_by(HubCase.revision.desc())
            )
            if row is None:
                raise HubError(p.ERR_NOT_FOUND, "case not found", status=404)
            if row.result != "accepted":
                raise HubError("hub.case_rejected", "the case was rejected at upload", status=409)
            decision = HubDecision(station_code=row.station_code, case_uuid=row.uuid, action=action,
                                   reason=reason, decided_by=by, decided_at=clock.now())
            session.add(decision)
            session.flush()
            return decision.id

    def set_holidays(self, days: Sequence[p.HolidayRecord]) -> int:
        with self.db.write() as session:
            self.db.lock(session, "holidays")  # seq is a cursor: max + 1 under a lock
            top = session.scalar(select(func.max(HubHoliday.seq))) or 0
            for i, rec in enumerate(days, start=1):
                row = session.scalar(select(HubHoliday).where(HubHoliday.day == rec.day))
                if row is None:
                    session.add(HubHoliday(seq=top + i, day=rec.day, is_workday=rec.is_workday, note=rec.note))
                else:
                    row.seq, row.is_workday, row.note = top + i, rec.is_workday, rec.note
        return len(days)

    def upsert_roster(self, admdvs: str, persons: Sequence[p.RosterRecord]) -> int:
        with self.db.write() as session:
            self.db.lock(session, "roster")  # seq is a cursor: max + 1 under a lock
            top = session.scalar(select(func.max(HubRosterPerson.seq))) or 0
            for i, rec in enumerate(persons, start=1):
                row = session.scalar(select(HubRosterPerson).where(HubRosterPerson.id_number == rec.id_number))
                if row is None:
                    row = HubRosterPerson(id_number=rec.id_number, seq=top + i, admdvs=admdvs, name=rec.name)
                    session.add(row)
                row.seq, row.admdvs, row.name = top + i, admdvs, rec.name
                row.gender, row.birth_date, row.card_number = rec.gender, rec.birth_date, rec.card_number
                if rec.insurance is not None:  # a record without it (a basic roster import) keeps what is held
                    session.merge(HubRosterInsurance(
                        id_number=rec.id_number, data=rec.insurance.model_dump_json(), updated_at=clock.now()
                    ))
        return len(persons)

    def add_evoucher(self, qr: str, person: p.EvoucherOutput) -> None:
        with self.db.write() as session:
            session.merge(HubEvoucher(qr=qr, ec_token=person.ec_token, id_number=person.id_number, name=person.name,
                                      gender=person.gender, birth_date=person.birth_date, insu_org=person.insu_org))

    def add_catalog(self, package: bytes) -> str:
        """Keep a signed package for stations (they verify the signature; the hub only relays)."""
        import io
        import zipfile

        from models.catalog.loader import peek_version
        from models.catalog.package import MAX_PAYLOAD_BYTES, PAYLOAD
        from models.zipguard import ZipTooLarge, check_bounds, read_member

        try:
            with zipfile.ZipFile(io.BytesIO(package)) as zf:
                check_bounds(zf, max_total=MAX_PAYLOAD_BYTES + 8192, max_members=16)
                version, _ = peek_version(read_member(zf, PAYLOAD, MAX_PAYLOAD_BYTES))
        except (zipfile.BadZipFile, KeyError, ZipTooLarge, UserFacingError) as exc:
            raise HubError(p.ERR_BAD_ENVELOPE, "not a catalog package within the limits", status=400) from exc
        sha = hashlib.sha256(package).hexdigest()
        (self.packages_root / f"{sha}.zip").write_bytes(package)
        with self.db.write() as session:
            session.merge(HubCatalog(version=version, sha256=sha, size=len(package), added_at=clock.now()))
        return version

    def stats(self) -> dict[str, Any]:
        with self.db.read() as session:
            def count(model: Any) -> int:
                return int(session.scalar(select(func.count()).select_from(model)) or 0)

            return {
                "stations": count(HubStation),
                "cases": count(HubCase),
                "accepted": int(session.scalar(select(func.count()).where(HubCase.result == "accepted")) or 0),
                "rejected": int(session.scalar(select(func.count()).where(HubCase.result == "rejected")) or 0),
                "receipts": int(session.scalar(select(func.coalesce(func.sum(HubCase.receipts), 0))) or 0),
                "media": count(HubMedia),
                "decisions": count(HubDecision),
                "messages": count(HubMessage),
                "messages_sent": int(session.scalar(select(func.count()).where(HubMessage.status == "sent")) or 0),
            }


def _ack(row: HubCase, *, duplicate: bool) -> p.CaseAck:
    return p.CaseAck(
        uuid=row.uuid,
        revision=row.revision,
        result="accepted" if row.result == "accepted" else "rejected",
        duplicate=duplicate,
        reason_code=row.reason_code or "",
        field=row.reason_field,
        material=row.reason_material,
        reason=row.reason or "",
    )


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)


def _endorsed_by(current_key_b64: str, data: p.EnrolInput) -> bool:
    if not data.previous_key_signature:
        return False
    try:
        current = p.load_public_key_b64(current_key_b64)
        current.verify(
            base64.b64decode(data.previous_key_signature, validate=True),
            p.rekey_message(data.station_code, data.public_key),
        )
    except (ValueError, InvalidSignature):
        return False
    return True
