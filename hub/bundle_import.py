"""``tongban hub import``: a station's USB upload bundle (sync/bundle.py) into the hub.

Nothing here stores data by itself: enrolment goes through ``Hub.enrol`` with the station's
signed 9001 envelope, media through ``Hub.media_status``/``Hub.media_chunk`` (partial file,
hash check, one ``hub_media`` row), cases through ``Hub.receive_batch``, downstream data
through ``Hub.results``/``holidays``/``roster``: the same paths as an online run, so a bundle
imported twice, or mixed with an online run of the same cases, is stored exactly once.

A bundle is not an online request: it may be days old, so instead of the signature window and
nonce of the online path, the whole file is verified against the station's enrolled key and
replays are harmless because every store is idempotent.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any, Protocol, TypeVar

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hub.db import HubStation
from hub.service import Hub, HubError
from sync import protocol as p
from sync.bundle_format import (
    BundleError,
    BundleMedia,
    BundleReader,
    BundleWriter,
    HubKeyCard,
    ReturnManifest,
    UploadManifest,
    atomic_write,
    box_key,
    new_bundle_id,
    parse_manifest,
    read_bundle,
    read_items,
    x25519_b64,
)

KEY_FILE = "bundle-key.pem"
CHUNK = 1 << 20
PAGE = 1000


def hub_signing_key(data: Path) -> Ed25519PrivateKey:
    """The hub's bundle key (Ed25519, PKCS8 PEM, 0600 in the data directory), made on first use.
    Several workers sharing the data directory agree on it: the first creation wins (O_EXCL)."""
    path = data / KEY_FILE
    if not path.exists():
        data.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(pem)
                fh.flush()
                os.fsync(fh.fileno())
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise BundleError("bundle.bad_hub_key")
    return key


def hub_key_card(data: Path) -> HubKeyCard:
    """The public half, for ``tongban hub key --out FILE`` → ``tongban sync export --hub-key FILE``."""
    return HubKeyCard.for_key(hub_signing_key(data))


@dataclass
class HubImportReport:
    bundle_id: str
    station_code: str
    batches: int = 0
    cases: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    media: int = 0
    media_new: int = 0
    results: int = 0
    holidays: int = 0
    roster: int = 0
    answer_path: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_answer_path(bundle: Path) -> Path:
    return bundle.with_name(f"{bundle.stem}-return{bundle.suffix or '.tbr'}")


def import_bundle(hub: Hub, source: Path, answer_out: Path | None = None) -> HubImportReport:
    key = hub_signing_key(hub.data)
    box = box_key(key)
    with read_bundle(source, "upload") as reader:
        h = reader.header
        if h.recipient != x25519_b64(box.public_key()):
            raise BundleError("bundle.wrong_hub")
        station = _station(hub, reader)
        report = HubImportReport(bundle_id=h.bundle_id, station_code=station.code)
        held: list[BundleMedia] = []
        manifest: UploadManifest | None = None
        for item, data in read_items(reader, box):
            if item is None:
                manifest = parse_manifest(UploadManifest, data)
                continue
            report.media += 1
            report.media_new += _store_media(hub, station, item, data)
            held.append(item)
    assert manifest is not None  # read_items ends with the manifest or raises
    if manifest.station_code != station.code or manifest.bundle_id != h.bundle_id:
        raise BundleError("bundle.damaged")
    answers: list[p.CaseBatchOutput] = []
    for batch in manifest.batches:
        out = hub.receive_batch(station, batch)
        answers.append(out)
        report.batches += 1
        report.cases += len(out.acks)
        report.accepted += sum(a.result == "accepted" for a in out.acks)
        report.rejected += sum(a.result == "rejected" for a in out.acks)
        report.duplicates += sum(a.duplicate for a in out.acks)
    answer = _answer(hub, station, manifest, answers, held)
    report.results, report.holidays = len(answer.results.results), len(answer.holidays.holidays)
    report.roster = len(answer.roster.persons)
    target = answer_out or default_answer_path(source)
    assert h.box_public is not None  # checked in _station

    def write(out: IO[bytes]) -> None:
        writer = BundleWriter(
            out,
            kind="return",
            bundle_id=new_bundle_id(station.code),
            station_code=station.code,
            signer=key,
            recipient_b64=h.box_public or "",
            answers=h.bundle_id,
        )
        writer.add_manifest(answer)
        writer.finish()

    atomic_write(target, write)
    report.answer_path = str(target)
    return report


def _station(hub: Hub, reader: BundleReader) -> HubStation:
    """The approved station that signed this bundle. An unknown station is enrolled from the
    bundle's 9001 envelope (pending unless the hub auto-approves), as ``station enroll`` would."""
    h = reader.header
    env = h.enrol
    if env is None or h.box_public is None or env.infno != p.Tx.ENROL or env.station_code != h.station_code:
        raise BundleError("bundle.damaged")
    with hub.db.read() as session:
        known = session.get(HubStation, h.station_code)
    released = known is not None and not known.public_key  # the operator ran `tongban hub reset-key`
    if known is not None and not released and known.public_key != h.signer:
        raise BundleError("bundle.wrong_station_key", station=h.station_code)
    reader.verify(h.signer)
    if env.input.get("public_key") != h.signer or not p.verify_envelope(env, p.load_public_key_b64(h.signer)):
        raise BundleError("bundle.bad_signature")
    if known is None or released:
        try:
            hub.enrol(env)
        except (HubError, ValueError) as exc:
            raise BundleError("bundle.damaged") from exc
        with hub.db.read() as session:
            known = session.get(HubStation, h.station_code)
    if known is None or known.status != "approved":
        raise BundleError("bundle.station_pending", station=h.station_code, fingerprint=p.key_fingerprint(h.signer))
    return known


