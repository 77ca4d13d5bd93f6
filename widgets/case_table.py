"""A table of case rows (plain dicts from models.case_lists), coloured by working-day deadline:
overdue red, due within two working days amber (the row's ``overdue`` / ``due_soon`` flags).
The counter's one record table (widgets/record_table.py) with the case columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from widgets import styles
from widgets.record_table import CellStyle, Column, RecordTable, Row

COLUMNS: tuple[tuple[str, str], ...] = (
    ("case_no", QT_TRANSLATE_NOOP("CaseTable", "办件编号")),
    ("item_name", QT_TRANSLATE_NOOP("CaseTable", "服务事项")),
    ("applicant", QT_TRANSLATE_NOOP("CaseTable", "申请人")),
    ("state", QT_TRANSLATE_NOOP("CaseTable", "状态")),
    ("deadline", QT_TRANSLATE_NOOP("CaseTable", "期限")),
    ("note", QT_TRANSLATE_NOOP("CaseTable", "待办事项 / 中心意见")),
    ("promised_date", QT_TRANSLATE_NOOP("CaseTable", "承诺办结日期")),
    ("accepted_on", QT_TRANSLATE_NOOP("CaseTable", "受理日期")),
    ("id_number", QT_TRANSLATE_NOOP("CaseTable", "证件号码")),
)
#: starting widths of the columns the clerk may widen (long item names and notes)
WIDTHS = {"item_name": 150, "note": 260}
MASKS = {"applicant": "name", "id_number": "id"}

OVERDUE = QColor(styles.OVERDUE_BACKGROUND)
DUE_SOON = QColor(styles.DUE_SOON_BACKGROUND)
REJECTED_TEXT = QColor(styles.ERROR)


def _state(value: Any) -> str:
    # The stored state is Chinese; its display follows the interface language
    # (the same "CaseState" context as desktop/labels.py).
    return QCoreApplication.translate("CaseState", str(value)) if value else ""


def _columns() -> list[Column]:
    return [
        Column(key, QCoreApplication.translate("CaseTable", label), display=_state if key == "state" else None,
               width=WIDTHS.get(key), mask=MASKS.get(key))
        for key, label in COLUMNS
    ]


def _row_style(row: Row) -> CellStyle | None:
    assert isinstance(row, dict)
    if row.get("overdue"):
        return CellStyle(background=styles.OVERDUE_BACKGROUND,
                         tooltip=QCoreApplication.translate("CaseTableModel", "已超过承诺办结日期"))
    if row.get("due_soon"):
        return CellStyle(background=styles.DUE_SOON_BACKGROUND,
                         tooltip=QCoreApplication.translate("CaseTableModel", "2个工作日内到期"))
    return None


def _cell_style(row: Row, column: Column) -> CellStyle | None:
    assert isinstance(row, dict)
    note = str(row.get("note") or "")
    if column.key != "note" or not note:
        return None
    return CellStyle(foreground=styles.ERROR if note.startswith("中心退回") else None, tooltip=note)


class CaseTable(RecordTable):
    """Sortable, searchable (case number, item, applicant) case list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        # newest case number first, as the desk has always listed them
        super().__init__(_columns(), parent, stretch_last=False,
                         initial_sort=(0, Qt.SortOrder.DescendingOrder))
        self.set_row_style(_row_style)
        self.set_cell_style(_cell_style)

    def select_case(self, case_no: str) -> bool:
        """Select the row of ``case_no`` if it is listed (after a refresh)."""
        return self.select_where(lambda row: isinstance(row, dict) and row.get("case_no") == case_no)

    def selected_row(self) -> dict[str, Any] | None:
        row = self.selected_record()
        assert row is None or isinstance(row, dict)
        return row
