"""管理 → 设备 and ``tongban devices``: settings saved to settings.json, 测试 off the GUI thread
against the virtual SAM reader on a pty (a second process), Chinese errors for what is wrong."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.device_check import DeviceReport, check_device, list_devices, parse_resolution
from models.errors import UserFacingError
from models.settings import Settings
from models.store import Store
from tests.cli_helpers import REPO
from tests.idcard_helpers import Emulator, running_emulator
from tests.virtual_devices import Pad

WAIT = 15_000
posix_only = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    yield from running_emulator()


@pytest.fixture
def dialog(qtbot: QtBot, store: Store):  # type: ignore[no-untyped-def]
    from desktop.device_settings_dialog import DeviceSettingsDialog
    from desktop.operations import Operations

    errors: list[BaseException] = []
    ops = Operations(on_error=errors.append)
    saved: list[set[str]] = []
    dlg = DeviceSettingsDialog(store.settings, ops, on_saved=saved.append)
    dlg.saved_calls = saved  # type: ignore[attr-defined]
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    ops.shutdown()
    assert errors == []


def _choose(combo, data: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(data))


def _test(qtbot: QtBot, dlg, name: str) -> str:  # type: ignore[no-untyped-def]
    label = dlg.results[name]
    dlg.test_buttons[name].click()
    assert not dlg.test_buttons[name].isEnabled()  # running, off the GUI thread
    qtbot.waitUntil(lambda: dlg.test_buttons[name].isEnabled(), timeout=WAIT)
    return str(label.text())


@posix_only
def test_idcard_test_button_on_a_pty_reader_then_a_missing_port(qtbot: QtBot, dialog, emulator: Emulator) -> None:  # type: ignore[no-untyped-def]
    _choose(dialog.idcard_backend, "serial")
    dialog.idcard_port.setEditText(emulator.port)
    said = _test(qtbot, dialog, "idcard")
    assert said == f"身份证阅读器应答正常（安全模块 SAM 正常）：{emulator.port}"
    assert dialog.results["idcard"].styleSheet() == "color: #1b6e20;"

    dialog.idcard_port.setEditText("/dev/ttyUSB-tongban-missing")
    said = _test(qtbot, dialog, "idcard")
    assert said.startswith("找不到身份证阅读器的串口（/dev/ttyUSB-tongban-missing）")
    assert dialog.results["idcard"].styleSheet() == "color: #b3261e;"

    emulator.say("sam bad")
    dialog.idcard_port.setEditText(emulator.port)
    assert "安全模块（SAM）故障" in _test(qtbot, dialog, "idcard")


def test_virtual_reader_and_the_other_devices_report_in_chinese(qtbot: QtBot, dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _choose(dialog.idcard_backend, "virtual")
    assert _test(qtbot, dialog, "idcard") == "虚拟身份证阅读器（演示用，数据为虚构）应答正常。"
    dialog.camera.setEditText(str(tmp_path / "no-such-camera.mp4"))
    assert _test(qtbot, dialog, "camera").startswith("找不到文件：")
    dialog.resolution.setEditText("big")
    assert "格式不对" in _test(qtbot, dialog, "camera")
    assert "客户屏评价" in _test(qtbot, dialog, "evaluator")
    _choose(dialog.evaluator_backend, "serial")
    dialog.evaluator_port.setText("/dev/ttyUSB-tongban-missing")
    assert _test(qtbot, dialog, "evaluator") == "找不到评价器的串口（/dev/ttyUSB-tongban-missing）。请检查 USB 连线。"
    # A file printer: the test page is a real PDF in the folder.
    dialog.a4.set_value(f"pdf:{tmp_path}")
    assert _test(qtbot, dialog, "a4_printer") == f"测试页已保存为 {tmp_path / 'A4打印机测试页.pdf'}。"
    assert (tmp_path / "A4打印机测试页.pdf").read_bytes().startswith(b"%PDF")
    dialog.receipt.set_value("没有这台打印机")
    assert (
        _test(qtbot, dialog, "receipt_printer")
        == "找不到打印机“没有这台打印机”。请确认打印机已安装并开机，或重新选择。"
    )


@posix_only
def test_evaluator_test_button_pings_a_pad_on_a_pty(qtbot: QtBot, dialog) -> None:  # type: ignore[no-untyped-def]
    pad = Pad()
    try:
        _choose(dialog.evaluator_backend, "serial")
        dialog.evaluator_port.setText(pad.port)
        said = _test(qtbot, dialog, "evaluator")
        assert said.startswith(f"评价器正常：{pad.port}"), said
        assert dialog.results["evaluator"].styleSheet() == "color: #1b6e20;"
    finally:
        pad.stop()
    # The pad is gone: the same port no longer answers.
    assert not _test(qtbot, dialog, "evaluator").startswith("评价器正常")


def test_save_writes_settings_json(qtbot: QtBot, dialog, store: Store) -> None:  # type: ignore[no-untyped-def]
    _choose(dialog.idcard_backend, "serial")
    dialog.idcard_port.setEditText("COM3")
    dialog.idcard_baud.setCurrentIndex(dialog.idcard_baud.findData(9600))
    _choose(dialog.card_backend, "none")
    dialog.resolution.setCurrentIndex(dialog.resolution.findData("2592x1944"))
    _choose(dialog.evaluator_backend, "virtual")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    on_disk = json.loads(store.paths.settings.read_text(encoding="utf-8"))
    assert {k: on_disk[k] for k in ("idcard_backend", "idcard_port", "idcard_baud", "card_backend")} == {
        "idcard_backend": "serial",
        "idcard_port": "COM3",
        "idcard_baud": 9600,
        "card_backend": "none",
    }
    assert on_disk["camera_resolution"] == "2592x1944" and on_disk["evaluator_backend"] == "virtual"
    assert (
        dialog.saved_calls == [{"idcard", "card", "camera", "evaluator"}]
        and dialog.result() == dialog.DialogCode.Accepted
    )


def test_the_tests_run_off_the_gui_thread(qtbot: QtBot, dialog, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import desktop.device_settings_dialog as module

    threads: list[object] = []

    def spy(name: str, settings: Settings, **kwargs: object) -> DeviceReport:
        threads.append(QThread.currentThread())
        return check_device(name, settings)

    monkeypatch.setattr(module, "check_device", spy)
    _test(qtbot, dialog, "evaluator")
    assert threads and threads[0] is not QThread.currentThread()


def test_main_window_menu_opens_the_dialog_and_a_saved_reader_is_used(
    qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.main_window import MainWindow

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇")
    qtbot.addWidget(win)
    assert win.devices_action.text() == "设备(&E)…" and win.devices_action.isEnabled()
    dlg = win.open_device_settings()
    _choose(dlg.idcard_backend, "virtual")
    dlg.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert win.idcard_bridge.manager.config.backend == "virtual"  # the new reader, without a restart
    with qtbot.waitSignal(win.idcard_bridge.card_read, timeout=WAIT):
        win.intake.identify.idcard_button.click()
    assert win.intake.identify.name_edit.text() == "张演示"
    win.close()


def test_resolution_parsing() -> None:
    assert parse_resolution("2592x1944") == (2592, 1944) and parse_resolution(" 1920 × 1080 ") == (1920, 1080)
    assert parse_resolution("") is None
    with pytest.raises(UserFacingError):
        parse_resolution("4k")


def test_list_shows_what_is_configured(store: Store) -> None:
    store.settings.values.update(idcard_backend="serial", idcard_port="/dev/ttyUSB0", a4_printer="pdf:/tmp")
    rows = {name: shown for name, _label, shown in list_devices(store.settings)}
    assert rows["idcard"] == "serial /dev/ttyUSB0 115200" and rows["a4_printer"] == "pdf:/tmp"
    assert rows["evaluator"] == "screen"


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli.main", "devices", *argv],
        capture_output=True, text=True, cwd=REPO, env=dict(os.environ), timeout=120,
    )  # fmt: skip


@posix_only
def test_cli_list_and_test(store: Store, emulator: Emulator, tmp_path: Path) -> None:
    store.settings.values.update(idcard_backend="serial", idcard_port=emulator.port, receipt_printer=f"pdf:{tmp_path}")
    store.settings.save()
    listed = json.loads(_cli("list", "--json").stdout)
    assert {"name": "idcard", "label": "身份证阅读器", "setting": f"serial {emulator.port} 115200"} in listed
    done = _cli("test", "idcard")
    assert done.returncode == 0, done.stderr
    setting = f"serial {emulator.port} 115200"
    answer = f"身份证阅读器应答正常（安全模块 SAM 正常）：{emulator.port}"
    assert done.stdout.strip() == f"正常  身份证阅读器（{setting}）：{answer}"
    done = _cli("test", "receipt_printer", "--json")
    assert done.returncode == 0 and json.loads(done.stdout)[0]["ok"] is True
    assert (tmp_path / "回执打印机测试页.pdf").read_bytes().startswith(b"%PDF")
    emulator.stop()  # unplugged
    done = _cli("test", "idcard")
    assert done.returncode == 1 and "异常" in done.stdout and "找不到身份证阅读器的串口" in done.stdout
    assert "Traceback" not in done.stderr
    done = _cli("test", "nothing")
    assert done.returncode == 2 and "Traceback" not in done.stderr
