"""Sync with no network at all: signed, encrypted bundle files carried on a USB stick (station side).

``tongban sync export`` writes an *upload bundle* with the same wire types an online run sends
(``CaseBatchInput`` batches of ``CaseRecord``s, media content-addressed by sha256) plus the
station's signed 9001 enrolment envelope; ``tongban hub import`` stores it through the hub's
own functions (hub/bundle_import.py) and writes a *return bundle* (per-case ``CaseBatchOutput``
answers, the media the hub holds, results/holidays/roster after the station's cursors), which
``tongban sync import`` applies through the engine's own functions. The file format (container,
keys, encryption, reader, writer) is sync/bundle_format.py; its public names are importable
from here too.
"""

from __future__ import annotations

import binascii
import uuid as uuidlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from models import clock
from models.orm import SyncBatch, SyncBatchItem, SyncCursor
from models.permissions import Permission, require
from models.progress import CancelToken, Progress, ProgressFn, no_progress
from models.security.keys import HUB_KEY_FILE, HUB_KEY_PURPOSE
from sync import protocol as p
from sync.bundle_format import (
    BundleError,
    BundleHeader,
    BundleMedia,
    BundleReader,
    BundleWriter,
    HubKeyCard,
    Kind,
    ReturnManifest,
    UploadManifest,
    atomic_write,
    box_key,
    new_bundle_id,
    open_for_reading,
    parse_manifest,
    read_bundle,
    read_items,
    x25519_b64,
)
from sync.engine import ROSTER_CURSOR, SyncEngine, SyncOptions, SyncReport

if TYPE_CHECKING:
    from models.store import Store

__all__ = [
    "BundleError",
    "BundleHeader",
    "BundleMedia",
    "BundleReader",
    "BundleWriter",
    "ExportReport",
    "HubKeyCard",
    "Kind",
    "ReturnManifest",
    "ReturnReport",
    "UploadManifest",
    "atomic_write",
    "box_key",
    "export_bundle",
    "import_return",
    "load_hub_key",
    "new_bundle_id",
    "open_for_reading",
    "parse_manifest",
    "read_bundle",
    "read_items",
    "save_hub_key",
    "x25519_b64",
]

# The station's copy of the hub's public keys is HUB_KEY_FILE, sealed with the data key on a
# protected station; a data-key rotation re-seals it, which is why the names live in
# models/security/keys.py.


def save_hub_key(store: Store, card: HubKeyCard) -> None:
    """Remember the hub's public keys (sealed with the data key on a protected station, so a
    swapped file is detected)."""
    from models.security.keys import seal_secret

    with store.db.read() as session:
        sealed = seal_secret(session, card.model_dump_json(), HUB_KEY_PURPOSE)

    def write(fh: IO[bytes]) -> None:
        fh.write(sealed.encode())

    atomic_write(store.paths.root / HUB_KEY_FILE, write)


def load_hub_key(store: Store) -> HubKeyCard:
    from models.security.keys import open_secret

    path = store.paths.root / HUB_KEY_FILE
    try:
        stored = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BundleError("bundle.no_hub_key") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BundleError("bundle.bad_hub_key") from exc
    with store.db.read() as session:
        text = open_secret(session, stored, HUB_KEY_PURPOSE)
    return HubKeyCard.parse(text.encode())


def _station_keys(store: Store) -> tuple[str, str, Ed25519PrivateKey, p.EnrolInput]:
    from models.station_setup import current_station
    from sync.identity import enrol_input, ensure_identity, private_key

    with store.db.write() as session:
        station = current_station(session)
        if station is None:
            raise BundleError("station.not_initialised")
        data = enrol_input(session)
        key = private_key(session, ensure_identity(session))
        return station.code, station.admdvs, key, data


