"""Qt side of the camera: bridge signals on the GUI thread, viewfinder, scanner-gun filter."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QThread
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.camera_bridge import MODE_DOCUMENT, CameraBridge
from desktop.scanner_gun import ScannerGunFilter
from devices.camera import synthetic as syn
from devices.camera.base import CameraSource
from widgets.viewfinder import Viewfinder

pytest.importorskip("segno")

TOKEN = "4243754826492874240001130000"


@pytest.fixture
def scan_video(tmp_path: Path) -> Path:
    frames = [syn.phone_frame(None, syn.Degradation(), seed=i) for i in range(2)]
    frames += [syn.phone_frame(TOKEN, syn.Degradation(), seed=i) for i in range(3)]
    frames += [syn.phone_frame("https://example.org/pay", syn.Degradation(), seed=7)]
    path = tmp_path / "scan.avi"
    syn.write_video(str(path), frames, fps=30)
    return path


def test_bridge_delivers_frames_and_token_on_the_gui_thread(qtbot, scan_video: Path) -> None:
    bridge = CameraBridge()
    view = Viewfinder()
    qtbot.addWidget(view)
    bridge.frame_ready.connect(view.set_frame)
    threads: list[QThread] = []
    tokens: list[object] = []
    rejected: list[object] = []
    bridge.evoucher_read.connect(lambda t: (threads.append(QThread.currentThread()), tokens.append(t)))
    bridge.qr_rejected.connect(rejected.append)
    with qtbot.waitSignal(bridge.capture_stopped, timeout=20000):
        bridge.start(CameraSource(path=str(scan_video), realtime=True))
    qtbot.waitUntil(lambda: len(rejected) == 1, timeout=5000)
    assert [getattr(t, "token", None) for t in tokens] == [TOKEN]  # three frames, one event
    assert threads == [QApplication.instance().thread()]
    assert getattr(rejected[0], "code", None) == "evoucher.not_evoucher"
    assert view.frames_shown >= 1 and view.has_frame()
    assert view.frames_shown + bridge.frames_skipped == 6
    bridge.stop()


def test_bridge_reports_a_missing_camera(qtbot, tmp_path: Path) -> None:
    bridge = CameraBridge()
    with qtbot.waitSignal(bridge.capture_failed, timeout=5000) as blocker:
        bridge.start(str(tmp_path / "missing.avi"))
    assert getattr(blocker.args[0], "code", None) == "camera.file_not_found"
    with qtbot.waitSignal(bridge.capture_failed, timeout=5000) as blocker:
        bridge.start(None)
    assert getattr(blocker.args[0], "code", None) == "camera.not_configured"


def test_document_mode_reports_page_outline(qtbot, tmp_path: Path) -> None:
    import cv2

    W, H = 1600, 1200  # larger than the analyser's 640-pixel copy
    for i in range(10):
        cv2.imwrite(str(tmp_path / f"p_{i:02d}.jpg"), cv2.resize(syn.photographed_page(1), (W, H)))
    bridge = CameraBridge()
    steady: list[object] = []
    bridge.page_steady.connect(steady.append)
    with qtbot.waitSignal(bridge.frame_analysed, timeout=10000) as blocker:
        bridge.start(str(tmp_path / "p_%02d.jpg"), mode=MODE_DOCUMENT)
    assert len(blocker.args[0].page_corners) == 4
    qtbot.waitUntil(lambda: len(steady) >= 1, timeout=20000)
    bridge.stop()
    # Analysed on a reduced copy, photographed at the camera's size.
    assert (steady[0].width, steady[0].height, steady[0].scale) == (W, H, 1.0)


def test_viewfinder_paints_frames_and_outline(qtbot) -> None:
    view = Viewfinder()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    assert view.message  # placeholder text before any frame
    img = QImage(160, 120, QImage.Format.Format_RGB888)
    img.fill(0x3366AA)
    with qtbot.waitSignal(view.frame_shown):
        view.set_frame(img)
    view.set_outline([(10, 10), (150, 10), (150, 110), (10, 110)], ready=True)
    shot = view.grab().toImage()
    centre = shot.pixelColor(200, 150)
    assert (centre.red(), centre.green(), centre.blue()) == (0x33, 0x66, 0xAA)
    view.clear()
    assert not view.has_frame()


class FakeClock:
    def __init__(self, step_ms: float) -> None:
        self.now, self.step = 0.0, step_ms

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_scanner_gun_burst_in_any_field_emits_and_is_removed(qtbot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    clock = FakeClock(150.0)  # the clerk types at a person's pace…
    gun = ScannerGunFilter(clock_ms=clock)
    QApplication.instance().installEventFilter(gun)
    returned: list[bool] = []
    edit.returnPressed.connect(lambda: returned.append(True))
    try:
        qtbot.keyClicks(edit, "name ")
        clock.now += 1000.0
        clock.step = 4.0  # …then, a second later, the gun fires
        with qtbot.waitSignal(gun.qr_decoded, timeout=2000) as blocker:
            qtbot.keyClicks(edit, TOKEN)
            qtbot.keyClick(edit, "\r")
    finally:
        QApplication.instance().removeEventFilter(gun)
    assert blocker.args == [TOKEN]
    assert edit.text() == "name "  # the burst was taken back out of the field
    assert returned == []  # Enter swallowed


def test_scanner_gun_ignores_a_person_typing(qtbot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    gun = ScannerGunFilter(clock_ms=FakeClock(150.0))
    got: list[str] = []
    gun.qr_decoded.connect(got.append)
    returned: list[bool] = []
    edit.returnPressed.connect(lambda: returned.append(True))
    QApplication.instance().installEventFilter(gun)
    try:
        qtbot.keyClicks(edit, TOKEN)
        qtbot.keyClick(edit, "\r")
    finally:
        QApplication.instance().removeEventFilter(gun)
    assert got == []
    assert edit.text() == TOKEN and returned == [True]


def test_guided_capture_photographs_each_laid_page_once(qtbot, tmp_path: Path) -> None:
    """A recorded clip: page A held still, the desk empty, page B held still. The window draws
    the outline live and captures exactly two pages, A then B, without a key press."""
    import cv2
    import numpy as np

    from desktop.intake.camera_window import CameraWindow
    from desktop.operations import Operations
    from devices.camera.document import detect_page

    desk = np.full((1080, 1920, 3), (70, 80, 100), np.uint8)
    page_a, page_b = syn.photographed_page(1), syn.photographed_page(2, rotate=-4.0)
    clip = tmp_path / "pages.avi"
    syn.write_video(str(clip), [page_a] * 16 + [desk] * 5 + [page_b] * 16 + [desk] * 3, fps=15)
    errors: list[BaseException] = []
    ops = Operations(errors.append)
    bridge = CameraBridge()
    window = CameraWindow(bridge, ops)
    qtbot.addWidget(window)
    pages: list[bytes] = []
    window.page_captured.connect(pages.append)
    outlines: list[int] = []
    bridge.frame_analysed.connect(lambda a: outlines.append(len(a.page_corners)))
    with qtbot.waitSignal(bridge.capture_stopped, timeout=30000):
        window.start(str(clip), MODE_DOCUMENT)
    qtbot.waitUntil(lambda: not ops.busy, timeout=10000)
    assert errors == []
    assert 4 in outlines and 0 in outlines  # outline shown while a page lies there, gone between
    assert len(pages) == 2 and window.pages_captured == 2
    first, second = (cv2.imdecode(np.frombuffer(p, np.uint8), cv2.IMREAD_GRAYSCALE) for p in pages)
    assert first.shape[0] > first.shape[1] and second.shape[0] > second.shape[1]  # pages, upright
    assert not np.array_equal(first, second)
    assert detect_page(desk) is None
    window.close()
