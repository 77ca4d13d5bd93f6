"""The 高拍仪 window bound to a material, driven by keys on recorded frames (no real camera):
pages named "户口簿 第N页", Space and the pedal key capture, reorder / retake / delete, and the
pages stored, in order, as that material's pages of the case; an ID card's two sides become one
A4 page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.camera_bridge import MODE_DOCUMENT, CameraBridge
from desktop.intake.page_capture import PageCaptureWindow
from desktop.operations import Operations
from devices.camera import synthetic as syn
from models.orm import Case
from models.orm.material import MaterialEntry
from models.settings import CAMERA
from models.store import Store
from tests.test_intake_gui import choose_item, fill_registration_form, identify_typed, idle
from tests.test_intake_gui import window as counter  # noqa: F401  (the counter, as a fixture)

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def recording(tmp: Path, name: str, image: np.ndarray, frames: int = 3) -> str:
    """A recorded clip of one thing lying still under the camera (an image sequence)."""
    for i in range(frames):
        cv2.imwrite(str(tmp / f"{name}_{i:02d}.jpg"), image)
    return str(tmp / f"{name}_%02d.jpg")


def lay(qtbot: QtBot, bridge: CameraBridge, clip: str) -> None:
    """The clerk lays the next sheet: the camera shows it until the recording ends."""
    bridge.start(clip, MODE_DOCUMENT)  # (a stopped camera's late capture_stopped may still arrive)
    qtbot.waitUntil(lambda: bridge.latest_frame is not None and not bridge.running, timeout=20_000)


def shoot(qtbot: QtBot, window: PageCaptureWindow, key: Qt.Key = Qt.Key.Key_Space) -> None:
    before = [p.jpeg for p in window.pages]
    qtbot.keyClick(window, key)
    qtbot.waitUntil(lambda: not window.busy and [p.jpeg for p in window.pages] != before, timeout=20_000)


@pytest.fixture
def capture(qtbot: QtBot) -> Iterator[tuple[PageCaptureWindow, CameraBridge, list[BaseException]]]:
    errors: list[BaseException] = []
    ops = Operations(errors.append)
    bridge = CameraBridge(preview=(640, 480))
    window = PageCaptureWindow(bridge, ops, capture_key="F10")
    # Not qtbot.addWidget: pytest-qt would close the window before this fixture's teardown, and
    # a page still held then makes close() ask its modal question.
    yield window, bridge, errors
    # A page auto-captured while the test ends would make close() ask a modal question.
    window.auto.setChecked(False)
    bridge.stop()
    window.pages.clear()
    window.close()
    ops.shutdown()


def test_pages_are_named_captured_reordered_retaken_and_deleted(qtbot: QtBot, tmp_path: Path, capture: Any) -> None:
    window, bridge, errors = capture
    sheets = {name: syn.photographed_page(seed) for name, seed in (("a", 1), ("b", 2), ("c", 3), ("d", 4))}
    clips = {name: recording(tmp_path, name, image) for name, image in sheets.items()}
    window.start(clips["a"], "household_book", "户口簿", existing_pages=1)
    window.auto.setChecked(False)  # captures by key only: the test decides when
    window.activateWindow()
    qtbot.waitUntil(lambda: bridge.latest_frame is not None, timeout=20_000)
    assert window.heading.text() == "户口簿 第2页"  # one page was already stored
    shoot(qtbot, window)
    assert window.heading.text() == "户口簿 第3页"
    assert window.viewfinder.has_frame()
    frame = window.viewfinder._frame
    assert frame is not None and frame.width() <= 640 and frame.height() <= 480  # the preview size
    lay(qtbot, bridge, clips["b"])
    shoot(qtbot, window, Qt.Key.Key_F10)  # the foot pedal
    lay(qtbot, bridge, clips["c"])
    shoot(qtbot, window)
    a, b, c = (p.jpeg for p in window.pages)
    assert len({a, b, c}) == 3 and errors == []
    assert [window.page_list.item(i).text() for i in range(3)] == ["第2页", "第3页", "第4页"]

    # Reorder: the last page first.
    window.page_list.setCurrentRow(2)
    qtbot.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [p.jpeg for p in window.pages] == [c, a, b] and window.page_list.currentRow() == 0
    # Retake the second page (a): the next capture replaces it.
    qtbot.keyClick(window, Qt.Key.Key_Down)
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert window.heading.text() == "户口簿 第3页（重拍）"
    lay(qtbot, bridge, clips["d"])
    shoot(qtbot, window)
    d = window.pages[1].jpeg
    assert [p.jpeg for p in window.pages] == [c, d, b] and d != a
    assert window.heading.text() == "户口簿 第5页"
    # Delete the first page.
    window.page_list.setCurrentRow(0)
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    assert [p.jpeg for p in window.pages] == [d, b]

    with qtbot.waitSignal(window.pages_saved, timeout=5_000) as saved:
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved.args == ["household_book", [d, b]]
    assert not window.isVisible() and not bridge.running


def test_choosing_another_page_after_r_retakes_the_page_the_heading_names(
    qtbot: QtBot, tmp_path: Path, capture: Any
) -> None:
    window, bridge, errors = capture
    sheets = {name: syn.photographed_page(seed) for name, seed in (("a", 1), ("b", 2), ("c", 3))}
    clips = {name: recording(tmp_path, name, image) for name, image in sheets.items()}
    window.start(clips["a"], "household_book", "户口簿", existing_pages=1)
    window.auto.setChecked(False)
    window.activateWindow()
    qtbot.waitUntil(lambda: bridge.latest_frame is not None, timeout=20_000)
    shoot(qtbot, window)
    lay(qtbot, bridge, clips["b"])
    shoot(qtbot, window)
    a, b = (p.jpeg for p in window.pages)
    window.page_list.setCurrentRow(0)
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert window.heading.text() == "户口簿 第2页（重拍）"
    # The clerk picks the other page after R: the heading follows, and so does the next capture.
    qtbot.keyClick(window, Qt.Key.Key_Down)
    assert window.page_list.currentRow() == 1
    assert window.heading.text() == "户口簿 第3页（重拍）"
    assert "第3页" in window.status.text()
    lay(qtbot, bridge, clips["c"])
    shoot(qtbot, window)
    assert window.pages[0].jpeg == a and window.pages[1].jpeg not in (a, b)
    assert window.heading.text() == "户口簿 第4页" and errors == []


def material_pages(store: Store, case_no: str, key: str) -> list[tuple[int, str, int]]:
    from models.media import read_verified

    with store.db.read() as session:
        case = session.scalars(select(Case).where(Case.case_no == case_no)).one()
        entry = session.scalars(
            select(MaterialEntry).where(MaterialEntry.case_id == case.id, MaterialEntry.material_key == key)
        ).one()
        return [
            (f.page_no, f.sha256, len(read_verified(store.paths.media, f.sha256)))
            for f in sorted(entry.files, key=lambda f: f.page_no)
        ]


def test_pages_are_stored_against_the_material_and_an_id_card_copy_is_one_a4_page(
    qtbot: QtBot,
    counter: MainWindow,  # noqa: F811
    demo_store: Store,
    tmp_path: Path,
) -> None:
    import hashlib
    import io

    from PIL import Image

    from models.media import read_verified

    flow = counter.intake
    identify_typed(qtbot, counter)
    choose_item(qtbot, counter, "cxjmcbdj")
    fill_registration_form(qtbot, counter)
    case_no = flow.draft.case_no
    # F7 on 参保登记表: two pages.
    CAMERA.set(counter.store.settings, recording(tmp_path, "form1", syn.photographed_page(5)))
    box = flow.materials.rows["registration_form"].check
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_F7)
    window = counter.page_capture
    assert window is not None and window.material_key == "registration_form"
    assert window.heading.text().endswith("第1页") and not window.id_mode.isChecked()
    window.auto.setChecked(False)
    bridge = counter.camera_bridge
    qtbot.waitUntil(lambda: bridge.latest_frame is not None, timeout=20_000)
    shoot(qtbot, window)
    lay(qtbot, bridge, recording(tmp_path, "form2", syn.photographed_page(6)))
    shoot(qtbot, window)
    first, second = (p.jpeg for p in window.pages)
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, counter)
    digest = [hashlib.sha256(p).hexdigest() for p in (first, second)]
    assert [(n, h) for n, h, _ in material_pages(demo_store, case_no, "registration_form")] == [
        (1, digest[0]),
        (2, digest[1]),
    ]
    assert flow.materials.rows["registration_form"].files.text() == "2页"

    # F7 on the identity document: the window starts in 身份证正反面 mode.
    CAMERA.set(counter.store.settings, recording(tmp_path, "front", syn.photographed_card(7)))
    counter.activateWindow()  # the window system gives the keyboard back when the camera window closes
    qtbot.waitUntil(counter.isActiveWindow)
    box = flow.materials.rows["id_document"].check
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_F7)
    assert window.material_key == "id_document" and window.id_mode.isChecked()
    assert window.heading.text().endswith("第1页：身份证正面")
    qtbot.waitUntil(lambda: bridge.latest_frame is not None, timeout=20_000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.card_front is not None, timeout=20_000)
    assert window.heading.text().endswith("第1页：身份证反面") and window.pages == []
    lay(qtbot, bridge, recording(tmp_path, "back", syn.photographed_card(8, back=True, upright=True)))
    shoot(qtbot, window)
    assert len(window.pages) == 1 and window.pages[0].id_copy
    assert window.page_list.item(0).text() == "第1页（身份证正反面）"
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, counter)
    ((page_no, sha, size),) = material_pages(demo_store, case_no, "id_document")
    stored = Image.open(io.BytesIO(read_verified(demo_store.paths.media, sha)))
    assert page_no == 1 and stored.size == (2480, 3508) and round(stored.info["dpi"][0]) == 300 and size > 0


def test_closing_with_pages_not_saved_asks_first(
    qtbot: QtBot, tmp_path: Path, capture: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window, bridge, _errors = capture
    window.start(recording(tmp_path, "a", syn.photographed_page(1)), "household_book", "户口簿")
    window.auto.setChecked(False)
    qtbot.waitUntil(lambda: bridge.latest_frame is not None, timeout=20_000)
    shoot(qtbot, window)
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save])
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: next(answers))
    page = window.pages[0].jpeg
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.isVisible() and [p.jpeg for p in window.pages] == [page]  # 取消: nothing lost
    with qtbot.waitSignal(window.pages_saved, timeout=5_000) as saved:
        window.close()
    assert saved.args == ["household_book", [page]] and not window.isVisible()


def test_resolution_settings_and_the_preview_copy() -> None:
    from desktop.camera_bridge import preview_image
    from devices.camera.base import CameraSource
    from models.device_settings import parse_resolution

    assert parse_resolution("2592x1944") == (2592, 1944) and parse_resolution(" 3264×2448 ") == (3264, 2448)
    assert parse_resolution("") is None and parse_resolution("big") is None and parse_resolution("0x10") is None
    assert CameraSource.parse("0", resolution=(2592, 1944)).resolution == (2592, 1944)
    assert CameraSource.parse("clip.avi", resolution=(2592, 1944)).resolution is None  # files play as recorded
    frame = np.zeros((1944, 2592, 3), np.uint8)
    assert preview_image(frame, (1280, 960)).shape == (960, 1280, 3)
    assert preview_image(frame, None) is frame
    small = np.zeros((480, 640, 3), np.uint8)
    assert preview_image(small, (1280, 960)) is small


def test_an_id_card_copy_is_retaken_as_both_sides(qtbot: QtBot, tmp_path: Path, capture: Any) -> None:
    window, bridge, errors = capture
    front, back = (
        recording(tmp_path, n, syn.photographed_card(s, back=b)) for n, s, b in (("f", 1, False), ("b", 2, True))
    )
    window.start(front, "id_document", "居民身份证", id_copy=True)
    qtbot.waitUntil(lambda: bridge.latest_frame is not None, timeout=20_000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.card_front is not None, timeout=20_000)
    lay(qtbot, bridge, back)
    shoot(qtbot, window)
    first = window.pages[0].jpeg
    window.id_mode.setChecked(False)  # a plain page after it
    shoot(qtbot, window)
    assert [p.id_copy for p in window.pages] == [True, False]
    window.page_list.setCurrentRow(0)
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert window.id_mode.isChecked() and window.heading.text() == "居民身份证 第1页（重拍）：身份证正面"
    lay(qtbot, bridge, recording(tmp_path, "f2", syn.photographed_card(3)))
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.card_front is not None, timeout=20_000)
    assert window.heading.text() == "居民身份证 第1页（重拍）：身份证反面"
    lay(qtbot, bridge, back)
    shoot(qtbot, window)
    assert len(window.pages) == 2 and window.pages[0].id_copy and window.pages[0].jpeg != first
    assert errors == []
