"""Sync under faults: a real hub (uvicorn on loopback; SQLite, and PostgreSQL when
``TONGBAN_TEST_PG_URL`` names a server) behind a fault-injecting proxy (tests/fault_proxy.py).

Connections dropped mid-batch and mid-chunk, 500s, time-outs, duplicated and reordered
requests, the station killed with SIGKILL mid-sync, the hub restarted mid-run, clocks hours
apart, a rejected case among accepted ones, a material file corrupted on disk, two hub
processes on one PostgreSQL. After each, ``assert_consistent``: the hub holds every case
revision and every file exactly once, hash-verified, and the station's states match the hub's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid as uuidlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from hub.db import HubDb, HubMedia, HubUpload, normalise_url
from hub.service import Hub
from models import clock
from models.lifecycle import CaseState
from models.media import media_path
from models.orm import Case, CaseEvent, MaterialEntry, MaterialFile, SyncMedia, SyncOutbox
from models.store import Store
from sync.engine import SyncOptions, SyncReport, sync_status
from sync.runner import enroll_station, make_engine
from tests.fault_proxy import Fault, FaultProxy, RequestInfo
from tests.sync_helpers import LoopbackHub, add_photo, free_port, start_hub_process, wait_until_serving, withdraw

REPO = Path(__file__).resolve().parent.parent
PG_ENV = "TONGBAN_TEST_PG_URL"
PHOTO = 40 * 1024  # three chunks of 16 KiB each
CHUNK = 16 * 1024


# --- hub databases ----------------------------------------------------------------------


def _pg_base_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"{PG_ENV} is not set: CI must run the hub tests on PostgreSQL (scripts/dev.sh starts one)")
    pytest.skip(f"{PG_ENV} not set: no PostgreSQL server for the hub")
    return None


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    base = _pg_base_url()
    assert base is not None
    admin = create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    name = f"tongban_hub_{uuidlib.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(normalise_url(base)).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def hub_db_url(request: pytest.FixtureRequest) -> str | None:
    if request.param == "sqlite":
        return None
    return str(request.getfixturevalue("pg_url"))


# --- the rig: hub + proxy + station -----------------------------------------------------


class Rig:
    """A hub server in this process, restartable, behind a fault proxy."""

    def __init__(self, data: Path, db_url: str | None) -> None:
        self.data, self.db_url = data, db_url
        self.loop = LoopbackHub(data, db_url=db_url)
        self.proxy = FaultProxy(self.loop.url, stall_s=1.5).start()

    @property
    def hub(self) -> Hub:
        return self.loop.hub

    def stop_hub(self) -> None:
        """Stop the hub process's server (in-flight requests finish); new connections fail."""
        self.loop.close()
        self.proxy.upstreams = ["http://127.0.0.1:1"]  # nothing listens there

    def start_hub(self) -> None:
        """A new hub on the same database and data directory; the traffic goes there."""
        self.loop = LoopbackHub(self.data, db_url=self.db_url)
        self.proxy.upstreams = [self.loop.url]

    def admin(self, method: str, path: str, **kw: Any) -> Any:
        return self.loop.admin(method, path, **kw)

    def close(self) -> None:
        self.proxy.stop()
        self.loop.close()


@pytest.fixture
def rig(tmp_path: Path, hub_db_url: str | None) -> Iterator[Rig]:
    r = Rig(tmp_path / "hub-data", hub_db_url)
    yield r
    r.close()


def queued(store: Store) -> list[str]:
    with store.db.read() as session:
        return sorted(set(session.scalars(select(SyncOutbox.case_uuid).where(SyncOutbox.kind == "case"))))


@pytest.fixture
def station(demo_store: Store, rig: Rig) -> Store:
    """The demo station enrolled at the rig's hub, its four queued cases with a photo each."""
    assert enroll_station(demo_store, rig.proxy.url).status == "approved"
    for i, case_uuid in enumerate(queued(demo_store)):
        add_photo(demo_store, os.urandom(PHOTO + i), Case.uuid == case_uuid)
    return demo_store


def sync(store: Store, url: str, *, timeout_s: float = 1.0, retries: int = 8, **opts: Any) -> SyncReport:
    """One sync run with test-sized chunks, time-outs and backoff."""
    options = SyncOptions(**{"batch_size": 2, "chunk_size": CHUNK, **opts})
    with httpx.Client(base_url=url, timeout=httpx.Timeout(timeout_s)) as http:
        engine = make_engine(store, http, options, retries=retries, backoff_s=0.02)
        engine.client.max_backoff_s = 0.3
        return engine.run()


