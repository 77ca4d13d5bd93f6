"""The main window's durability banner (issue 10 items 3 and 6), driven with pytest-qt on demo data:
a read-only store (with a clock set back), a disk at its floor, and the banner's texts.
Saves the screenshot readonly-banner.png (see tests/update_docs.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from models import clock
from models.clock_guard import ClockStatus, ClockTrouble
from models.orm import ClockState
from models.store import Store, open_store

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def _window(qtbot: QtBot, store: Store) -> MainWindow:
    from desktop.main_window import MainWindow

    window = MainWindow(store, "演示镇医保服务站", "522701001", "乡镇")
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    return window


def test_read_only_store_shows_the_banner_and_keeps_search_and_print(
    qtbot: QtBot, demo_store: Store, screenshots: Path
) -> None:
    from desktop.main_window import MainWindow

    # The station last stamped an event two days ahead of this PC's clock: the clock was set back.
    with demo_store.db.write() as session:
        state = session.get(ClockState, 1)
        assert state is not None
        state.high_water_at = clock.now() + dt.timedelta(days=2, minutes=1)
    demo_store.close()
    ro = open_store(demo_store.paths, read_only=True)
    try:
        window = _window(qtbot, ro)
        assert isinstance(window, MainWindow)
        banner = window.banner
        qtbot.waitUntil(lambda: "本机时钟" in banner.text(), timeout=10_000)
        text = banner.text()
        assert banner.isVisible()
        assert "只读模式" in text and "查询办件、打印" in text and "不能新受理" in text
        assert "早 2 天" in text

        # No intake: the tab is off, F2 explains instead of opening it, card reads are ignored.
        tabs = window.tabs
        assert not tabs.isTabEnabled(tabs.indexOf(window.intake)) and not window.writable
        assert tabs.currentWidget() is window.case_desk
        window.new_intake()
        assert tabs.currentWidget() is window.case_desk and "不能新受理" in window.statusBar().currentMessage()

        # Search still works on the read-only database; lifecycle actions are gone, reprint stays.
        desk = window.case_desk
        qtbot.waitUntil(lambda: desk.table.source.rowCount() > 0, timeout=10_000)
        desk.table.selectRow(0)
        qtbot.waitUntil(lambda: "办理过程" in desk.detail.toPlainText(), timeout=10_000)
        actions = window.desk_actions
        assert not any(b.isVisible() for b in actions.buttons.values())
        assert not actions.resume.isVisible() and actions.reprint.isVisible()

        assert window.grab().save(str(screenshots / "readonly-banner.png"))
        window.close()
    finally:
        ro.close()


def test_disk_at_its_floor_pauses_intake_until_space_returns(
    qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import models.diskspace
    from desktop.main_window import MainWindow

    window = _window(qtbot, demo_store)
    assert isinstance(window, MainWindow)
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=10_000)
    assert window.writable and not window.banner.isVisible()

    # Less free than the floor: as on a disk filled by photos.
    monkeypatch.setattr(models.diskspace, "HARD_FLOOR_BYTES", 1 << 60)
    window.refresh_durability()
    assert "磁盘空间已满" in window.banner.text() and window.banner.isVisible()
    assert not window.writable and not window.tabs.isTabEnabled(window.tabs.indexOf(window.intake))
    assert [a.isEnabled() for a in window.intake_actions] == [False, False]  # 新办件, 批量受理

    monkeypatch.undo()  # space was freed: the next check lifts the pause
    window.refresh_durability()
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=10_000)
    assert window.writable and window.tabs.isTabEnabled(window.tabs.indexOf(window.intake))
    assert all(a.isEnabled() for a in window.intake_actions)
    assert not window.banner.isVisible()
    window.close()


def test_banner_texts() -> None:
    from desktop.durability_banner import banner_lines
    from widgets.banner import BannerLevel

    fast = ClockStatus(ClockTrouble.HUB_SKEW, 0, 180, None)
    lines = banner_lines(read_only=False, free_mb=300, floor_mb=50, disk_low=True, clock=fast)
    assert [x.level for x in lines] == [BannerLevel.WARNING, BannerLevel.WARNING]
    assert "仅 300 MB" in lines[0].text and "低于 50 MB" in lines[0].text
    assert "比中心端快 3 小时" in lines[1].text
    slow = ClockStatus(ClockTrouble.HUB_SKEW, 0, -25, None)
    assert (
        "比中心端慢 25 分钟"
        in banner_lines(read_only=False, free_mb=900, floor_mb=50, disk_low=False, clock=slow)[0].text
    )
    full = banner_lines(read_only=False, free_mb=12, floor_mb=50, disk_low=True, clock=None)
    assert len(full) == 1 and full[0].level is BannerLevel.ERROR and "仅剩 12 MB" in full[0].text
    ok = ClockStatus(ClockTrouble.OK, 0, None, None)
    assert banner_lines(read_only=False, free_mb=900, floor_mb=50, disk_low=False, clock=ok) == []
