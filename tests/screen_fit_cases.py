"""Run by tests/test_screen_fit.py on an offscreen 1024×728 screen: what a 1024×768 counter monitor
leaves above a 40-pixel taskbar. Not collected on its own (the name does not start with test_):
the screen size is fixed when Qt starts, so these run in their own process.

Every top-level window and dialog of the counter is opened at each font mode (标准/大/特大字号);
each must lie, frame included, inside the screen's available geometry with its main buttons
on screen."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop import screen_fit
from desktop.i18n import FONT_SCALES, apply_font_scale
from models.store import Store
from tests.qt_helpers import application

WIDTH, HEIGHT = 1024, 728  # 1024×768 less the taskbar


@pytest.fixture(params=FONT_SCALES, ids=lambda s: f"font{s}")
def font_scale(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[float]:
    screen = qapp.primaryScreen().availableGeometry()
    assert (screen.width(), screen.height()) == (WIDTH, HEIGHT), "run through tests/test_screen_fit.py"
    fitter = screen_fit.install(qapp)  # as desktop/app.py does
    apply_font_scale(qapp, request.param)
    yield request.param
    apply_font_scale(qapp, 1.0)
    qapp.removeEventFilter(fitter)


def settle(qtbot: QtBot) -> None:
    QApplication.processEvents()
    qtbot.wait(0)  # deferred fits run from the event loop
    QApplication.processEvents()


def on_screen(window: QWidget, *buttons: QAbstractButton) -> None:
    """The window and its buttons fit once its layout has settled (deferred fits and layout passes
    run from the event loop; on a loaded machine they can come a few event-loop turns late)."""
    deadline = time.monotonic() + 5.0
    while True:
        try:
            _fits(window, *buttons)
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            QTest.qWait(20)


def _fits(window: QWidget, *buttons: QAbstractButton) -> None:
    area = QRect(0, 0, WIDTH, HEIGHT)
    frame = window.frameGeometry()
    assert area.contains(frame), (window.windowTitle(), frame)
    for button in buttons:
        assert button.isVisible(), button.text()
        top_left = button.mapToGlobal(QPoint(0, 0))
        rect = QRect(top_left, button.size())
        assert area.contains(rect), (window.windowTitle(), button.text(), rect)
        # Not cut off by a scroll area or the window's own edge either.
        assert button.visibleRegion().boundingRect().size() == button.size(), (window.windowTitle(), button.text())


@pytest.fixture
def window(qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch, font_scale: float) -> Iterator[Any]:
    from desktop.main_window import MainWindow

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇", choose_file=lambda _p: None)
    qtbot.addWidget(win)
    human = iter(range(0, 10**9, 150))  # the clerk types at a person's pace, not a scanner gun's
    win.scanner._clock_ms = lambda: float(next(human))
    win.show_on_screen()  # as desktop/app.py shows it
    qtbot.waitExposed(win)
    settle(qtbot)
    yield win
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=10_000)
    win.close()


def test_main_window_is_maximised_and_the_identify_step_fits(qtbot: QtBot, window: Any, screenshots: Path) -> None:
    assert window.isMaximized()
    on_screen(window, window.intake.identify.next_button, window.intake.identify.scan_button)
    _shot(window, screenshots, "identify")


def _shot(window: QWidget, screenshots: Path, name: str) -> None:
    """For looking at by eye; in a subfolder python -m tests.update_docs does not copy to docs/."""
    folder = screenshots / "fit1024"
    folder.mkdir(exist_ok=True)
    scale = QApplication.font().pointSizeF()
    assert window.grab().save(str(folder / f"{name}_{scale:.0f}pt.png"))


def test_identify_chooser_form_and_customer_view_fit(qtbot: QtBot, window: Any, screenshots: Path) -> None:
    from tests.test_intake_gui import choose_item, identify_typed, idle

    flow = window.intake
    identify_typed(qtbot, window)
    on_screen(window)
    choose_item(qtbot, window, "002036006001")  # 门(急)诊费用报销: the longest form of the demo items
    settle(qtbot)
    on_screen(window)
    _shot(window, screenshots, "form")
    customer = flow.toggle_customer_view()
    settle(qtbot)
    on_screen(customer)
    customer.close()
    idle(qtbot, window)


def test_registration_result_and_receipt_preview_fit(qtbot: QtBot, window: Any, screenshots: Path) -> None:
    from tests.test_intake_gui import choose_item, fill_registration_form, identify_typed, idle

    flow = window.intake
    identify_typed(qtbot, window)
    choose_item(qtbot, window, "cxjmcbdj")
    fill_registration_form(qtbot, window)
    settle(qtbot)
    on_screen(window)
    _shot(window, screenshots, "materials")
    for key in ("id_document", "registration_form"):
        flow.materials.rows[key].check.click()
        idle(qtbot, window)
    with qtbot.waitSignal(flow.document_ready, timeout=15_000):
        flow.submit()
    settle(qtbot)
    on_screen(window, flow.result.preview, flow.result.new)
    flow.show_document()
    preview = flow.preview
    qtbot.waitUntil(lambda: preview is not None and preview.isVisible())
    settle(qtbot)
    on_screen(preview, preview.print_button)
    _shot(preview, screenshots, "preview")
    preview.close()


def test_case_desk_detail_viewer_and_actions_fit(
    qtbot: QtBot, window: Any, screenshots: Path, font_scale: float
) -> None:
    # The rows are filled at the standard size, then the clerk switches the font mode.
    apply_font_scale(application(), 1.0)
    desk = window.case_desk
    window.tabs.setCurrentWidget(desk)
    with qtbot.waitSignal(desk.rows_loaded, timeout=10_000):
        desk.filter_box.setCurrentIndex(desk.filter_box.findData("all"))
    desk.table.selectRow(1)
    qtbot.waitUntil(lambda: "办理过程" in desk.detail.toPlainText(), timeout=10_000)
    apply_font_scale(application(), font_scale)
    settle(qtbot)
    # Rows are as tall as their text: nothing written over the next row (it was in 特大字号).
    for table in (desk.table, desk.detail.fields):
        rows = min(table.model().rowCount(), 5)
        assert rows > 0
        for row in range(rows):
            assert table.rowHeight(row) >= table.fontMetrics().height() + 2, (type(table).__name__, row)
    visible = [b for b in window.desk_actions.buttons.values() if b.isVisible()]
    on_screen(window, window.desk_actions.reprint, *visible)
    _shot(window, screenshots, "desk")
    from widgets.image_viewer import ImageViewer

    viewer = ImageViewer(window)
    viewer.open_page(0, 1)
    viewer.show()
    settle(qtbot)
    on_screen(viewer)
    viewer.close()


def test_sync_centre_batch_and_admin_windows_fit(qtbot: QtBot, window: Any, screenshots: Path) -> None:
    center = window.open_sync_center()
    settle(qtbot)
    on_screen(window, center.sync_button, center.print_button)
    _shot(window, screenshots, "sync")
    batch = window.open_batch_import()
    settle(qtbot)
    on_screen(batch, batch.check_button, batch.import_button)
    batch.close()
    window.open_batch_print()
    settle(qtbot)
    on_screen(window.batch_print, window.batch_print.print_button)
    window.batch_print.close()
    audit = window.open_audit_log()
    settle(qtbot)
    on_screen(audit, audit.export_button, audit.verify_button)
    audit.close()
    users = window.open_clerk_admin()
    settle(qtbot)
    on_screen(users, users.add_button, users.rotate_button)
    _shot(users, screenshots, "users")
    users.close()


def test_camera_window_fits(qtbot: QtBot, window: Any) -> None:
    from desktop.camera_bridge import CameraBridge
    from desktop.intake.camera_window import CameraWindow

    camera = CameraWindow(CameraBridge(), window.ops)
    qtbot.addWidget(camera)
    camera.show()
    settle(qtbot)
    on_screen(camera)
    camera.close()


def test_page_capture_window_fits(qtbot: QtBot, window: Any) -> None:
    from desktop.camera_bridge import CameraBridge
    from desktop.intake.page_capture import PageCaptureWindow

    capture = PageCaptureWindow(CameraBridge(), window.ops)
    qtbot.addWidget(capture)
    capture.start(None, "household_book", "户口簿", existing_pages=1)
    settle(qtbot)
    on_screen(capture, capture.capture_button, capture.save_button, capture.cancel_button, capture.delete_button)
    capture.close()


def test_login_and_recovery_dialogs_fit(qtbot: QtBot, tongban_home: Path, font_scale: float) -> None:
    from desktop.app import make_login_dialog, prepare_station
    from models.paths import DataPaths

    paths = DataPaths(tongban_home)
    prepare_station(paths, demo=True)
    dialog = make_login_dialog(paths, demo=True)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot)
    on_screen(dialog, dialog.ok_button, dialog.cancel_button)
    dialog.open_reset()
    settle(qtbot)
    reset = dialog.reset_dialog
    on_screen(reset, reset.ok_button, reset.cancel_button)
    reset.close()


def test_font_mode_changes_never_grow_the_window_past_the_screen(qtbot: QtBot, window: Any) -> None:
    window.showNormal()
    settle(qtbot)
    window.open_sync_center()
    for scale in (1.5, 1.0, 1.5):
        apply_font_scale(application(), scale)
        settle(qtbot)
        on_screen(window)


def test_help_about_and_the_counters_questions_fit(qtbot: QtBot, window: Any, screenshots: Path) -> None:
    from tests.test_intake_gui import choose_item, identify_typed

    flow = window.intake
    identify_typed(qtbot, window)
    choose_item(qtbot, window, "cxjmcbdj")
    window.new_intake()  # F2 in the middle of a case: the question
    qtbot.waitUntil(lambda: flow.question is not None and flow.question.isVisible())
    settle(qtbot)
    on_screen(flow.question, *flow.question.buttons())
    flow.question.close()
    help_dialog = window.open_help()
    settle(qtbot)
    on_screen(help_dialog, help_dialog.close_button)
    _shot(help_dialog, screenshots, "help")
    help_dialog.close()
    about = window._about()
    settle(qtbot)
    on_screen(about, *about.buttons())
    about.close()


def test_device_settings_dialog_fits(qtbot: QtBot, window: Any, screenshots: Path) -> None:
    """管理 → 设备 (desktop/device_settings_dialog.py): 保存/取消 and the 测试 buttons on screen."""
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = window.open_device_settings()
    qtbot.waitExposed(dialog)
    settle(qtbot)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    on_screen(dialog, save, cancel, dialog.test_buttons["card"], dialog.test_buttons["idcard"])
    _shot(dialog, screenshots, "devices")
    dialog.reject()


def test_overlay_print_dialog_fits(qtbot: QtBot, window: Any, screenshots: Path) -> None:
    """打印 → 套打 (desktop/overlay_print.py): calibration and 套打 buttons and 关闭 on screen."""
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = window.open_overlay_print()
    qtbot.waitExposed(dialog)
    settle(qtbot)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    on_screen(
        dialog,
        close,
        dialog.page_button,
        dialog.check_button,
        dialog.solve_button,
        dialog.save_button,
        dialog.form_button,
    )
    _shot(dialog, screenshots, "overlay_print")
    dialog.reject()