# --- the invariant ----------------------------------------------------------------------


def assert_consistent(store: Store, hub_db: HubDb, hub_data: Path) -> dict[str, int]:
    """Every queued case revision is at the hub exactly once with the station's state and
    answer; every file the station counts as uploaded is held exactly once, its bytes hashing to
    its name; nothing is left pending or half-received. Returns counts for further checks."""
    with hub_db.read() as hs:
        rows = list(hs.execute(text("SELECT uuid, revision, state, event_seq, result, receipts FROM hub_case")))
        media = {m.sha256: m.size for m in hs.scalars(select(HubMedia))}
        uploads = {u.sha256 for u in hs.scalars(select(HubUpload))}
    keys = [(r.uuid, r.revision) for r in rows]
    assert len(keys) == len(set(keys)), "a case revision is stored twice at the hub"
    held = {(r.uuid, r.revision): r for r in rows}
    with store.db.read() as session:
        outbox = list(session.scalars(select(SyncOutbox).where(SyncOutbox.kind == "case")))
        assert outbox and all(o.status in ("acked", "rejected") for o in outbox), "rows left unanswered"
        latest: dict[str, SyncOutbox] = {}
        for o in outbox:
            assert o.case_uuid is not None
            latest[o.case_uuid] = o
        accepted_files: dict[str, int] = {}
        for case_uuid, row in latest.items():
            case = session.scalar(select(Case).where(Case.uuid == case_uuid))
            assert case is not None
            hub_row = held.get((case.uuid, case.revision))
            assert hub_row is not None, f"case {case.case_no} r{case.revision} missing at the hub"
            want = "accepted" if row.status == "acked" else "rejected"
            assert hub_row.result == want, f"{case.case_no}: hub says {hub_row.result}, station {row.status}"
            assert hub_row.state == str(case.state)
            if want == "accepted":
                seq = session.scalar(select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case.id)) or 0
                assert hub_row.event_seq == seq, f"{case.case_no}: hub has events to {hub_row.event_seq}, we {seq}"
                for f in session.scalars(
                    select(MaterialFile).join(MaterialEntry).where(MaterialEntry.case_id == case.id)
                ):
                    accepted_files[f.sha256] = f.size
        uploaded = set(session.scalars(select(SyncMedia.sha256).where(SyncMedia.status == "uploaded")))
        corrupt = set(session.scalars(select(SyncMedia.sha256).where(SyncMedia.status == "corrupt")))
    for sha, size in accepted_files.items():
        assert media.get(sha) == size, f"file {sha[:12]} of an accepted case not held at the hub"
    assert set(media) == uploaded, "station and hub disagree on which files arrived"
    assert not corrupt & set(media), "a file corrupt at the station reached the hub"
    assert not uploads & set(media), "a finished upload still has an upload row"
    for sha in media:
        copies = list((hub_data / "media").rglob(sha))
        assert len(copies) == 1, f"file {sha[:12]} held {len(copies)} times"
        assert hashlib.sha256(copies[0].read_bytes()).hexdigest() == sha
        assert not (hub_data / "partial" / f"{sha}.part").exists()
    return {
        "cases": len(rows),
        "media": len(media),
        "receipts": sum(r.receipts for r in rows),
        "rejected": sum(r.result == "rejected" for r in rows),
    }


def consistent(store: Store, rig: Rig) -> dict[str, int]:
    return assert_consistent(store, rig.hub.db, rig.data)


# --- the faults -------------------------------------------------------------------------


