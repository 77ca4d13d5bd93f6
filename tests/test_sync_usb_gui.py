"""U盘同步 from the sync centre itself, by a one-person station's clerk holding several roles:
export the bundle, the hub imports it (real hub database and media directory), import the
return bundle, and the screen says what came back. No command line anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from hub.bundle_import import hub_key_card, import_bundle
from hub.db import HubDb
from hub.service import Hub
from models.enums import ClerkRole
from models.security.auth import authenticate
from models.security.clerks import set_roles
from models.store import Store
from sync.engine import sync_status


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    h = Hub(HubDb.in_dir(tmp_path / "hub"), tmp_path / "hub", auto_approve=True)
    yield h
    h.db.dispose()


def test_village_clerk_syncs_by_usb_stick_from_the_sync_centre(
    qtbot: QtBot,
    protected_store: Store,
    hub: Hub,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    screenshots: Path,
) -> None:
    from desktop.main_window import MainWindow

    set_roles(protected_store, None, "shouli", [ClerkRole.INTAKE, ClerkRole.PRINTER, ClerkRole.SYNC])
    clerk = authenticate(protected_store, "shouli", "demo-shouli")
    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    win = MainWindow(protected_store, "演示镇医保服务站", "522701001", "乡镇", clerk=clerk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.set_clerk(clerk)
    assert "受理员、打印员、同步员" in win.clerk_label.text()
    center = win.open_sync_center()
    assert not center.forbidden.isVisible() and center.usb is not None
    usb = center.usb
    qtbot.waitUntil(lambda: usb.export_button.isEnabled(), timeout=5_000)

    stick = tmp_path / "usb"
    stick.mkdir()
    key_file = stick / "hub-key.json"
    key_file.write_text(hub_key_card(hub.data).model_dump_json(indent=2), encoding="utf-8")
    asked: list[str] = []
    answers = {"hub_key": str(key_file), "export": str(stick / "station.tbb"), "import": str(stick / "return.tbr")}

    def choose(_parent: Any, purpose: str, _suggested: str) -> str:
        asked.append(purpose)
        return answers[purpose]

    usb._choose_path = choose
    with protected_store.db.read() as session:
        pending = sync_status(session)["pending"]
    assert pending > 0
    qtbot.mouseClick(usb.export_button, _left())
    qtbot.waitUntil(lambda: "已导出同步包" in usb.message.text(), timeout=30_000)
    assert asked == ["hub_key", "export"]  # the first export asks for the hub's key file, once
    assert f"办件 {pending} 件" in usb.message.text() and "tongban" not in usb.message.text()
    assert (stick / "station.tbb").stat().st_size > 0

    imported = import_bundle(hub, stick / "station.tbb", stick / "return.tbr")
    assert imported.accepted == pending
    qtbot.waitUntil(lambda: usb.import_button.isEnabled(), timeout=5_000)
    qtbot.mouseClick(usb.import_button, _left())
    qtbot.waitUntil(lambda: "已导入回执包" in usb.message.text(), timeout=30_000)
    assert f"中心端接收 {pending} 件" in usb.message.text() and "tongban" not in usb.message.text()
    qtbot.waitUntil(lambda: f"已接收 {pending} 件" in center.counts_label.text(), timeout=10_000)
    win.resize(1366, 768)
    assert win.grab().save(str(screenshots / "sync_center_usb.png"))
    with protected_store.db.read() as session:
        status = sync_status(session)
    assert status["accepted"] == pending and status["pending"] == 0
    # The sync centre's tables show the per-case answers that came back.
    qtbot.waitUntil(lambda: center.case_table.rowCount() >= pending, timeout=10_000)
    # A second export needs no key file any more.
    asked.clear()
    answers["export"] = str(stick / "second.tbb")
    qtbot.mouseClick(usb.export_button, _left())
    qtbot.waitUntil(lambda: "已导出同步包" in usb.message.text() and "second" in usb.message.text(), timeout=30_000)
    assert asked == ["export"]
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=10_000)
    win.close()


def _left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
