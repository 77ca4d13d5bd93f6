"""Small helpers for the GUI tests."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

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