@pytest.mark.parametrize("window", [1, 3], ids=["one-at-a-time", "window-3"])
def test_connections_dropped_mid_batch_and_mid_chunk(station: Store, rig: Rig, window: int) -> None:
    """``window`` 1 is how stations of the previous version upload (one request after another);
    3 keeps three files in flight (the default): the faults then hit interleaved requests."""
    p = rig.proxy
    p.inject(Fault.DROP_AFTER, "3101")  # the hub stored batch 1; its answer is lost
    p.inject(Fault.CUT_BODY, "3101", skip=2)  # batch 2 cut while it is being sent
    p.inject(Fault.CUT_BODY, "3202", skip=1)  # a chunk cut halfway
    p.inject(Fault.DROP_AFTER, "3202", skip=3)  # a chunk taken, its answer lost
    p.inject(Fault.DROP_BEFORE, "3202", skip=6)  # a chunk that never left
    report = sync(station, p.url, media_window=window)
    assert report.complete and report.accepted == 4 and report.media_uploaded == 4
    assert p.faults_applied() == 5
    counts = consistent(station, rig)
    assert counts == {"cases": 4, "media": 4, "receipts": 6, "rejected": 0}  # batch 1 (2 cases) arrived twice
    # A lost answer costs no resend: the hub's offset rules. media_bytes counts the chunks whose
    # answer arrived, so no byte is counted twice; the chunk whose answer was lost is counted
    # only if it was a file's last one (then the resend is answered "complete"), which the
    # order of the requests decides: fixed one at a time, not with several in flight.
    if window == 1:
        assert report.media_bytes == 4 * PHOTO + 6
    else:
        assert 4 * PHOTO + 6 - CHUNK <= report.media_bytes <= 4 * PHOTO + 6
    again = sync(station, p.url)
    assert again.cases_sent == 0 and again.media_uploaded == 0


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)  # station-side: one hub database is enough
def test_hub_500s_and_time_outs(station: Store, rig: Rig) -> None:
    p = rig.proxy
    p.inject(Fault.ERROR_500, "3201", times=2)  # the hub is failing: nothing reaches it
    p.inject(Fault.ERROR_500_AFTER, "3202", skip=2)  # handled, but the station hears 500
    p.inject(Fault.TIMEOUT, "3202", skip=5)  # handled, the answer never comes (read time-out)
    p.inject(Fault.ERROR_500_AFTER, "3101")
    p.inject(Fault.TIMEOUT, "3101", skip=1)
    started = time.monotonic()
    report = sync(station, p.url)
    assert report.complete and report.accepted == 4
    assert p.faults_applied() == 6
    counts = consistent(station, rig)
    # batch 1 reached the hub three times (500 after, time-out, answered), batch 2 once
    assert counts["cases"] == 4 and counts["media"] == 4 and counts["receipts"] == 8
    assert time.monotonic() - started < 20  # two time-outs of 1 s plus short backoffs


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)  # station-side: one hub database is enough
def test_hub_down_longer_than_the_retries_fails_the_run_and_the_next_run_finishes(station: Store, rig: Rig) -> None:
    from models.errors import UserFacingError

    rig.proxy.inject(Fault.ERROR_500, "3101", times=50)
    with pytest.raises(UserFacingError) as err:
        sync(station, rig.proxy.url, retries=2)
    assert err.value.code == "sync.unreachable"
    with station.db.read() as session:
        status = sync_status(session)
    assert status["last_run"]["status"] == "failed" and status["sent"] == 4 and status["media_pending"] == 0
    rig.proxy.clear()
    assert sync(station, rig.proxy.url).accepted == 4
    consistent(station, rig)


def test_duplicated_and_reordered_requests(station: Store, rig: Rig) -> None:
    p = rig.proxy
    p.inject(Fault.HOLD, "3101")  # the batch is delayed on the way; the station sends it again
    p.inject(Fault.DUPLICATE_LATE, "3201")  # sent twice; we are handed the refusal of the copy
    p.inject(Fault.DUPLICATE, "3202", skip=1)  # a chunk twice: the copy is refused as a replay
    p.inject(Fault.REORDER, "3202", skip=4)  # held; reaches the hub after the station's retry
    report = sync(station, p.url, batch_size=4)
    assert report.complete and report.accepted == 4
    assert p.faults_applied() == 4
    before = consistent(station, rig)
    assert before["cases"] == 4 and before["media"] == 4

    # Meanwhile the applicant withdraws an accepted case: same revision, one event more.
    in_copy = {c["uuid"] for c in json.loads(p.kept_bodies()[0])["input"]["cases"]}
    withdrawn = withdraw(station, Case.uuid.in_(in_copy), Case.state == CaseState.ACCEPTED)
    p.inject(Fault.DUPLICATE_LATE, "3101")
    p.inject(Fault.DUPLICATE, "3101", skip=1)
    assert sync(station, p.url).accepted == 1
    assert p.release_held() == 1  # the late batch is authentic and fresh enough: acknowledged…
    held = {c["uuid"]: c for c in rig.admin("GET", "/admin/cases")}
    assert held[withdrawn]["state"] == CaseState.WITHDRAWN.value  # …and changes nothing
    consistent(station, rig)


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)  # station-side: one hub database is enough
def test_clock_hours_apart(station: Store, rig: Rig) -> None:
    rig.proxy.inject(Fault.DROP_AFTER, "3101")
    for hours in (7, -9):
        options = SyncOptions(batch_size=2, chunk_size=CHUNK)
        with httpx.Client(base_url=rig.proxy.url, timeout=1.0) as http:
            engine = make_engine(station, http, options, retries=6, backoff_s=0.02)
            engine.client.now = lambda h=hours: clock.now() + dt.timedelta(hours=h)
            report = engine.run()
            assert report.complete
            assert abs(engine.client.clock_offset + hours * 3600) < 60  # learnt from the hub's answers
    consistent(station, rig)


