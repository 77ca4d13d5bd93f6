"""The main window on demo data, driven with pytest-qt; saves the screenshot case_desk.png."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models.store import Store


def test_main_window_shows_the_case_desk(qtbot: QtBot, demo_store: Store, screenshots: Path) -> None:
    from desktop.main_window import MainWindow

    window = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇")
    qtbot.addWidget(window)
    window.show()
    desk = window.case_desk
    qtbot.waitUntil(lambda: desk.table.source.rowCount() > 0, timeout=10_000)
    assert window.windowTitle() == "医保通办 — 演示镇医保服务站"
    open_rows = desk.table.source.rowCount()

    # "全部" shows the draft too; the search (in the database, every case) finds one case number.
    with qtbot.waitSignal(desk.rows_loaded, timeout=10_000):
        desk.filter_box.setCurrentIndex(desk.filter_box.findData("all"))
    assert desk.table.source.rowCount() == 5 > open_rows
    first = desk.table.source.row_data(0)["case_no"]
    qtbot.keyClicks(desk.search, first)
    qtbot.waitUntil(lambda: desk.table.source.rowCount() == 1, timeout=10_000)
    assert desk.table.source.row_data(0)["case_no"] == first and "搜索到 1 件" in desk.count_label.text()

    desk.table.selectRow(0)
    qtbot.waitUntil(lambda: first in desk.detail.toPlainText(), timeout=10_000)
    assert "办理过程" in desk.detail.toPlainText()
    desk.search.clear()
    qtbot.waitUntil(lambda: desk.table.source.rowCount() == 5, timeout=10_000)
    # A name, typed through the input method as a clerk does (QTest cannot type Chinese keys).
    event = QInputMethodEvent()
    event.setCommitString("张演示")
    QApplication.sendEvent(desk.search, event)
    qtbot.waitUntil(lambda: desk.table.source.rowCount() == 1, timeout=10_000)
    assert desk.table.source.row_data(0)["applicant"] == "张**"
    desk.search.clear()
    qtbot.waitUntil(lambda: desk.table.source.rowCount() == 5, timeout=10_000)
    assert window.grab().save(str(screenshots / "case_desk.png"))


def test_work_asked_for_after_the_window_closed_is_dropped_not_an_error(qapp: QApplication) -> None:
    from desktop.operations import Operations

    errors: list[BaseException] = []
    ops = Operations(errors.append)
    assert ops.run(lambda: 1).result(timeout=5) == 1
    ops.shutdown()
    late = ops.run(lambda: 2)  # a timer or refresh firing while the window goes away
    assert late.cancelled() and not ops.busy and errors == []
