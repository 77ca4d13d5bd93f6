"""管理 → 设备 as the counter lives with it (issue 19 §4): the ESC/POS receipt printer tested on
its own port (a pty answering DLE EOT, a file, a missing node), the evaluator's vendor settings
saved and applied without a restart, the ID card 测试 through the running reader, 保存 that
restarts only what changed, a re-read of the same card keeping the clerk's place, and the camera
fields (preview resolution, pedal key)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.device_check import check_device
from devices.pty_emulator import PtyLink
from devices.receipt_printer import STATUS_QUERY
from models import device_settings as ds
from models.store import Store
from tests.cli_helpers import REPO
from tests.idcard_helpers import Emulator, running_emulator

if TYPE_CHECKING:
    from desktop.device_settings_dialog import DeviceSettingsDialog
    from desktop.main_window import MainWindow

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")
WAIT = 15_000


# An ESC/POS printer on a pty ------------------------------------------------------------------


class PrinterPty:
    """A pty as a serial ESC/POS printer (devices/pty_emulator.py ``PtyLink``): keeps what it is
    sent, answers DLE EOT 1 with ``status`` (None: a printer that never answers)."""

    def __init__(self, status: bytes | None) -> None:
        self.status = status
        self.received = bytearray()
        self._link = PtyLink(self._respond)
        self.path = self._link.path

    def _respond(self, data: bytes) -> bytes:
        self.received += data
        if self.status is not None and self.received.endswith(STATUS_QUERY):
            return self.status
        return b""

    def text(self) -> str:
        return bytes(self.received).decode("gb18030", errors="replace")

    def close(self) -> None:
        self._link.close()


@pytest.fixture
def answering_printer() -> Iterator[PrinterPty]:
    printer = PrinterPty(status=b"\x12")  # online, paper in (bits 1 and 4 are always 1)
    yield printer
    printer.close()


@pytest.fixture
def silent_printer() -> Iterator[PrinterPty]:
    printer = PrinterPty(status=None)
    yield printer
    printer.close()


def _escpos(store: Store, port: str) -> None:
    store.settings.values.update(receipt_printer_mode="escpos", receipt_printer_port=port, receipt_printer_baud=9600)


def test_escpos_test_prints_a_slip_on_the_printer_that_answers(store: Store, answering_printer: PrinterPty) -> None:
    _escpos(store, f"serial:{answering_printer.path}")
    report = check_device("receipt_printer", store.settings, timeout=5)
    assert report.ok, report.message
    assert report.message == f"已在回执打印机（serial:{answering_printer.path}）打印测试条，打印机应答正常。"
    assert report.setting == f"ESC/POS serial:{answering_printer.path}"
    sent = answering_printer.text()
    assert "医保通办 回执打印机测试" in sent and "能看到这张纸条，说明回执打印机设置正确。" in sent
    assert bytes(answering_printer.received).startswith(b"\x1b@\x1c&")  # ESC @, then FS & (Chinese mode)
    assert b"\x1dV" in answering_printer.received  # the cut


def test_escpos_test_says_when_the_printer_does_not_answer_or_is_offline(
    store: Store, silent_printer: PrinterPty
) -> None:
    _escpos(store, f"serial:{silent_printer.path}")
    report = check_device("receipt_printer", store.settings, timeout=1)
    assert not report.ok
    assert report.message.startswith(f"回执打印机（{silent_printer.path}）没有应答。")
    silent_printer.status = b"\x1a"  # bit 3: offline (cover open, paper out)
    report = check_device("receipt_printer", store.settings, timeout=5)
    assert not report.ok and "处于离线状态" in report.message


def test_escpos_test_writes_a_device_node_or_file(store: Store, tmp_path: Path) -> None:
    slip = tmp_path / "lp0"
    _escpos(store, str(slip))
    report = check_device("receipt_printer", store.settings)
    assert report.ok and report.message == f"测试条已写入 {slip}，请查看是否打印出来。"
    assert "回执打印机测试" in slip.read_bytes().decode("gb18030")
    _escpos(store, str(tmp_path / "no-such-dir" / "lp0"))
    report = check_device("receipt_printer", store.settings)
    assert not report.ok and report.message.startswith(f"找不到回执打印机的端口（{tmp_path / 'no-such-dir' / 'lp0'}）")


@pytest.mark.skipif(os.geteuid() == 0, reason="root opens any file")
def test_escpos_test_says_permission_denied(store: Store, tmp_path: Path) -> None:
    node = tmp_path / "lp0"
    node.write_bytes(b"")
    node.chmod(0o400)
    _escpos(store, str(node))
    report = check_device("receipt_printer", store.settings)
    assert not report.ok and report.message.startswith(f"没有权限打开回执打印机端口（{node}）")


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli.main", "devices", *argv],
        capture_output=True, text=True, cwd=REPO, env=dict(os.environ), timeout=120,
    )  # fmt: skip


def test_cli_tests_the_escpos_printer_not_the_system_one(store: Store, answering_printer: PrinterPty) -> None:
    _escpos(store, "/nonexistent/lp0")
    store.settings.save()
    done = _cli("test", "receipt_printer")
    assert done.returncode == 1, done.stdout
    assert done.stdout.startswith(
        "异常  回执打印机（ESC/POS /nonexistent/lp0）：找不到回执打印机的端口（/nonexistent/lp0）"
    )
    assert "未设置回执打印机" not in done.stdout
    _escpos(store, f"serial:{answering_printer.path}")
    store.settings.save()
    done = _cli("test", "receipt_printer", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)[0]["ok"] is True and "回执打印机测试" in answering_printer.text()


# The dialog -----------------------------------------------------------------------------------


@pytest.fixture
def dialog(qtbot: QtBot, store: Store) -> Iterator[DeviceSettingsDialog]:
    from desktop.device_settings_dialog import DeviceSettingsDialog
    from desktop.operations import Operations

    errors: list[BaseException] = []
    ops = Operations(on_error=errors.append)
    dlg = DeviceSettingsDialog(store.settings, ops)
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    ops.shutdown()
    assert errors == []


def _choose(combo, data: object) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def _run_test(qtbot: QtBot, dlg: DeviceSettingsDialog, name: str) -> str:
    dlg.test_buttons[name].click()
    qtbot.waitUntil(lambda: dlg.test_buttons[name].isEnabled(), timeout=WAIT)
    return str(dlg.results[name].text())


def _save(dlg: DeviceSettingsDialog) -> None:
    button = dlg.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None
    button.click()


def test_dialog_chooses_an_escpos_printer_tests_it_and_saves_it(
    qtbot: QtBot, dialog: DeviceSettingsDialog, store: Store, answering_printer: PrinterPty
) -> None:
    assert not dialog.receipt_port.isEnabled() and dialog.receipt.isEnabled()  # 系统打印机 by default
    _choose(dialog.receipt_mode, "escpos")
    assert dialog.receipt_port.isEnabled() and not dialog.receipt.isEnabled()
    dialog.receipt_port.setEditText("/nonexistent/lp0")
    assert _run_test(qtbot, dialog, "receipt_printer").startswith("找不到回执打印机的端口（/nonexistent/lp0）")
    dialog.receipt_port.setEditText(f"serial:{answering_printer.path}")
    _choose(dialog.receipt_dots, "384")
    _choose(dialog.receipt_font, "gb18030")
    said = _run_test(qtbot, dialog, "receipt_printer")
    assert said.endswith("打印测试条，打印机应答正常。") and "58mm（384 点），字库 GB18030" in answering_printer.text()
    _save(dialog)
    on_disk = json.loads(store.paths.settings.read_text(encoding="utf-8"))
    assert {k: on_disk[k] for k in ("receipt_printer_mode", "receipt_printer_port", "receipt_printer_dots")} == {
        "receipt_printer_mode": "escpos",
        "receipt_printer_port": f"serial:{answering_printer.path}",
        "receipt_printer_dots": 384,
    }
    assert on_disk["receipt_printer_font"] == "gb18030" and dialog.changed == {"receipt_printer"}


def test_dialog_holds_the_evaluator_vendor_settings_and_the_camera_extras(
    qtbot: QtBot, dialog: DeviceSettingsDialog, store: Store
) -> None:
    _choose(dialog.evaluator_backend, "library")
    dialog.evaluator_library.edit.setText("/opt/vendor/libpj.so")
    dialog.evaluator_function.setText("StartEvaluate")
    _choose(dialog.evaluator_scale, "3")
    _choose(dialog.evaluator_baud, 19200)
    dialog.evaluator_timeout.setValue(45)
    dialog.preview.setEditText("640x480")
    dialog.capture_key.setKeySequence(QKeySequence(Qt.Key.Key_F10))
    _save(dialog)
    saved = ds.evaluator_values(store.settings)
    assert saved == {
        "backend": "library",
        "port": "",
        "baudrate": 19200,
        "library": "/opt/vendor/libpj.so",
        "function": "StartEvaluate",
        "scale": 3,
        "timeout": 45.0,
    }
    assert ds.CAMERA_PREVIEW_RESOLUTION.get(store.settings) == "640x480"
    assert ds.CAMERA_CAPTURE_KEY.get(store.settings) == "F10"
    assert dialog.changed == {"evaluator", "camera"}


# The running counter -------------------------------------------------------------------------


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    yield from running_emulator()


@pytest.fixture
def counter(
    qtbot: QtBot, demo_store: Store, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    """The main window polling the virtual SAM reader set in settings.json (as at a counter)."""
    from desktop.main_window import MainWindow

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    demo_store.settings.values.update(idcard_backend="serial", idcard_port=emulator.port)
    demo_store.settings.save()
    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.idcard_bridge.monitoring, timeout=WAIT)
    yield win
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=WAIT)
    win.close()


def test_idcard_test_goes_through_the_running_reader(qtbot: QtBot, counter: MainWindow, emulator: Emulator) -> None:
    """The counter polls the port several times a second; each 测试 opening it a second time
    met a poll holding it now and then ("正被其他程序占用"). Through the running reader it never does."""
    dlg = counter.open_device_settings()
    assert dlg.idcard_port.currentText() == emulator.port
    running = counter.idcard_bridge
    for _ in range(12):
        said = _run_test(qtbot, dlg, "idcard")
        assert said == f"身份证阅读器应答正常（安全模块 SAM 正常）：{emulator.port}"
    assert counter.idcard_bridge is running and running.monitoring  # the counter still polls
    with qtbot.waitSignal(counter.idcard_bridge.card_read, timeout=WAIT):
        emulator.say("place demo")
    dlg.reject()


def test_save_restarts_only_what_changed_and_a_reread_keeps_the_clerks_place(
    qtbot: QtBot, counter: MainWindow, emulator: Emulator
) -> None:
    flow = counter.intake
    with qtbot.waitSignal(counter.idcard_bridge.card_read, timeout=WAIT):
        emulator.say("place demo")
    qtbot.keyClick(flow.identify.next_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.step == 1, timeout=WAIT)
    reader = counter.idcard_bridge

    # 保存 with the evaluator changed only: the reader (and the card on it) is left alone.
    dlg = counter.open_device_settings()
    _choose(dlg.evaluator_backend, "virtual")
    _save(dlg)
    assert counter.idcard_bridge is reader and flow.step == 1
    assert counter.evaluator_bridge is not None and counter.evaluator_bridge.manager.config.backend == "virtual"
    assert flow.device_evaluator is counter.evaluator_bridge  # the new pad, without a restart

    # The reader's settings changed: it restarts and reads the card still on it; same applicant,
    # same place in the case.
    dlg = counter.open_device_settings()
    _choose(dlg.idcard_baud, 57600)  # the virtual reader answers at any speed (a pty)
    _save(dlg)
    assert counter.idcard_bridge is not reader
    assert counter.idcard_bridge.manager.config.baudrate == 57600
    got: list[object] = []
    removed: list[str] = []
    counter.idcard_bridge.card_read.connect(got.append)
    counter.idcard_bridge.card_removed.connect(removed.append)
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT)  # the card left on the reader, read again
    qtbot.waitUntil(lambda: not counter.ops.busy, timeout=WAIT)
    assert flow.step == 1 and flow.identity is not None and flow.identity.name == "张演示"
    got.clear()
    emulator.say("remove")
    qtbot.waitUntil(lambda: bool(removed), timeout=WAIT)
    emulator.say("place demo")  # laid down again during the case
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT)
    assert flow.step == 1

    # Another person's card is a new applicant: the case is saved and identify comes back.
    got.clear()
    removed.clear()
    emulator.say("remove")
    qtbot.waitUntil(lambda: bool(removed), timeout=WAIT)
    emulator.say("place expired")
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT)
    assert flow.step == 0


def test_evaluator_scale_and_timeout_reach_the_running_pad(qtbot: QtBot, counter: MainWindow) -> None:
    assert counter.evaluator_bridge is None  # the customer screen (the default)
    dlg = counter.open_device_settings()
    _choose(dlg.evaluator_backend, "virtual")
    _choose(dlg.evaluator_scale, "3")
    dlg.evaluator_timeout.setValue(30)
    _save(dlg)
    bridge = counter.evaluator_bridge
    assert bridge is not None and bridge.active
    assert (bridge.manager.config.scale, bridge.manager.config.timeout) == (3, 30.0)
    dlg = counter.open_device_settings()
    _choose(dlg.evaluator_backend, "screen")
    _save(dlg)
    assert counter.evaluator_bridge is None and counter.intake.device_evaluator is None


def test_camera_changes_apply_to_the_next_capture(qtbot: QtBot, counter: MainWindow, tmp_path: Path) -> None:
    first = counter._camera_bridge()
    assert first.preview == (1280, 960)
    dlg = counter.open_device_settings()
    dlg.preview.setEditText("640x480")
    _save(dlg)
    second = counter._camera_bridge()
    assert second is not first and second.preview == (640, 480)


def test_camera_test_opens_the_camera_as_the_capture_window_does(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 测试 goes through devices/camera/capture.open_video_capture with the resolution (MJPG
    asked for before the size, as a 5 MP USB 2 高拍仪 needs), not a second opening of its own."""
    import devices.camera.capture as capture
    from devices.camera.base import CameraSource

    real = capture.open_video_capture
    opened: list[CameraSource] = []

    def spy(source: CameraSource) -> object:  # the real opening, recorded
        opened.append(source)
        return real(source)

    monkeypatch.setattr(capture, "open_video_capture", spy)
    store.settings.values.update(camera="63", camera_resolution="2592x1944")  # no camera 63 on this machine
    report = check_device("camera", store.settings)
    assert opened == [CameraSource(index=63, resolution=(2592, 1944))]
    assert not report.ok and "摄像头" in report.message
