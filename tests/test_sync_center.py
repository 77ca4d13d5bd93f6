"""The sync center and its controller against a real hub (uvicorn on loopback, its own SQLite):
counts, a run, pause/resume, cancel, connectivity lost and back with the automatic run, retry,
the reconciliation list; saves the screenshot sync-center.png (see tests/update_docs.py)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models import clock
from models.enums import ClerkRole
from models.errors import UserFacingError
from models.media import media_path
from models.orm import Case, SyncMedia, SyncOutbox
from models.progress import Progress
from models.security.auth import ClerkSession
from models.store import Store
from sync.engine import SyncOptions, sync_status
from sync.runner import enroll_station
from tests.qt_helpers import cell
from tests.sync_helpers import LoopbackHub, add_photo, loopback_hub


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[LoopbackHub]:
    with loopback_hub(tmp_path / "hub-data") as h:
        yield h


@pytest.fixture
def station(demo_store: Store, hub: LoopbackHub) -> Store:
    assert enroll_station(demo_store, hub.url).status == "approved"
    return demo_store


@pytest.fixture
def window(qtbot: QtBot, station: Store, monkeypatch: pytest.MonkeyPatch) -> Any:
    from desktop.main_window import MainWindow

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    win = MainWindow(station, "演示镇医保服务站", "522701001", "乡镇")
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def controller(station: Store, **kw: Any) -> Any:
    from desktop.sync_controller import SyncController

    kw.setdefault("probe_interval_s", 3600)
    kw.setdefault("auto_interval_s", 0)
    return SyncController(station, retries=0, backoff_s=0.0, **kw)


#: the first case still waiting in the outbox
QUEUED = Case.uuid == select(SyncOutbox.case_uuid).where(SyncOutbox.status == "pending").limit(1).scalar_subquery()


def counts(store: Store) -> dict[str, Any]:
    with store.db.read() as session:
        return sync_status(session)


# --- the screen ------------------------------------------------------------------------------


def test_screen_counts_a_run_and_the_reconciliation_list(
    qtbot: QtBot, window: Any, station: Store, hub: LoopbackHub, screenshots: Path
) -> None:
    from desktop.sync_center import SyncCenter, render_reconciliation_pdf

    center = window.open_sync_center()
    assert isinstance(center, SyncCenter) and window.tabs.currentWidget() is center
    qtbot.waitUntil(lambda: "待上传 4 件" in center.counts_label.text(), timeout=10_000)
    assert center.case_table.rowCount() == 4  # per case: the four queued demo cases
    assert {cell(center.case_table, r, 4) for r in range(4)} == {"待上传"}
    assert center.sync_button.isEnabled() and not center.pause_button.isEnabled()

    with qtbot.waitSignal(window.sync.run_finished, timeout=30_000) as finished:
        center.sync_button.click()
    assert finished.args[0].status == "ok" and finished.args[0].report.accepted == 4
    assert hub.stats()["cases"] == 4
    qtbot.waitUntil(lambda: "已接收 4 件" in center.counts_label.text(), timeout=10_000)
    assert "待上传 0 件" in center.counts_label.text() and center.batch_table.rowCount() == 1
    assert "同步完成" in window.sync_label.text()  # the status bar indicator
    assert center.progress.bar.value() == center.progress.bar.maximum()

    # Per batch: select it, its cases show with the hub's answer; print its reconciliation list.
    center.batch_table.selectRow(0)
    qtbot.waitUntil(lambda: center.case_title.text().startswith("批次"), timeout=10_000)
    assert center.case_table.rowCount() == 4
    assert {cell(center.case_table, r, 4) for r in range(4)} == {"已接收"}
    case_nos = {cell(center.case_table, r, 0) for r in range(4)}
    assert center.print_button.isEnabled()
    center.print_button.click()
    qtbot.waitUntil(lambda: center.preview is not None and center.preview.isVisible(), timeout=20_000)
    preview = center.preview
    assert preview is not None and preview.job.kind == "reconciliation" and len(preview.page_labels) == 1
    preview.close()

    assert center.selected_batch is not None
    batch_id, pdf = render_reconciliation_pdf(station.db, center.selected_batch, "同步员")
    doc = pdfium.PdfDocument(pdf)
    try:
        text = "".join(page.get_textpage().get_text_range().replace("\r\n", "") for page in doc)
    finally:
        doc.close()
    assert "同步对账单" in text and batch_id in text and "已确认 4 件" in text
    assert all(no in text for no in case_nos)

    assert window.grab().save(str(screenshots / "sync-center.png"))


def test_a_clerk_without_the_sync_role_is_refused(qtbot: QtBot, window: Any) -> None:
    clerk = ClerkSession(clerk_id=2, login="shouli", name="受理员", role=ClerkRole.INTAKE)
    window.set_clerk(clerk)
    center = window.open_sync_center()
    assert center.forbidden.isVisible() and not center.sync_button.isEnabled()
    assert center.case_table.rowCount() == 0
    with pytest.raises(UserFacingError) as refused:
        window.sync.run_now()  # the core checks the role, not only the disabled button
    assert refused.value.code == "auth.forbidden" and window.sync.runs_started == 0
    window.set_clerk(ClerkSession(clerk_id=5, login="tongbu", name="同步员", role=ClerkRole.SYNC))
    assert not center.forbidden.isVisible() and center.sync_button.isEnabled()


# --- pause, resume, cancel -------------------------------------------------------------------


def _slow_run(station: Store) -> tuple[bytes, str, Any, list[Any]]:
    """A queued photo that takes about a second to send, a controller, the progress it reports."""
    photo = os.urandom(640 * 1024)
    sha = add_photo(station, photo, QUEUED).sha
    ctl = controller(station, options=SyncOptions(chunk_size=32 * 1024, bandwidth_bps=640 * 1024))
    seen: list[Any] = []
    ctl.progress_changed.connect(seen.append)
    return photo, sha, ctl, seen


def test_pause_then_resume_completes_exactly_once(qtbot: QtBot, station: Store, hub: LoopbackHub) -> None:
    photo, sha, ctl, seen = _slow_run(station)
    try:
        assert ctl.run_now()
        assert not ctl.run_now()  # never two runs at once
        qtbot.waitUntil(lambda: any(p.phase == "media" and p.eta_s is not None for p in seen), timeout=20_000)
        with qtbot.waitSignal(ctl.run_finished, timeout=20_000) as paused:
            ctl.pause()
        assert paused.args[0].status == "paused" and ctl.state == "paused"
        held = hub.hub.media_status(_status_input(sha, len(photo)))
        assert 0 < held.offset < len(photo) and not held.complete  # stopped at a chunk boundary
        media = [p for p in seen if p.phase == "media"]
        assert media[-1].bytes_total == len(photo) and media[-1].bytes_done <= held.offset

        with qtbot.waitSignal(ctl.run_finished, timeout=30_000) as resumed:
            assert ctl.resume()
        outcome = resumed.args[0]
        assert outcome.status == "ok" and outcome.report.accepted == 4 and ctl.state == "idle"
        assert ctl.runs_started == 2
        assert outcome.report.media_bytes == len(photo) - held.offset  # went on from the hub's offset
    finally:
        ctl.shutdown()
    stats = hub.stats()
    assert stats["cases"] == 4 and stats["receipts"] == 4 and stats["media"] == 1  # exactly once
    assert counts(station)["pending"] == 0 and counts(station)["media_pending"] == 0


def test_cancel_leaves_a_resumable_queue(qtbot: QtBot, station: Store, hub: LoopbackHub) -> None:
    photo, sha, ctl, seen = _slow_run(station)
    try:
        ctl.run_now()
        qtbot.waitUntil(lambda: any(p.phase == "media" and p.bytes_done > 0 for p in seen), timeout=20_000)
        with qtbot.waitSignal(ctl.run_finished, timeout=20_000) as cancelled:
            ctl.cancel()
        assert cancelled.args[0].status == "cancelled" and ctl.state == "idle"
        queue = counts(station)
        assert queue["pending"] + queue["sent"] == 4 and queue["accepted"] == 0 and queue["media_pending"] == 1
        assert hub.stats()["cases"] == 0
        held = hub.hub.media_status(_status_input(sha, len(photo)))
        assert 0 < held.offset < len(photo)
        ctl.options = SyncOptions()  # full speed for the rest
        with qtbot.waitSignal(ctl.run_finished, timeout=30_000) as again:
            ctl.run_now()
        assert again.args[0].status == "ok" and again.args[0].report.media_bytes == len(photo) - held.offset
    finally:
        ctl.shutdown()
    assert hub.stats()["cases"] == 4 and hub.stats()["receipts"] == 4 and hub.stats()["media"] == 1


# --- connectivity and the automatic run ------------------------------------------------------


def test_offline_is_shown_and_the_automatic_sync_runs_when_the_hub_returns(
    qtbot: QtBot, window: Any, station: Store, hub: LoopbackHub
) -> None:
    from desktop.sync_controller import Net
    from models import audit
    from models.enums import ClerkRole
    from models.orm import Clerk
    from models.security.auth import ClerkSession

    hub.stop()
    ctl = window.sync
    with station.db.read() as session:
        shouli = session.scalar(select(Clerk).where(Clerk.login == "shouli"))
        assert shouli is not None
        counter_clerk = ClerkSession(shouli.id, "shouli", shouli.name, ClerkRole.INTAKE)
    window.set_clerk(counter_clerk)  # a 受理员 at the counter, without the sync role
    ctl.probe_interval_s, ctl.first_backoff_s, ctl.auto_interval_s = 1.0, 0.2, 3600.0
    with qtbot.waitSignal(ctl.connectivity_changed, timeout=15_000) as changed:
        ctl.start()
    assert changed.args[0] == Net.OFFLINE
    assert "未连接" in window.sync_label.text() and ctl.runs_started == 0
    assert counts(station)["pending"] == 4

    with qtbot.waitSignal(ctl.run_finished, timeout=30_000) as finished:
        hub.start()  # nobody presses anything: the next probe sees the hub, the run starts itself
    outcome = finished.args[0]
    assert outcome.automatic and outcome.status == "ok" and outcome.report.accepted == 4
    assert ctl.net == Net.ONLINE and hub.stats()["cases"] == 4
    assert "同步完成" in window.sync_label.text()
    with station.db.read() as session:
        runs = [e for e in audit.entries(session, action="sync.") if e.action in ("sync.start", "sync.finish")]
    # The system's run, not the counter clerk's (who may not sync).
    assert runs and all(e.clerk_login is None for e in runs)

    # While held (a data-key rotation), no run starts, automatic or not; released, they may again.
    assert ctl.hold()
    assert not ctl._start_run(automatic=True) and ctl.runs_started == 1
    ctl.release()
    assert not ctl.busy


def test_probe_backs_off_while_offline(qtbot: QtBot, station: Store, hub: LoopbackHub) -> None:
    from desktop.sync_controller import Net

    hub.stop()
    ctl = controller(station, probe_interval_s=30, first_backoff_s=5)
    try:
        delays = []
        for _ in range(4):
            with qtbot.waitSignal(ctl.status_text_changed, timeout=15_000):
                ctl._started = True  # probe by hand; the timer would wait for the delay
                ctl.probe_now()
            assert ctl.net == Net.OFFLINE
            delays.append(ctl.next_probe_s())
        assert delays == [5, 10, 20, 30]
        assert "30 秒后重试" in ctl.status_text
    finally:
        ctl.shutdown()


# --- retry -----------------------------------------------------------------------------------


def test_retry_sends_a_restored_file_and_the_rejection_is_shown_per_case(
    qtbot: QtBot, window: Any, station: Store, hub: LoopbackHub
) -> None:
    photo = b"photo that rots on disk" * 200
    sha = add_photo(station, photo, QUEUED).sha
    media_path(station.paths.media, sha).write_bytes(b"bit rot")
    center = window.open_sync_center()
    with qtbot.waitSignal(window.sync.run_finished, timeout=30_000) as finished:
        center.sync_button.click()
    report = finished.args[0].report
    assert report.rejected == 1 and report.accepted == 3 and report.media_corrupt == 1
    qtbot.waitUntil(lambda: "被退回 1 件" in center.counts_label.text(), timeout=10_000)
    rows = {cell(center.case_table, r, 4): cell(center.case_table, r, 5) for r in range(4)}
    assert "材料文件未收到" in rows["被退回"] and "已重新打开为草稿" in rows["被退回"]

    media_path(station.paths.media, sha).write_bytes(photo)  # restored from a backup
    with qtbot.waitSignal(window.sync.retried, timeout=10_000) as retried:
        center.retry_button.click()
    outcome = retried.args[0]
    assert outcome.media_requeued == 1 and outcome.media_still_corrupt == 0 and outcome.rejected_final == 1
    qtbot.waitSignal(window.sync.run_finished, timeout=30_000).wait()
    assert "1 个已恢复" in center.message_label.text()
    with station.db.read() as session:
        assert session.get(SyncMedia, sha) is None  # no longer marked corrupt
    # The rejected revision is not sent again (the hub keeps its answer per revision); the file
    # goes up with the reopened draft once a clerk has corrected and accepted it.
    assert hub.stats()["receipts"] == 4 and hub.stats()["media"] == 0


# --- Qt-free parts ---------------------------------------------------------------------------


def test_auto_sync_is_due_with_work_or_after_the_interval(station: Store, hub: LoopbackHub) -> None:
    from sync.runner import http_client, make_engine
    from sync.status import auto_sync_due

    hour = dt.timedelta(hours=1)
    with station.db.read() as session:
        assert auto_sync_due(session, hour)  # four cases wait
    with http_client(hub.url) as http:
        make_engine(station, http).run()
    with station.db.read() as session:
        assert not auto_sync_due(session, hour)  # nothing waits and the last run is recent
        assert auto_sync_due(session, hour, now=clock.now() + 2 * hour)  # results are due again


def test_progress_estimates_time_left() -> None:
    from desktop.sync_controller import ProgressTracker

    now = [0.0]
    tracker = ProgressTracker(now=lambda: now[0])
    first = tracker.update(Progress(0, 1000, "media"), 0)
    assert first is not None and first.eta_s is None
    now[0] = 2.0
    second = tracker.update(Progress(250, 1000, "media"), 300)
    assert second is not None and second.eta_s == pytest.approx(6.0)  # 125 B/s, 750 B left
    assert 0 < second.fraction < 1 and second.wire_bytes == 300
    now[0] = 2.01
    assert tracker.update(Progress(260, 1000, "media"), 310) is None  # at most 10 updates a second
    now[0] = 3.0
    cases = tracker.update(Progress(1, 4, "cases"), 400)
    assert cases is not None and cases.bytes_done == 1000 and cases.items_done == 1
    done = tracker.update(Progress(1, 1, "done"), 500)
    assert done is not None and done.fraction == 1.0 and done.eta_s == 0.0


def _status_input(sha: str, size: int) -> Any:
    from sync import protocol as p

    return p.MediaStatusInput(sha256=sha, size=size)
