"""After login the clerk types or scans straight away: the ID number field has the keyboard.

Found under Xvfb with a window manager (xdotool typing after login went nowhere until Alt+I)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models.store import Store


@pytest.fixture
def window(qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from desktop.main_window import MainWindow

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇", choose_file=lambda _p: None)
    qtbot.addWidget(win)
    human = iter(range(0, 10**9, 150))  # typed at a person's pace, not a scanner gun's
    win.scanner._clock_ms = lambda: float(next(human))
    win.show_on_screen()  # as desktop/app.py shows it after the login window
    qtbot.waitExposed(win)
    yield win
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=10_000)
    win.close()


def test_the_id_number_field_has_the_keyboard_when_the_counter_opens(qtbot: QtBot, window: Any) -> None:
    id_edit = window.intake.identify.id_edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is id_edit, timeout=5_000)
    qtbot.keyClicks(QApplication.focusWidget(), "5227")
    assert id_edit.text() == "5227"


def test_a_read_only_counter_opens_on_the_desk_with_the_keyboard_there(qtbot: QtBot, demo_store: Store) -> None:
    from desktop.main_window import MainWindow

    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇", choose_file=lambda _p: None)
    qtbot.addWidget(win)
    win._set_writable(False)  # as refresh_durability does on a full disk or a read-only store
    win.show_on_screen()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.tabs.currentWidget() is win.case_desk, timeout=5_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.case_desk.search, timeout=5_000)
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=10_000)
    win.close()


def test_f3_puts_the_keyboard_on_the_case_list_and_down_moves_through_cases(qtbot: QtBot, window: Any) -> None:
    id_edit = window.intake.identify.id_edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is id_edit, timeout=5_000)
    desk = window.case_desk
    qtbot.waitUntil(lambda: desk.table.model().rowCount() > 1, timeout=10_000)
    work_list = desk.filter_box.currentIndex()
    qtbot.keyClick(id_edit, Qt.Key.Key_F3)
    assert window.tabs.currentWidget() is desk
    qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.table, timeout=5_000)
    qtbot.keyClick(desk.table, Qt.Key.Key_Down)
    qtbot.keyClick(desk.table, Qt.Key.Key_Down)
    assert desk.filter_box.currentIndex() == work_list  # the work list stayed as it was
    assert desk.table.currentIndex().row() >= 1


def test_a_printer_clerk_opens_on_the_desk_and_intake_returns_with_an_intake_clerk(
    qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.main_window import MainWindow
    from models.enums import ClerkRole
    from models.security.auth import ClerkSession

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    printer = ClerkSession(clerk_id=4, login="dayin", name="演示打印员", role=ClerkRole.PRINTER)
    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇", clerk=printer, choose_file=lambda _p: None)
    qtbot.addWidget(win)
    win.show_on_screen()
    qtbot.waitExposed(win)
    intake_tab = win.tabs.indexOf(win.intake)
    assert win.tabs.currentWidget() is win.case_desk and not win.tabs.isTabEnabled(intake_tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.case_desk.search, timeout=5_000)
    qtbot.keyClick(win.case_desk.search, Qt.Key.Key_F2)  # 新办件 is not theirs: nothing opens
    assert win.tabs.currentWidget() is win.case_desk

    win.set_clerk(ClerkSession(clerk_id=2, login="shouli", name="演示受理员", role=ClerkRole.INTAKE))
    assert win.tabs.isTabEnabled(intake_tab)
    qtbot.keyClick(win.case_desk.search, Qt.Key.Key_F2)
    assert win.tabs.currentWidget() is win.intake
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=10_000)
    win.close()
