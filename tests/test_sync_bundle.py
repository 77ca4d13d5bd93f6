"""Sync with no network at all: station → USB bundle → hub import → return bundle → station.

Real parts throughout: station stores on real SQLite files, the hub's own database and media
directory, real files on disk; a real uvicorn hub on loopback where a bundle meets an online run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from hub.bundle_import import hub_key_card, hub_signing_key, import_bundle
from hub.db import HubDb
from hub.service import Hub
from models.errors import UserFacingError
from models.lifecycle import CaseState
from models.orm import (
    AuditEntry,
    Case,
    HolidayOverride,
    Person,
    SyncBatch,
    SyncInbox,
    SyncOutbox,
)
from models.paths import DataPaths
from models.store import Store, open_store
from sync import protocol as p
from sync.bundle import (
    BundleError,
    BundleReader,
    BundleWriter,
    HubKeyCard,
    UploadManifest,
    box_key,
    export_bundle,
    import_return,
    parse_manifest,
    read_items,
    x25519_b64,
)
from sync.engine import SyncOptions, sync_status
from sync.runner import enroll_station, http_client, make_engine
from tests.sync_helpers import add_photo, loopback_hub

REPO = Path(__file__).resolve().parent.parent
PHOTO = b"\xff\xd8\xff\xe0" + os.urandom(300_000) + b"\xff\xd9"  # crosses several 1 MiB-less chunks


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    h = Hub(HubDb.in_dir(tmp_path / "hub"), tmp_path / "hub", auto_approve=True)
    yield h
    h.db.dispose()


@pytest.fixture
def station(demo_store: Store, hub: Hub) -> Store:
    assert isinstance(demo_store, Store)
    return demo_store


def status(store: Store) -> tuple[int, int, int, int]:
    with store.db.read() as session:
        s = sync_status(session)
    return s["pending"], s["sent"], s["accepted"], s["rejected"]


#: the case the photos of these tests go to: the first accepted one
ACCEPTED = Case.state == CaseState.ACCEPTED


def export(store: Store, hub: Hub, out: Path, **kw: Any) -> Any:
    return export_bundle(store, out, hub_key=hub_key_card(hub.data), **kw)


def refusal(call: Any, *args: Any) -> str:
    with pytest.raises(UserFacingError) as info:
        call(*args)
    return info.value.code


# --- the round trip ------------------------------------------------------------------------


def test_round_trip_station_hub_station(station: Store, hub: Hub, tmp_path: Path) -> None:
    sha = add_photo(station, PHOTO, ACCEPTED).sha
    hub.set_holidays([p.HolidayRecord(day=dt.date(2031, 2, 10), is_workday=False, note="春节")])
    hub.upsert_roster("522701", [p.RosterRecord(seq=0, id_number="52270119700101001X", name="花名册演示")])
    hub.upsert_roster("110101", [p.RosterRecord(seq=0, id_number="110101197001010011", name="外县人员")])

    bundle = tmp_path / "usb" / "station.tbb"
    report = export(station, hub, bundle, options=SyncOptions(batch_size=3))
    assert (report.cases, report.batches, report.media, report.media_corrupt) == (4, 2, 1, 0)
    assert status(station) == (0, 4, 0, 0)  # sent, not acknowledged: nothing before the hub's answer
    raw = bundle.read_bytes()
    with station.db.read() as session:
        person = session.scalar(select(Person).order_by(Person.id))
        assert person is not None
        secrets_ = [person.id_number.encode(), person.name.encode(), PHOTO[4:64]]
    assert not any(s in raw for s in secrets_)  # encrypted: no ID number, name or photo bytes in clear
    assert not list(bundle.parent.glob(".*.part"))  # written through a temp file, renamed

    answer = tmp_path / "usb" / "return.tbr"
    imported = import_bundle(hub, bundle, answer)
    assert (imported.cases, imported.accepted, imported.duplicates, imported.media_new) == (4, 4, 0, 1)
    assert (imported.holidays, imported.roster) == (1, 1)  # only the station's county
    held = hub.media_path(sha)
    assert hashlib.sha256(held.read_bytes()).hexdigest() == sha
    assert hub.stats()["cases"] == 4 and hub.stats()["media"] == 1

    back = import_return(station, answer)
    assert back.answers == 2 and back.already_imported == 0 and back.sync["accepted"] == 4
    assert status(station) == (0, 0, 4, 0)
    with station.db.read() as session:
        s = sync_status(session)
        assert s["media_pending"] == 0
        assert {b["status"] for b in s["batches"]} == {"acked"}
        assert session.get(HolidayOverride, dt.date(2031, 2, 10)) is not None
        assert session.scalar(select(Person).where(Person.name == "花名册演示")) is not None
        assert session.scalar(select(Person).where(Person.name == "外县人员")) is None
        target = session.scalar(select(Case).where(Case.state == CaseState.ACCEPTED).order_by(Case.id))
        assert target is not None
        logged = {e.action: json.loads(e.detail) for e in session.scalars(select(AuditEntry))}
        assert logged["sync.export"]["cases"] == 4 and logged["sync.import"]["accepted"] == 4

    # The centre decides; the next trip (nothing new to upload) brings the result back once.
    hub.decide(target.case_no, "approve")
    second = export(station, hub, tmp_path / "usb" / "second.tbb")
    assert second.cases == 0 and second.media == 0
    import_bundle(hub, tmp_path / "usb" / "second.tbb", tmp_path / "usb" / "second.tbr")
    result = import_return(station, tmp_path / "usb" / "second.tbr")
    assert result.sync["results_applied"] == 1 and result.sync["roster"] == 0  # the cursor moved on
    with station.db.read() as session:
        case = session.scalar(select(Case).where(Case.uuid == target.uuid))
        assert case is not None and case.state == CaseState.APPROVED
        assert [e.actor for e in case.events if e.action == "approve"] == ["centre"]


def test_double_import_is_exactly_once_on_both_sides(station: Store, hub: Hub, tmp_path: Path) -> None:
    add_photo(station, PHOTO, ACCEPTED)
    bundle, answer = tmp_path / "b.tbb", tmp_path / "b.tbr"
    export(station, hub, bundle)
    first = import_bundle(hub, bundle, answer)
    again = import_bundle(hub, bundle, tmp_path / "again.tbr")
    assert first.accepted == 4 and again.accepted == 4 and again.duplicates == 4 and again.media_new == 0
    stats = hub.stats()
    assert (stats["cases"], stats["receipts"], stats["media"]) == (4, 8, 1)

    hub.decide(hub.cases()[0]["uuid"], "approve")
    import_bundle(hub, bundle, answer)  # a third import: the answer now carries the result too
    one = import_return(station, answer)
    two = import_return(station, answer)
    older = import_return(station, tmp_path / "again.tbr")  # an older answer after a newer one
    assert one.sync["accepted"] == 4 and one.sync["results_applied"] == 1
    assert two.already_imported == two.answers == 1 and two.sync["accepted"] == 0
    assert two.sync["results_applied"] == 0 and older.sync["results_applied"] == 0
    assert status(station) == (0, 0, 4, 0)
    with station.db.read() as session:
        assert session.scalar(select(func.count()).select_from(SyncInbox)) == 1
        batch = session.scalar(select(SyncBatch).where(SyncBatch.status == "acked"))
        assert batch is not None and batch.accepted == 4  # counted once, not per import


def test_a_rejected_case_reopens_through_the_return(station: Store, hub: Hub, tmp_path: Path) -> None:
    with station.db.write() as session:  # a case whose citizen ID the hub refuses
        case = session.scalar(select(Case).where(Case.state == CaseState.ACCEPTED).order_by(Case.id))
        assert case is not None and case.person is not None
        case.person.id_number = "522701199001011230"
        bad_uuid = case.uuid
    export(station, hub, tmp_path / "b.tbb")
    imported = import_bundle(hub, tmp_path / "b.tbb", tmp_path / "b.tbr")
    assert imported.rejected == 1 and imported.accepted == 3
    back = import_return(station, tmp_path / "b.tbr")
    assert back.sync["rejected"] == 1 and len(back.sync["reopened"]) == 1
    assert status(station) == (0, 0, 3, 1)
    with station.db.read() as session:
        draft = session.scalar(select(Case).where(Case.parent_uuid == bad_uuid))
        assert draft is not None and draft.state == CaseState.DRAFT
    import_return(station, tmp_path / "b.tbr")
    with station.db.read() as session:  # imported twice: still one reopened draft
        assert session.scalar(select(func.count()).select_from(Case).where(Case.parent_uuid == bad_uuid)) == 1


# --- refusals ---------------------------------------------------------------------------


def test_tampered_truncated_and_foreign_files_are_refused(station: Store, hub: Hub, tmp_path: Path) -> None:
    add_photo(station, PHOTO, ACCEPTED)
    bundle = tmp_path / "b.tbb"
    export(station, hub, bundle)
    raw = bundle.read_bytes()

    def variant(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    flipped = bytearray(raw)
    flipped[len(raw) // 2] ^= 0x01
    assert refusal(import_bundle, hub, variant("flip.tbb", bytes(flipped))) == "bundle.bad_signature"
    assert refusal(import_bundle, hub, variant("cut.tbb", raw[: len(raw) - 1000])) == "bundle.truncated"
    assert refusal(import_bundle, hub, variant("cut2.tbb", raw[:-10])) == "bundle.truncated"
    assert refusal(import_bundle, hub, variant("long.tbb", raw + b"x")) == "bundle.damaged"
    assert refusal(import_bundle, hub, variant("jpeg.tbb", PHOTO)) == "bundle.not_a_bundle"
    assert refusal(import_bundle, hub, tmp_path / "missing.tbb") == "bundle.read_failed"
    assert refusal(import_return, station, bundle) == "bundle.expected_return"
    assert hub.stats()["cases"] == 0 and hub.stats()["media"] == 0  # nothing of a refused file stored
    assert status(station) == (0, 4, 0, 0)

    # Encrypted for another hub: that hub cannot read it.
    other = Hub(HubDb.in_dir(tmp_path / "other-hub"), tmp_path / "other-hub", auto_approve=True)
    try:
        assert refusal(import_bundle, other, bundle) == "bundle.wrong_hub"
        import_bundle(hub, bundle, tmp_path / "b.tbr")
        assert refusal(import_bundle, hub, tmp_path / "b.tbr") == "bundle.expected_upload"
        # A return signed by a hub this station does not trust.
        stranger = tmp_path / "stranger.tbr"
        with stranger.open("wb") as fh:
            raw_return = (tmp_path / "b.tbr").read_bytes()
            head = BundleReader(io.BytesIO(raw_return)).header
            writer = BundleWriter(
                fh,
                kind="return",
                bundle_id="x",
                station_code=head.station_code,
                signer=hub_signing_key(other.data),
                recipient_b64=head.recipient,
                answers="x",
            )
            writer.add_raw(ord("J"), b"{}")
            writer.finish()
        assert refusal(import_return, station, stranger) == "bundle.foreign_hub"
    finally:
        other.db.dispose()


def test_a_station_with_another_key_is_refused(station: Store, hub: Hub, tmp_path: Path) -> None:
    """A second installation with the same station code (another key) cannot pass for the first,
    and a return bundle for one station is not accepted by the other."""
    export(station, hub, tmp_path / "first.tbb")
    import_bundle(hub, tmp_path / "first.tbb", tmp_path / "first.tbr")
    impostor = _second_demo_station(tmp_path / "impostor")
    try:
        export(impostor, hub, tmp_path / "impostor.tbb")
        assert refusal(import_bundle, hub, tmp_path / "impostor.tbb") == "bundle.wrong_station_key"
        assert refusal(import_return, impostor, tmp_path / "first.tbr") == "bundle.foreign_station"
        assert status(impostor) == (0, 4, 0, 0)
    finally:
        impostor.close()
    assert hub.stats()["receipts"] == 4


def _second_demo_station(root: Path) -> Store:
    from models.demo import seed_demo

    other = open_store(DataPaths(root))
    with other.db.write() as session:
        seed_demo(session, other.paths)
    return other


def test_offline_enrolment_waits_for_approval(station: Store, hub: Hub, tmp_path: Path) -> None:
    strict = Hub(hub.db, hub.data, auto_approve=False)
    export(station, strict, tmp_path / "b.tbb")
    assert refusal(import_bundle, strict, tmp_path / "b.tbb") == "bundle.station_pending"
    (listed,) = strict.stations()
    assert listed["status"] == "pending" and strict.stats()["cases"] == 0
    assert strict.approve(listed["code"])
    assert import_bundle(strict, tmp_path / "b.tbb", tmp_path / "b.tbr").accepted == 4


def test_export_needs_the_hub_key_once(station: Store, hub: Hub, tmp_path: Path) -> None:
    assert refusal(export_bundle, station, tmp_path / "b.tbb") == "bundle.no_hub_key"
    assert status(station) == (4, 0, 0, 0)  # refused before anything moved
    export(station, hub, tmp_path / "first.tbb")
    later = export_bundle(station, tmp_path / "later.tbb")  # remembered
    assert later.hub_key_fingerprint == hub_key_card(hub.data).fingerprint
    (station.paths.root / "hub-key.json").write_text("{not json")
    assert refusal(export_bundle, station, tmp_path / "x.tbb") == "bundle.bad_hub_key"


# --- bundles and online runs together -------------------------------------------------------


def test_bundle_and_online_run_of_the_same_cases_store_once(demo_store: Store, tmp_path: Path) -> None:
    with loopback_hub(tmp_path / "hub") as loop:
        hub = loop.hub
        assert enroll_station(demo_store, loop.url).status == "approved"
        add_photo(demo_store, PHOTO, ACCEPTED)
        export(demo_store, hub, tmp_path / "b.tbb")  # cases now "sent" by bundle …
        with http_client(loop.url) as http:  # … and the network comes back first
            online = make_engine(demo_store, http, retries=0).run()
        assert online.accepted == 4 and online.media_uploaded == 1
        imported = import_bundle(hub, tmp_path / "b.tbb", tmp_path / "b.tbr")
        assert imported.duplicates == 4 and imported.media_new == 0
        back = import_return(demo_store, tmp_path / "b.tbr")
        assert back.sync["accepted"] == 4 and len(back.sync["reopened"]) == 0
        assert status(demo_store) == (0, 0, 4, 0)
        stats = hub.stats()
        assert (stats["cases"], stats["receipts"], stats["media"]) == (4, 8, 1)

        # The other order: a new change goes by bundle to the hub, then an online run resends it.
        add_photo(demo_store, b"second photo" * 1000, ACCEPTED)
        export(demo_store, hub, tmp_path / "c.tbb")
        import_bundle(hub, tmp_path / "c.tbb", tmp_path / "c.tbr")
        with http_client(loop.url) as http:
            rerun = make_engine(demo_store, http, retries=0).run()
        assert rerun.accepted == 1 and rerun.duplicates == 1
        assert import_return(demo_store, tmp_path / "c.tbr").sync["accepted"] == 1
        assert status(demo_store) == (0, 0, 5, 0) and hub.stats()["media"] == 2  # 5 outbox rows, 4 cases
        assert hub.stats()["cases"] == 4
        with demo_store.db.read() as session:
            assert session.scalar(select(func.count()).select_from(SyncOutbox).where(SyncOutbox.status != "acked")) == 0


# --- the console commands ------------------------------------------------------------------


class Cli:
    """The console script in-process (``desktop.cli.main.main``), output captured."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        from desktop.cli.main import main

        self.capsys.readouterr()
        code = main(list(args))
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str) -> Any:
        code, out, err = self(*args, "--json")
        assert code == 0, err
        return json.loads(out)


