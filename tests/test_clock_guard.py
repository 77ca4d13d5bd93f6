"""Clock trouble (issue 10 item 6): a wrong PC clock never reorders events or moves a deadline
silently. The clock is frozen by patching ``models.clock.now`` / ``today_local``, the one source
of "now"; cases go through the counter's real submit path on the demo station."""

from __future__ import annotations

import datetime as dt
import re
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from models import clock, clock_guard
from models.case_lookup import find_case
from models.catalog.for_case import item_for
from models.clock_guard import ClockTrouble, clock_status, note_hub_time
from models.deadlines import load_calendar
from models.demo import demo_id_number
from models.enums import StationLevel
from models.intake import Identity
from models.intake.service import save_draft, set_material, start_draft
from models.intake.submit import SubmitResult, submit
from models.orm import Case, CaseEvent, ClockState, Station
from models.store import Store

UTC = dt.UTC
#: Wednesday 25 November 2026, 10:00 at the counter (China Standard Time).
WEDNESDAY_10H = dt.datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
ITEM = "002036001003"  # 城乡居民参保登记: 即时办结, the promised date is the day of acceptance


class Clock:
    """The station's clock, set by the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, at: dt.datetime) -> None:
        self.at = at
        monkeypatch.setattr(clock, "now", lambda: self.at)
        monkeypatch.setattr(clock, "today_local", lambda: clock.local_date(self.at))


def accept(store: Store, birth: str, seq: str) -> SubmitResult:
    """Take in and accept one 城乡居民参保登记 at whatever time the clock says."""
    id_number = demo_id_number(birth, seq)
    birth_date = f"{birth[:4]}-{birth[4:6]}-{birth[6:]}"
    values = {
        "name": "钟演示",
        "id_type": "身份证",
        "id_number": id_number,
        "birth_date": birth_date,
        "phone": "13800138000",
        "household_address": "都匀",
        "applicant_identity": "无业成年人",
        "by_proxy": "否",
    }
    with store.db.write() as s:
        # A county station approves the item, so the case keeps a promised date (a township
        # forwards it with none: issue 15 item 3).
        station = s.scalar(select(Station))
        assert station is not None
        station.level = StationLevel.COUNTY
        draft = start_draft(s, ITEM, Identity(id_number, "钟演示", identified_by="card"), {"name": "钟演示"})
        save_draft(s, draft.with_values(values))
        for key in ("id_document", "registration_form"):
            set_material(s, draft.case_no, key, "received")
    with store.db.write() as s:
        return submit(s, draft.case_no)


def promised_from(store: Store, case_no: str, day: dt.date) -> dt.date | None:
    """What the catalog's 办理时限 gives for this case counted from ``day``."""
    with store.db.read() as s:
        case = find_case(s, case_no)
        limit = item_for(case).counter_limit(case.station.level, case.field_map())
        return limit.promised_date(day, load_calendar(s))


def events_of(store: Store, case_no: str) -> list[CaseEvent]:
    with store.db.read() as s:
        case = find_case(s, case_no)
        return list(s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)))