@dataclass
class ExportReport:
    bundle_id: str
    path: str
    batches: int = 0
    cases: int = 0
    media: int = 0
    media_corrupt: int = 0
    bytes: int = 0
    hub_key_fingerprint: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def export_bundle(
    store: Store,
    out: Path,
    *,
    hub_key: HubKeyCard | None = None,
    options: SyncOptions | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    clerk: Any = None,
) -> ExportReport:
    """``tongban sync export``: the outbox as an upload bundle. Outbox rows become ``sent`` (as
    in an online run); only the imported return bundle marks them acknowledged."""
    require(clerk, Permission.SYNC)
    token = cancel or CancelToken()
    if hub_key is not None:
        save_hub_key(store, hub_key)
    card = load_hub_key(store)
    code, admdvs, key, enrol_data = _station_keys(store)
    enrol_env = p.build_envelope(
        infno=p.Tx.ENROL.value, station_code=code, admdvs=admdvs, payload=enrol_data, key=key, now=clock.now()
    )
    engine = SyncEngine(store.db, store.paths.media, None, options)
    bundle_id = new_bundle_id(code)
    report = ExportReport(bundle_id=bundle_id, path=str(out), hub_key_fingerprint=card.fingerprint)

    def write(fh: IO[bytes]) -> None:
        writer = BundleWriter(
            fh,
            kind="upload",
            bundle_id=bundle_id,
            station_code=code,
            signer=key,
            recipient_b64=card.box_public,
            enrol=enrol_env,
            box_public=x25519_b64(box_key(key).public_key()),
        )
        plan = engine._collect()
        batches: list[p.CaseBatchInput] = []
        for batch in plan.batches:
            batch_id = f"{code}-{uuidlib.uuid4().hex[:16]}"
            engine._open_batch(batch_id, batch)
            batches.append(p.CaseBatchInput(batch_id=batch_id, cases=[record for _, record in batch]))
            report.cases += len(batch)
        media: list[BundleMedia] = []
        for index, (sha, size) in enumerate(plan.media, start=1):
            token.check()
            data = engine._read_media(sha, size)
            if data is None:
                engine._mark_media(sha, size, "corrupt")
                report.media_corrupt += 1
                continue
            writer.add_media(sha, data)
            media.append(BundleMedia(sha256=sha, size=size))
            progress(Progress(index, len(plan.media), "media"))
        writer.add_manifest(
            UploadManifest(
                bundle_id=bundle_id,
                station_code=code,
                batches=batches,
                media=media,
                results_cursor=engine._cursor("results"),
                holidays_cursor=engine._cursor("holidays"),
                roster_cursor=engine._cursor(ROSTER_CURSOR),
                roster_insurance=True,
            )
        )
        writer.finish()
        report.batches, report.media, report.bytes = len(batches), len(media), writer.bytes_written

    atomic_write(out, write)
    _audit(store, "sync.export", bundle_id, clerk, report.to_dict())
    progress(Progress(1, 1, "done"))
    return report


def _audit(store: Store, action: str, bundle_id: str, clerk: Any, counts: dict[str, Any]) -> None:
    """Data leaving or entering the station on a stick is logged (counts only, no personal data)."""
    from models import audit

    detail = {k: v for k, v in counts.items() if isinstance(v, int | bool)}
    with store.db.write() as session:
        audit.record(session, action, f"bundle:{bundle_id}", clerk=clerk, detail=detail)