def _store_media(hub: Hub, station: HubStation, item: BundleMedia, data: bytes) -> int:
    """Through the hub's resumable media path; 1 if the file is new at the hub, else 0."""
    size = item.size
    status = hub.media_status(p.MediaStatusInput(sha256=item.sha256, size=size))
    if status.complete:
        return 0
    offset, hash_retry = status.offset, False
    for _ in range(size // CHUNK + 8):  # each step advances, or restarts once after a hash failure
        piece = data[offset : offset + CHUNK]
        meta = p.MediaChunkInput(
            sha256=item.sha256,
            size=size,
            offset=offset,
            length=len(piece),
            chunk_sha256=hashlib.sha256(piece).hexdigest(),
        )
        try:
            out = hub.media_chunk(station, meta, piece)
        except HubError as exc:
            if exc.code == p.ERR_MEDIA_OFFSET:
                out = p.MediaStatusOutput.model_validate(exc.output)
            elif exc.code == p.ERR_MEDIA_HASH and not hash_retry:  # a stale partial file: start over
                hash_retry = True
                out = p.MediaStatusOutput(sha256=item.sha256, offset=0, complete=False)
            else:
                raise BundleError("bundle.media_refused", sha256=item.sha256[:12]) from exc
        if out.complete:
            return 1
        offset = out.offset
    raise BundleError("bundle.media_refused", sha256=item.sha256[:12])


def _answer(
    hub: Hub, station: HubStation, m: UploadManifest, answers: list[p.CaseBatchOutput], held: list[BundleMedia]
) -> ReturnManifest:
    results, cursor = _all_after(m.results_cursor, lambda q: hub.results(station, q), lambda page: page.results)
    holidays, h_cursor = _all_after(m.holidays_cursor, hub.holidays, lambda page: page.holidays)
    persons, r_cursor = _all_after(
        m.roster_cursor, lambda q: hub.roster(station, q, insurance=m.roster_insurance), lambda page: page.persons
    )
    return ReturnManifest(
        bundle_id=m.bundle_id,
        station_code=station.code,
        answers=answers,
        media_held=held,
        results_from=m.results_cursor,
        results=p.ResultsOutput(results=results, cursor=cursor, more=False),
        holidays_from=m.holidays_cursor,
        holidays=p.HolidaysOutput(holidays=holidays, cursor=h_cursor, more=False),
        roster_from=m.roster_cursor,
        roster=p.RosterOutput(persons=persons, cursor=r_cursor, more=False),
    )


class _Page(Protocol):
    cursor: int
    more: bool


PageT = TypeVar("PageT", bound=_Page)
RecordT = TypeVar("RecordT")


def _all_after(
    cursor: int, fetch: Callable[[p.CursorInput], PageT], records: Callable[[PageT], list[RecordT]]
) -> tuple[list[RecordT], int]:
    """Every record after ``cursor``, page by page as an online run fetches them; and the cursor
    after the last one."""
    found: list[RecordT] = []
    while True:
        page = fetch(p.CursorInput(cursor=cursor, limit=PAGE))
        found += records(page)
        cursor = page.cursor
        if not page.more:
            return found, cursor