def test_clock_set_back_two_days_keeps_order_flags_and_keeps_the_deadline(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    station_clock = Clock(monkeypatch, WEDNESDAY_10H)
    first = accept(demo_store, "19800101", "013")
    assert first.accepted and not first.clock_suspect
    assert first.promised_date == promised_from(demo_store, first.case_no, dt.date(2026, 11, 25))
    with demo_store.db.read() as s:
        assert clock_status(s).ok

    station_clock.at = WEDNESDAY_10H - dt.timedelta(days=2)  # a flat CMOS battery, a clerk's slip
    second = accept(demo_store, "19810202", "025")
    assert second.accepted and second.clock_suspect

    # The deadline counts from the best known date (the high-water mark, Wednesday), not Monday.
    from_wednesday = promised_from(demo_store, second.case_no, dt.date(2026, 11, 25))
    from_monday = promised_from(demo_store, second.case_no, dt.date(2026, 11, 23))
    assert from_wednesday != from_monday  # the test means something
    assert second.promised_date == from_wednesday

    old, new = events_of(demo_store, first.case_no), events_of(demo_store, second.case_no)
    assert not any(e.clock_suspect for e in old)
    assert all(e.clock_suspect for e in new)
    accept_event = next(e for e in new if e.action == "accept")
    assert (
        accept_event.reason is not None
        and "本机时钟异常" in accept_event.reason
        and "2026-11-25" in accept_event.reason
    )
    # ``at`` keeps the clock's (wrong) reading; the station-wide sequence keeps the true order.
    assert all(e.at < min(o.at for o in old) for e in new)
    assert min(e.station_seq or 0 for e in new) > max(e.station_seq or 0 for e in old)
    with demo_store.db.read() as s:
        timeline = list(s.scalars(select(CaseEvent).order_by(CaseEvent.station_seq)))
        seqs = [e.station_seq for e in timeline]
        assert None not in seqs and seqs == sorted(set(seqs))  # unique, gap-free order
        assert [e.id for e in timeline][-len(new) :] == [e.id for e in new]
        case = s.scalar(select(Case).where(Case.case_no == second.case_no))
        assert case is not None and case.accepted_at == WEDNESDAY_10H  # the receipt shows the best time
        status = clock_status(s)
    assert status.trouble is ClockTrouble.BEHIND_HIGH_WATER
    assert status.behind_minutes == 2 * 24 * 60

    # The clock is put right: nothing is flagged any more.
    station_clock.at = WEDNESDAY_10H + dt.timedelta(minutes=30)
    third = accept(demo_store, "19820303", "037")
    assert not third.clock_suspect and not any(e.clock_suspect for e in events_of(demo_store, third.case_no))
    with demo_store.db.read() as s:
        assert clock_status(s).ok


def test_small_drift_is_tolerated(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    station_clock = Clock(monkeypatch, WEDNESDAY_10H)
    with store.db.write() as s:
        assert not clock_guard.stamp(s).suspect
    station_clock.at = WEDNESDAY_10H - dt.timedelta(minutes=3)  # within BEHIND_TOLERANCE
    with store.db.write() as s:
        mark = clock_guard.stamp(s)
        state = s.get(ClockState, 1)
        assert state is not None and state.high_water_at == WEDNESDAY_10H  # only moves forward
    assert not mark.suspect and mark.seq == 2


def test_hub_skew_of_three_hours_is_flagged_and_the_hub_date_counts(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 22:30 at the counter on Wednesday; the hub says 01:30 on Thursday: the PC is 3 hours slow.
    local = dt.datetime(2026, 11, 25, 14, 30, tzinfo=UTC)
    Clock(monkeypatch, local)
    with demo_store.db.write() as s:
        note_hub_time(s, local + dt.timedelta(hours=3), local)
    with demo_store.db.read() as s:
        status = clock_status(s)
    assert status.trouble is ClockTrouble.HUB_SKEW and status.hub_skew_minutes == -180
    result = accept(demo_store, "19830404", "049")
    assert result.clock_suspect
    thursday, wednesday = dt.date(2026, 11, 26), dt.date(2026, 11, 25)
    assert promised_from(demo_store, result.case_no, thursday) != promised_from(demo_store, result.case_no, wednesday)
    assert result.promised_date == promised_from(demo_store, result.case_no, thursday)


def test_skew_limit_comes_from_settings(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from models.settings import CLOCK_SKEW_MINUTES

    Clock(monkeypatch, WEDNESDAY_10H)
    with store.db.write() as s:
        note_hub_time(s, WEDNESDAY_10H + dt.timedelta(minutes=20), WEDNESDAY_10H)
    try:
        with store.db.read() as s:
            assert clock_status(s).trouble is ClockTrouble.HUB_SKEW  # default limit: 10 minutes
        CLOCK_SKEW_MINUTES.set(store.settings, 30)
        clock_guard.configure(store.settings)
        with store.db.read() as s:
            assert clock_status(s).ok
    finally:
        clock_guard.set_hub_skew_limit(clock_guard.DEFAULT_HUB_SKEW_MINUTES)


def test_a_clock_that_ran_ahead_is_forgiven_by_the_hub(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PC that once ran a year ahead left the mark in the future; the hub's time resets it."""
    station_clock = Clock(monkeypatch, WEDNESDAY_10H + dt.timedelta(days=365))
    with store.db.write() as s:
        clock_guard.stamp(s)
    station_clock.at = WEDNESDAY_10H  # put right by the clerk
    with store.db.write() as s:
        assert clock_guard.stamp(s).suspect
        note_hub_time(s, WEDNESDAY_10H, WEDNESDAY_10H)
    station_clock.at = WEDNESDAY_10H + dt.timedelta(minutes=1)
    with store.db.write() as s:
        mark = clock_guard.stamp(s)
    assert not mark.suspect and mark.seq == 3
    with store.db.read() as s:
        assert clock_status(s).ok


def test_sync_learns_a_three_hour_skew_from_the_real_hub(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """End to end on loopback: the station's clock (this thread) is 3 hours slow, the hub's (its
    server thread) is right; one sync run stores the offset and the counter then flags events."""
    from hub.server import BackgroundServer, build
    from sync.engine import SyncOptions
    from sync.runner import enroll_station, http_client, make_engine

    real_now = clock.now
    station_thread = threading.get_ident()

    def skewed() -> dt.datetime:
        now = real_now()
        return now - dt.timedelta(hours=3) if threading.get_ident() == station_thread else now

    hub, app = build(tmp_path / "hub-data", auto_approve=True, token="t")
    try:
        with BackgroundServer(app) as server:
            assert enroll_station(demo_store, server.url).status == "approved"
            monkeypatch.setattr(clock, "now", skewed)
            with http_client(server.url, None) as http:
                engine = make_engine(demo_store, http, SyncOptions(), retries=1, backoff_s=0.0)
                engine.client.sleep = lambda _s: None
                engine.client.now = skewed  # the sync client reads the station's clock too
                assert engine.run().complete
    finally:
        hub.db.dispose()
    with demo_store.db.read() as s:
        state = s.get(ClockState, 1)
        assert state is not None and state.hub_offset_s is not None
        assert abs(state.hub_offset_s - 3 * 3600) < 60
        status = clock_status(s)
    assert status.trouble is ClockTrouble.HUB_SKEW and status.hub_skew_minutes == -180
    with demo_store.db.write() as s:
        assert clock_guard.stamp(s).suspect


def test_db_check_reports_clock_trouble(protected_store: Store, tongban_home: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    with protected_store.db.write() as s:
        state = clock_guard.clock_state(s)
        assert state is not None
        state.high_water_at = clock.now() + dt.timedelta(hours=5)  # this PC's clock was set back
    protected_store.close()
    env = {**os.environ, "TONGBAN_HOME": str(tongban_home)}
    cmd = [sys.executable, "-m", "desktop.cli.main", "db", "check"]
    as_json = subprocess.run([*cmd, "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert as_json.returncode == 0, as_json.stderr  # the data are sound: reported, not failed
    data = json.loads(as_json.stdout)
    assert data["clock"]["status"] == "behind_high_water" and 290 <= data["clock"]["behind_minutes"] <= 300
    text = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert text.returncode == 0 and "本机时钟：本机时钟可能被调回" in text.stdout
    assert re.search(r"早 4 小时 5\d 分钟", text.stdout)