def test_rejected_case_and_corrupt_file_among_accepted(station: Store, rig: Rig) -> None:
    uuids = queued(station)
    bad = add_photo(station, os.urandom(PHOTO), Case.uuid == uuids[1]).sha
    media_path(station.paths.media, bad).write_bytes(b"bit rot")  # corrupted on the station's disk
    with station.db.write() as session:  # and a case whose applicant's ID number is mistyped
        case = session.scalar(select(Case).where(Case.uuid == uuids[2]))
        assert case is not None and case.person is not None
        case.person.id_number = case.person.id_number[:-1] + ("0" if case.person.id_number[-1] != "0" else "1")
    rig.proxy.inject(Fault.DROP_AFTER, "3101", times=2)  # the rejections' answers are lost once
    report = sync(station, rig.proxy.url)
    assert report.complete and report.accepted == 2 and report.rejected == 2 and report.media_corrupt == 1
    assert len(report.reopened) == 2  # one new draft per rejected case, not one per answer
    counts = consistent(station, rig)
    assert counts["rejected"] == 2 and counts["media"] == 4
    with station.db.read() as session:
        drafts = list(session.scalars(select(Case).where(Case.parent_uuid.in_([uuids[1], uuids[2]]))))
        assert len(drafts) == 2 and all(d.state == CaseState.DRAFT for d in drafts)
        media = session.get(SyncMedia, bad)
        assert media is not None and media.status == "corrupt"
    again = sync(station, rig.proxy.url)
    assert again.cases_sent == 0 and len(again.reopened) == 0


def test_hub_partial_file_corrupted_upload_starts_again(station: Store, rig: Rig) -> None:
    damaged = threading.Event()

    def rot(info: RequestInfo) -> None:
        if info.tx == "3202" and not damaged.is_set():
            parts = list((rig.data / "partial").glob("*.part"))
            if parts:  # the hub's half-received file rots on its disk
                with parts[0].open("r+b") as fh:
                    fh.write(b"\0" * 64)
                damaged.set()

    rig.proxy.on_request = rot
    # One upload at a time: the file rots at rest. With several in flight the hook could hit a
    # partial file the hub is writing that moment, whose write then covers the damage.
    report = sync(station, rig.proxy.url, media_window=1)
    assert damaged.is_set() and report.complete and report.media_uploaded == 4
    assert report.media_bytes > 4 * PHOTO + 6  # the damaged file went again from byte 0
    consistent(station, rig)


def test_hub_restarted_mid_run(station: Store, rig: Rig) -> None:
    """The hub goes down while a chunk is on its way (and again at a batch) and comes back
    0.3 s later on the same database: the station's retries carry the run through."""
    restarts: list[threading.Thread] = []
    deciding = threading.Lock()  # media requests arrive several at once

    def later() -> None:
        time.sleep(0.3)  # the hub is down for a while
        rig.start_hub()

    def restart_on(info: RequestInfo) -> None:
        with deciding:
            due = (info.tx == "3202" and not restarts) or (info.tx == "3101" and len(restarts) == 1)
            if due:
                rig.stop_hub()
                t = threading.Thread(target=later)
                restarts.append(t)
                t.start()

    rig.proxy.on_request = restart_on
    report = sync(station, rig.proxy.url, retries=12)
    for t in restarts:
        t.join()
    assert len(restarts) == 2 and report.complete and report.accepted == 4
    consistent(station, rig)