def test_cli_export_hub_import_and_back_on_an_encrypted_station(
    tongban_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli, data, usb = Cli(capsys), str(tmp_path / "hub"), tmp_path / "usb"
    assert cli("init", "--demo")[0] == 0  # SQLCipher database, encrypted media
    key = cli.json("hub", "key", "--out", str(usb / "hub-key.json"), "--data", data)
    exported = cli.json("sync", "export", "--out", str(usb / "s.tbb"), "--hub-key", str(usb / "hub-key.json"))
    assert exported["cases"] == 4 and exported["hub_key_fingerprint"] == key["fingerprint"]
    assert key["sign_public"] not in (tongban_home / "hub-key.json").read_text()  # sealed with the data key

    code, _out, err = cli("hub", "import", str(usb / "s.tbb"), "--data", data)
    assert code == 1 and "尚未通过中心端审核" in err
    station_code = exported["bundle_id"].split("-")[0]
    assert cli("hub", "approve", station_code, "--data", data)[0] == 0
    imported = cli.json("hub", "import", str(usb / "s.tbb"), "--answer-out", str(usb / "s.tbr"), "--data", data)
    assert imported["accepted"] == 4 and imported["answer_path"] == str(usb / "s.tbr")

    code, out, _err = cli("sync", "import", str(usb / "s.tbr"))
    assert code == 0 and "接收 4" in out
    assert cli.json("sync", "status")["accepted"] == 4
    code, _out, err = cli("sync", "import", str(usb / "s.tbb"))
    assert code == 1 and "应送到中心端导入" in err and "tongban hub import" in err


# --- the reader against arbitrary bytes ------------------------------------------------------

_STATION_KEY = Ed25519PrivateKey.generate()
_HUB_KEY = Ed25519PrivateKey.generate()
_HUB_BOX = box_key(_HUB_KEY)


def _writer(out: io.BytesIO, bundle_id: str, **kw: Any) -> BundleWriter:
    """An upload bundle from the test station to the test hub."""
    recipient = HubKeyCard.for_key(_HUB_KEY).box_public
    return BundleWriter(
        out,
        kind="upload",
        bundle_id=bundle_id,
        station_code="522701001",
        signer=_STATION_KEY,
        recipient_b64=recipient,
        **kw,
    )


def _sample_bundle() -> bytes:
    out = io.BytesIO()
    writer = _writer(out, "522701001-x", box_public=x25519_b64(box_key(_STATION_KEY).public_key()))
    data = b"photo bytes " * 50
    writer.add_media(hashlib.sha256(data).hexdigest(), data)
    writer.add_manifest(UploadManifest(bundle_id="522701001-x", station_code="522701001"))
    writer.finish()
    return out.getvalue()


SAMPLE = _sample_bundle()


def read_everything(raw: bytes) -> UploadManifest:
    """What the hub does with a file, without a database: header, signature, decrypt, parse."""
    reader = BundleReader(io.BytesIO(raw))
    reader.verify(reader.header.signer)
    manifest = None
    for item, data in read_items(reader, _HUB_BOX):
        if item is None:
            manifest = parse_manifest(UploadManifest, data)
    assert manifest is not None
    return manifest


def test_the_sample_reads_back() -> None:
    assert read_everything(SAMPLE).station_code == "522701001"


mutations = st.one_of(
    st.binary(max_size=2000).map(lambda b: ("random", b)),
    st.tuples(st.integers(0, len(SAMPLE) - 1), st.integers(1, 255)).map(
        lambda t: ("flip", SAMPLE[: t[0]] + bytes([SAMPLE[t[0]] ^ t[1]]) + SAMPLE[t[0] + 1 :])
    ),
    st.integers(0, len(SAMPLE) - 1).map(lambda n: ("cut", SAMPLE[:n])),
    st.tuples(st.integers(0, len(SAMPLE)), st.binary(min_size=1, max_size=40)).map(
        lambda t: ("insert", SAMPLE[: t[0]] + t[1] + SAMPLE[t[0] :])
    ),
    st.binary(max_size=400).map(lambda b: ("header", SAMPLE[:9] + b)),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations)
def test_random_and_mutated_bytes_only_ever_give_a_user_facing_error(case: tuple[str, bytes]) -> None:
    _kind, raw = case
    try:
        read_everything(raw)
    except UserFacingError as exc:
        assert exc.code.startswith("bundle.")
    else:
        assert raw == SAMPLE


def test_authentic_but_malformed_content_is_refused_cleanly() -> None:
    """Signed and encrypted correctly, yet nonsense inside: still a clear refusal."""
    contents: list[list[tuple[int, bytes, bytes]]] = [
        [(ord("J"), b"not json", b"")],
        [(ord("M"), json.dumps({"sha256": "0" * 64, "size": 3}).encode(), b"abc")],  # hash differs
        [(ord("M"), b'{"sha256": "x"}', b"")],
        [(ord("Z"), b"{}", b"")],
        [],  # no manifest
        [
            (ord("J"), UploadManifest(bundle_id="a", station_code="522701001").model_dump_json().encode(), b""),
            (ord("J"), b"{}", b""),
        ],  # something after the manifest
    ]
    for items in contents:
        out = io.BytesIO()
        writer = _writer(out, "a")
        for tag, meta, data in items:
            writer.add_raw(tag, meta, data)
        writer.finish()
        with pytest.raises(BundleError) as info:
            read_everything(out.getvalue())
        assert info.value.code == "bundle.damaged", items


def test_every_bundle_code_has_chinese_text() -> None:
    import re

    from desktop.messages import known_codes

    used: set[str] = set()
    for path in (REPO / "sync" / "bundle.py", REPO / "sync" / "bundle_format.py", REPO / "hub" / "bundle_import.py"):
        used |= set(re.findall(r'"(bundle\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    assert len(used) > 10 and used <= known_codes(), used - known_codes()
