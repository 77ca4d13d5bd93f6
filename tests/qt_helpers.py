"""Small helpers for the GUI tests."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from widgets.record_table import RecordTable


def cell(table: RecordTable, row: int, column: int) -> str:
    """The text of a table cell (row as shown) that must exist."""
    assert 0 <= row < table.rowCount() and 0 <= column < table.source.columnCount(), (row, column)
    return table.text(row, column)


def application() -> QApplication:
    """The running QApplication (``QApplication.instance()`` is typed as a possibly-absent core app)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def menu_titled(window: QMainWindow, title: str) -> QMenu:
    """The menu bar's menu ``title`` (with its ``&``). Found among the window's children, not
    through ``QAction.menu()``: PySide6 6.9 invalidates the menu returned by a temporary
    action's ``menu()`` (``Internal C++ object already deleted``), as in a comprehension."""
    menus = [m for m in window.findChildren(QMenu) if m.title() == title and m.parent() is not None]
    bar = window.menuBar()
    found = [m for m in menus if m.menuAction() in bar.actions()]
    assert len(found) == 1, [m.title() for m in menus]
    return found[0]