@dataclass
class ReturnReport:
    bundle_id: str
    answers: int = 0
    #: answers already imported before (a second import changes nothing)
    already_imported: int = 0
    #: answers for batches this station does not know (not from this station's database)
    unknown_batches: int = 0
    media_held: int = 0
    sync: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def import_return(store: Store, path: Path, *, clerk: Any = None) -> ReturnReport:
    """``tongban sync import``: check the hub's signature, then apply answers and downstream data
    through the engine's functions (the same as an online run), idempotently."""
    require(clerk, Permission.SYNC)
    from models.station_setup import current_station
    from sync.identity import identity, private_key

    card = load_hub_key(store)
    with store.db.read() as session:
        station = current_station(session)
        ident = identity(session)
        if station is None:
            raise BundleError("station.not_initialised")
        if ident is None:
            raise BundleError("bundle.foreign_station", station=station.code)
        code, box = station.code, box_key(private_key(session, ident))
    with read_bundle(path, "return") as reader:
        h = reader.header
        if h.station_code != code or h.recipient != x25519_b64(box.public_key()):
            raise BundleError("bundle.foreign_station", station=h.station_code)
        if h.signer != card.sign_public:
            raise BundleError("bundle.foreign_hub", fingerprint=_fingerprint(h.signer))
        reader.verify(h.signer)
        metas = [meta for item, meta in read_items(reader, box) if item is None]
    manifest = parse_manifest(ReturnManifest, metas[0])
    if manifest.station_code != code or manifest.bundle_id != h.answers:
        raise BundleError("bundle.damaged")

    engine = SyncEngine(store.db, store.paths.media, None)
    sync_report = SyncReport()
    result = ReturnReport(bundle_id=manifest.bundle_id)
    for answer in manifest.answers:
        outcome = _apply_answer(engine, answer, sync_report)
        result.answers += 1
        result.already_imported += outcome == "already"
        result.unknown_batches += outcome == "unknown"
        sync_report.batches_done += outcome == "applied"
    for m in manifest.media_held:
        engine._mark_media(m.sha256, m.size, "uploaded")
        sync_report.media_uploaded += 1
    result.media_held = len(manifest.media_held)
    _apply_downstream(engine, manifest, sync_report)
    sync_report.complete = True
    result.sync = sync_report.to_dict()
    counts = {k: v for k, v in result.sync.items() if k != "complete"}
    _audit(store, "sync.import", manifest.bundle_id, clerk, {**result.to_dict(), **counts})
    return result


def _fingerprint(key_b64: str) -> str:
    try:
        return p.key_fingerprint(key_b64)
    except (ValueError, binascii.Error):
        return "?"


def _apply_answer(engine: SyncEngine, answer: p.CaseBatchOutput, report: SyncReport) -> str:
    with engine.db.read() as session:
        row = session.scalar(select(SyncBatch).where(SyncBatch.batch_id == answer.batch_id))
        if row is None:
            return "unknown"
        if row.status == "acked":
            return "already"
        groups: dict[str, tuple[list[int], int]] = {}
        for item in session.scalars(
            select(SyncBatchItem).where(SyncBatchItem.batch_id == row.id).order_by(SyncBatchItem.id)
        ):
            ids, _rev = groups.setdefault(item.case_uuid, ([], item.revision))
            ids.append(item.outbox_id)
        batch_pk = row.id
    # What was sent is in sync_batch_item: acknowledging needs only each case's (uuid, revision).
    batch = [(ids, SentRef(case_uuid, rev)) for case_uuid, (ids, rev) in groups.items()]
    engine._store_acks(batch_pk, batch, answer, report)
    return "applied"


@dataclass
class SentRef:
    """A case revision sent in an earlier bundle (sync.engine.SentCase)."""

    uuid: str
    revision: int


def _cursor_in(session: Any, name: str) -> int:
    row = session.get(SyncCursor, name)
    return row.value if row else 0


def _apply_downstream(engine: SyncEngine, m: ReturnManifest, report: SyncReport) -> None:
    """Each source in one transaction with its cursor. Records at or before our cursor were
    applied already (an older return, or an online run since); a return that starts after our
    cursor (a gap) is applied but does not move the cursor, so the gap is fetched next time."""
    with engine.db.write() as session:
        cur = _cursor_in(session, "results")
        for r in m.results.results:
            if r.id > cur:
                engine._apply_result(session, r, report)
        if m.results_from <= cur < m.results.cursor:
            engine._set_cursor(session, "results", m.results.cursor)
    with engine.db.write() as session:
        cur = _cursor_in(session, "holidays")
        if m.holidays.cursor > cur:
            report.holidays += engine._apply_holidays(session, m.holidays)
            if m.holidays_from <= cur:
                engine._set_cursor(session, "holidays", m.holidays.cursor)
    with engine.db.write() as session:
        cur = _cursor_in(session, ROSTER_CURSOR)
        fresh = [r for r in m.roster.persons if r.seq > cur]
        report.roster += engine._apply_roster(
            session, p.RosterOutput(persons=fresh, cursor=m.roster.cursor, more=False)
        )
        if m.roster_from <= cur < m.roster.cursor:
            engine._set_cursor(session, ROSTER_CURSOR, m.roster.cursor)
