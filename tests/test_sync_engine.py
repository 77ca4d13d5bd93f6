"""End to end: a real hub (uvicorn on loopback, its own SQLite) and a station store."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from models import clock
from models.lifecycle import CaseState
from models.media import media_path
from models.orm import Case, CaseEvent, HolidayOverride, MaterialEntry, Person, SyncOutbox
from models.progress import CancelToken, Progress
from models.store import Store
from sync import protocol as p
from sync.engine import SyncOptions, sync_status
from sync.runner import enroll_station, http_client, make_engine
from tests.sync_helpers import LoopbackHub as HubFixture
from tests.sync_helpers import add_photo, loopback_hub, withdraw


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubFixture]:
    with loopback_hub(tmp_path / "hub-data") as h:
        yield h


@pytest.fixture
def station(demo_store: Store, hub: HubFixture) -> Store:
    status = enroll_station(demo_store, hub.url)
    assert status.status == "approved"
    return demo_store


def run(store: Store, url: str, transport: httpx.BaseTransport | None = None, **opts: Any) -> Any:
    with http_client(url, transport) as http:
        engine = make_engine(store, http, SyncOptions(**opts), retries=1, backoff_s=0.0)
        engine.client.sleep = lambda _s: None
        return engine.run()


def queued_cases(store: Store) -> set[str]:
    with store.db.read() as session:
        return set(session.scalars(select(SyncOutbox.case_uuid).where(SyncOutbox.kind == "case")))


def test_first_sync_sends_every_queued_case_once(station: Store, hub: HubFixture) -> None:
    queued = queued_cases(station)
    assert len(queued) == 4  # the demo's draft is not queued: nothing happened to it yet
    seen: list[Progress] = []
    with http_client(hub.url) as http:
        report = make_engine(station, http, SyncOptions(batch_size=3)).run(progress=seen.append)
    assert report.complete and report.accepted == 4 and report.rejected == 0
    assert report.batches_total == 2 and report.batches_done == 2
    case_steps = [(s.done, s.total) for s in seen if s.label == "cases"]
    assert case_steps == [(0, 2), (1, 2), (2, 2)]  # "1 of 2" is never reported as finished
    assert {c["uuid"] for c in hub.admin("GET", "/admin/cases")} == queued
    with station.db.read() as session:
        status = sync_status(session)
    assert status["pending"] == 0 and status["accepted"] == 4 and status["last_run"]["status"] == "ok"


def test_resend_is_acknowledged_not_duplicated(station: Store, hub: HubFixture) -> None:
    run(station, hub.url)
    with station.db.write() as session:  # as if the answer had been lost: rows back to "sent"
        for row in session.scalars(select(SyncOutbox)):
            row.status = "sent"
    report = run(station, hub.url)
    assert report.accepted == 4 and report.duplicates == 4
    stats = hub.admin("GET", "/admin/stats")
    assert stats["cases"] == 4 and stats["receipts"] == 8


def test_a_later_change_updates_the_hub_copy(station: Store, hub: HubFixture) -> None:
    run(station, hub.url)
    uuid = withdraw(station, Case.state == CaseState.ACCEPTED)
    report = run(station, hub.url)
    assert report.accepted == 1 and report.duplicates == 0
    held = {c["uuid"]: c for c in hub.admin("GET", "/admin/cases")}
    assert held[uuid]["state"] == CaseState.WITHDRAWN.value and len(held) == 4


def test_rejected_case_reopens_while_the_rest_goes_through(station: Store, hub: HubFixture) -> None:
    uuids = sorted(queued_cases(station))
    photo = add_photo(station, b"photo that rots on disk" * 100, Case.uuid == uuids[0])
    sha, material = photo.sha, photo.material_key
    media_path(station.paths.media, sha).write_bytes(b"bit rot")  # corrupted after it was stored
    report = run(station, hub.url, batch_size=2)
    assert report.accepted == 3 and report.rejected == 1 and report.media_corrupt == 1 and report.complete
    with station.db.read() as session:
        original = session.scalar(select(Case).where(Case.uuid == uuids[0]))
        assert original is not None
        draft = session.scalar(select(Case).where(Case.parent_uuid == uuids[0]))
        assert draft is not None
        assert draft.revision == original.revision + 1 and draft.state == CaseState.DRAFT
        entry = session.scalar(
            select(MaterialEntry).where(MaterialEntry.case_id == draft.id, MaterialEntry.material_key == material)
        )
        assert entry is not None and entry.status == "missing"  # the named material is asked for again
        event = session.scalar(select(CaseEvent).where(CaseEvent.case_id == original.id).order_by(CaseEvent.seq.desc()))
        assert event is not None and event.action == "sync_rejected" and material in (event.reason or "")
        status = sync_status(session)
    assert status["rejected"] == 1 and status["accepted"] == 3
    held = {c["uuid"]: c for c in hub.admin("GET", "/admin/cases")}
    assert held[uuids[0]]["result"] == "rejected" and held[uuids[0]]["material"] == material
    # Next run: nothing blocked, nothing sent again.
    again = run(station, hub.url)
    assert again.cases_sent == 0 and again.complete


class CuttingTransport(httpx.BaseTransport):
    """Forwards to a real HTTP transport; after ``cut_after`` bytes of media chunks it lets the
    hub take the chunk but loses the answer, then refuses every request until ``heal()``."""

    def __init__(self, cut_after: int) -> None:
        self.inner = httpx.HTTPTransport()
        self.cut_after = cut_after
        self.media_bytes = 0
        self.down = False

    def heal(self) -> None:
        self.down, self.cut_after = False, 1 << 62

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("network down", request=request)
        is_chunk = request.method == "PUT"
        response = self.inner.handle_request(request)
        if is_chunk:
            self.media_bytes += len(request.content)
            if self.media_bytes >= self.cut_after:
                response.read()
                response.close()
                self.down = True
                raise httpx.ReadError("connection dropped mid-upload", request=request)
        return response


def test_interrupted_upload_resumes_from_the_acknowledged_offset(station: Store, hub: HubFixture) -> None:
    from models.errors import UserFacingError

    data = os.urandom(5 * 1024 * 1024)
    uuid = sorted(queued_cases(station))[0]
    sha = add_photo(station, data, Case.uuid == uuid).sha
    cut = CuttingTransport(cut_after=2 * 1024 * 1024 + 1)
    with pytest.raises(UserFacingError) as err:
        run(station, hub.url, transport=cut, chunk_size=512 * 1024)
    assert err.value.code == "sync.unreachable"
    with station.db.read() as session:
        assert sync_status(session)["last_run"]["status"] == "failed"
    held = hub.hub.media_status(p.MediaStatusInput(sha256=sha, size=len(data)))
    assert not held.complete and held.offset == 5 * 512 * 1024  # the lost answer's chunk is held
    sent_before = cut.media_bytes

    cut.heal()
    report = run(station, hub.url, transport=cut, chunk_size=512 * 1024)
    assert report.complete and report.media_uploaded == 1
    assert cut.media_bytes - sent_before == len(data) - held.offset  # nothing re-sent
    assert report.media_bytes == len(data) - held.offset
    stored = hub.hub.media_path(sha).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == sha
    stats = hub.admin("GET", "/admin/stats")
    assert stats["media"] == 1 and stats["cases"] == 4 and stats["accepted"] == 4


def test_cancel_between_batches_leaves_a_resumable_queue(station: Store, hub: HubFixture) -> None:
    from models.errors import Cancelled

    token = CancelToken()

    def progress(step: Progress) -> None:
        if step.label == "cases" and step.done == 1:
            token.cancel()

    with http_client(hub.url) as http, pytest.raises(Cancelled):
        make_engine(station, http, SyncOptions(batch_size=2)).run(progress=progress, cancel=token)
    with station.db.read() as session:
        status = sync_status(session)
    assert status["accepted"] == 2 and status["sent"] == 2 and status["last_run"]["status"] == "cancelled"
    report = run(station, hub.url)
    assert report.accepted == 2 and hub.admin("GET", "/admin/stats")["cases"] == 4


def test_results_holidays_and_roster_flow_back(station: Store, hub: HubFixture) -> None:
    run(station, hub.url)
    with station.db.read() as session:
        accepted = list(session.scalars(select(Case).where(Case.state == CaseState.ACCEPTED)))
    assert accepted
    target = accepted[0]
    hub.admin("POST", f"/admin/cases/{target.uuid}/decision", json={"action": "approve"})
    hub.admin("POST", f"/admin/cases/{target.case_no}/decision", json={"action": "complete"})
    hub.admin("POST", "/admin/holidays", json=[{"day": "2031-02-10", "is_workday": False, "note": "春节"}])
    hub.admin(
        "POST",
        "/admin/roster",
        json={
            "admdvs": "522701",
            "persons": [{"seq": 0, "id_number": "52270119700101001X", "name": "花名册演示", "gender": "男"}],
        },
    )
    hub.admin(
        "POST",
        "/admin/roster",
        json={"admdvs": "110101", "persons": [{"seq": 0, "id_number": "110101197001010011", "name": "外县人员"}]},
    )
    report = run(station, hub.url, page_size=1)
    assert report.results_applied == 2 and report.result_conflicts == 0
    assert report.holidays == 1 and report.roster == 1  # only the station's county
    with station.db.read() as session:
        case = session.scalar(select(Case).where(Case.uuid == target.uuid))
        assert case is not None and case.state == CaseState.COMPLETED
        actors = [e.actor for e in case.events if e.action in ("approve", "complete")]
        assert actors == ["centre", "centre"]
        assert session.get(HolidayOverride, __import__("datetime").date(2031, 2, 10)) is not None
        assert session.scalar(select(Person).where(Person.name == "花名册演示")) is not None
        assert session.scalar(select(Person).where(Person.name == "外县人员")) is None
    again = run(station, hub.url)
    assert again.results_applied == 0 and again.roster == 0  # cursors: each applied once


def test_evoucher_is_resolved_online(station: Store, hub: HubFixture) -> None:
    qr = "4243754826492874240001130000"
    hub.admin(
        "POST",
        "/admin/evouchers",
        json={"qr": qr, "person": {"ec_token": "tok-1", "id_number": "52270119700101001X", "name": "凭证演示"}},
    )
    with http_client(hub.url) as http:
        engine = make_engine(station, http)
        assert engine.resolve_evoucher(qr).ec_token == "tok-1"
        from sync.client import HubRefused

        with pytest.raises(HubRefused) as err:
            engine.resolve_evoucher("4243754826492874240001130001")
    assert err.value.hub_code == p.ERR_NOT_FOUND


def test_events_carry_station_seq_and_clock_suspect_to_the_hub(station: Store, hub: HubFixture) -> None:
    """Issue 10 item 6: the centre sees the station-wide order of a case's events and which of them
    were stamped by a clock that looked wrong (here: the PC's clock set back two days)."""
    import datetime as dt

    from hub.db import HubCase
    from models.cases import apply_action
    from models.lifecycle import Action
    from models.orm import ClockState
    from sync.records import SyncedItem

    with station.db.write() as session:
        state = session.get(ClockState, 1)
        assert state is not None
        state.high_water_at = clock.now() + dt.timedelta(days=2)  # the station has seen a later time
        case = session.scalar(select(Case).where(Case.state == CaseState.ACCEPTED))
        assert case is not None
        item = SyncedItem(case.item_code, case.item_name)
        apply_action(session, case, Action.WITHDRAW, item=item, clerk=None, reason="申请人撤回")
        uuid = case.uuid
    with station.db.read() as session:
        events = session.scalars(select(CaseEvent).join(Case).where(Case.uuid == uuid).order_by(CaseEvent.seq))
        expected = [(e.seq, e.station_seq, e.clock_suspect) for e in events]
    assert expected[-1][2] is True and all(seq is not None for _s, seq, _c in expected)

    report = run(station, hub.url)
    assert report.accepted == 4 and report.rejected == 0
    with hub.hub.db.read() as session:
        row = session.scalar(select(HubCase).where(HubCase.uuid == uuid))
        assert row is not None
        held = p.CaseRecord.model_validate_json(row.payload)
    assert [(e.seq, e.station_seq, e.clock_suspect) for e in held.events] == expected
    assert held.events[-1].action == "withdraw" and not any(e.clock_suspect for e in held.events[:-1])

    # Backward compatible: a record from a station before these fields still validates.
    old = held.model_dump(mode="json")
    for event in old["events"]:
        del event["station_seq"], event["clock_suspect"]
    legacy = p.CaseRecord.model_validate(old)
    assert all(e.station_seq is None and e.clock_suspect is False for e in legacy.events)