def test_link_lost_with_files_in_flight_then_the_next_run_resumes(station: Store, rig: Rig) -> None:
    """The hub goes away while three files are in flight and stays away past the retries: the
    run fails, what the hub acknowledged stays acknowledged (files finished are marked, a file
    half sent resumes from the hub's offset), and the next run completes. What the interruption
    cost is at most the requests that were in flight: one chunk each."""
    for i in range(4):  # eight files in all, so the window is full when the link goes
        add_photo(station, os.urandom(PHOTO + 10 + i), Case.uuid == queued(station)[i])
    total = sum(size for size in _queued_media(station).values())
    seen = 0
    deciding = threading.Lock()

    def cut_at_the_ninth_chunk(info: RequestInfo) -> None:
        nonlocal seen
        with deciding:
            if info.tx == "3202":
                seen += 1
                if seen == 9:
                    rig.stop_hub()

    rig.proxy.on_request = cut_at_the_ninth_chunk
    from models.errors import UserFacingError

    with pytest.raises(UserFacingError) as err:
        sync(station, rig.proxy.url, retries=1, media_window=3)
    assert err.value.code == "sync.unreachable"
    rig.proxy.on_request = None
    rig.start_hub()
    first = _hub_bytes(rig)
    assert 0 < first < total  # part of the media arrived before the link went
    report = sync(station, rig.proxy.url, media_window=3)
    assert report.complete and report.accepted == 4
    counts = consistent(station, rig)
    assert counts["media"] == 8
    # Resumed, not restarted: this run sent what the hub did not hold, plus at most the chunks
    # that were in flight when the link went (their answers never came).
    assert total - first <= report.media_bytes <= total - first + 3 * CHUNK


def _queued_media(store: Store) -> dict[str, int]:
    with store.db.read() as session:
        rows = session.execute(
            select(MaterialFile.sha256, MaterialFile.size)
            .join(MaterialEntry)
            .join(Case, Case.id == MaterialEntry.case_id)
            .where(Case.uuid.in_(queued(store)))
        )
        return {row[0]: row[1] for row in rows}


def _hub_bytes(rig: Rig) -> int:
    """Bytes the hub holds: whole files, and the acknowledged part of unfinished uploads."""
    with rig.hub.db.read() as session:
        whole = sum(session.scalars(select(HubMedia.size)))
        partial = sum(session.scalars(select(HubUpload.offset)))
    return int(whole + partial)


