"""Small helpers for the GUI tests."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QTableWidget


def cell(table: QTableWidget, row: int, column: int) -> str:
    """The text of a table cell that must exist."""
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()


def application() -> QApplication:
    """The running QApplication (``QApplication.instance()`` is typed as a possibly-absent core app)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