def _child_sync(home: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TONGBAN_HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.cli.main", "sync", "run", "--hub", url, "--batch-size", "1", "--json"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)  # station-side: one hub database is enough
def test_station_killed_mid_sync_then_runs_again(station: Store, rig: Rig, tongban_home: Path) -> None:
    """``tongban sync run`` in its own process, killed with SIGKILL while a chunk is on the way,
    then again while a batch is; a fresh run completes and nothing is doubled or lost."""
    for tx in ("3202", "3101"):
        reached = threading.Event()

        def at(info: RequestInfo, tx: str = tx, reached: threading.Event = reached) -> None:
            if info.tx == tx:
                reached.set()
                time.sleep(0.3)  # the request is on the wire while the station dies

        rig.proxy.on_request = at
        child = _child_sync(tongban_home, rig.proxy.url)
        try:
            assert reached.wait(60), "the child never got that far"
            child.send_signal(signal.SIGKILL)
        finally:
            child.wait(30)
        assert child.returncode == -signal.SIGKILL
        rig.proxy.on_request = None
    with station.db.read() as session:
        assert sync_status(session)["pending"] + sync_status(session)["sent"] > 0  # work was left
    report = sync(station, rig.proxy.url)
    assert report.complete
    counts = consistent(station, rig)
    assert counts["cases"] == 4 and counts["media"] == 4


# --- two hub processes on one PostgreSQL --------------------------------------------------


def _race_at_both_workers(store: Store, urls: list[str], db: HubDb, data: Path, receipts: int) -> None:
    """The same batch of case revisions new to the hub, and the same chunk of a new file, sent at
    the same moment (fresh nonces: a station's retry while the first attempt is still being
    handled) to each worker: one stores, the other acknowledges a duplicate; the file is whole."""
    from sync import protocol as p
    from sync.records import case_record

    with store.db.read() as session:
        cases = [case_record(session, c) for c in session.scalars(select(Case).where(Case.uuid.in_(queued(store))))]
    clients = [make_engine(store, httpx.Client(base_url=url, timeout=10)).client for url in urls]
    blob = os.urandom(3 * CHUNK)
    sha = hashlib.sha256(blob).hexdigest()
    rounds = 5
    fresh: list[str] = []
    for n in range(rounds):
        gate = threading.Barrier(2)
        answers: list[Any] = [None, None]
        copies = [c.model_copy(update={"uuid": str(uuidlib.uuid4())}) for c in cases]
        fresh += [c.uuid for c in copies]

        def send(
            i: int, n: int = n, gate: threading.Barrier = gate, answers: list[Any] = answers, copies: list[Any] = copies
        ) -> None:
            batch = p.CaseBatchInput(batch_id=f"race-{n}-{i}", cases=copies)
            chunk = blob[n * CHUNK : (n + 1) * CHUNK] if n < 3 else b""
            meta = p.MediaChunkInput(
                sha256=sha,
                size=len(blob),
                offset=n * CHUNK,
                length=len(chunk),
                chunk_sha256=hashlib.sha256(chunk).hexdigest(),
            )
            gate.wait()
            answers[i] = p.CaseBatchOutput.model_validate(clients[i].call(p.Tx.CASE_BATCH, batch))
            if n < 3:
                try:
                    clients[i].put_chunk(meta, chunk)
                except Exception as exc:  # the loser of the race is told the offset has moved
                    assert getattr(exc, "hub_code", None) == p.ERR_MEDIA_OFFSET, exc

        threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert all(out is not None for out in answers)
        for k in range(len(copies)):
            acks = [out.acks[k] for out in answers]
            assert all(a.result == "accepted" for a in acks)
            assert sorted(a.duplicate for a in acks) == [False, True]  # stored once, acknowledged twice
    for c in clients:
        c.http.close()
    with db.read() as hs:
        rows = list(hs.execute(text("SELECT uuid, revision, receipts FROM hub_case")))
        held = hs.get(HubMedia, sha)
    assert len(rows) == 4 + len(fresh) and len({r.uuid for r in rows}) == len(rows)
    assert all(r.receipts == 2 for r in rows if r.uuid in fresh)
    assert sum(r.receipts for r in rows) == receipts + 2 * len(fresh)
    assert held is not None and held.size == len(blob)
    stored = next((data / "media").rglob(sha)).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == sha


def test_two_hub_processes_on_one_postgres(demo_store: Store, pg_url: str, tmp_path: Path) -> None:
    """Two ``tongban hub serve`` workers (started together: one creates the tables) over one
    PostgreSQL and one data directory; the proxy alternates requests between them, duplicates
    batches and chunks to the other worker, loses answers: still exactly once."""
    data = tmp_path / "hub-shared"
    ports = [free_port(), free_port()]
    procs = [
        start_hub_process(data, port, tmp_path / f"home{i}", "--db-url", pg_url, "--auto-approve")
        for i, port in enumerate(ports)
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url, proc in zip(urls, procs, strict=True):
            wait_until_serving(url, proc)
        with FaultProxy(urls) as proxy:
            assert enroll_station(demo_store, proxy.url).status == "approved"
            for i, case_uuid in enumerate(queued(demo_store)):
                add_photo(demo_store, os.urandom(PHOTO + i), Case.uuid == case_uuid)
            proxy.inject(Fault.DUPLICATE, "3101", times=2)  # the copy races at the other worker
            proxy.inject(Fault.DUPLICATE, "3202", skip=1, times=3)
            proxy.inject(Fault.DROP_AFTER, "3202", skip=6)
            report = sync(demo_store, proxy.url, timeout_s=5.0)
            assert report.complete and report.accepted == 4 and report.media_uploaded == 4
            used = {up for _info, _fault, up in proxy.log}
            assert used == set(urls)  # both workers did the work
            db = HubDb(pg_url)
            try:
                counts = assert_consistent(demo_store, db, data)
                assert counts["cases"] == 4 and counts["media"] == 4
                _race_at_both_workers(demo_store, urls, db, data, counts["receipts"])
            finally:
                db.dispose()
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
