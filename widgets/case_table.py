"""A table of case rows (plain dicts from models.case_views), with overdue ones highlighted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[tuple[str, str], ...] = (
    ("case_no", "办件编号"),
    ("item_name", "服务事项"),
    ("applicant", "申请人"),
    ("id_number", "证件号码"),
    ("state", "状态"),
    ("accepted_on", "受理日期"),
    ("promised_date", "承诺办结日期"),
)

OVERDUE = QColor("#fde2e1")
DUE_SOON = QColor("#fff4d6")


class CaseTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_data(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            value = row.get(key)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.get("overdue"):
                return QBrush(OVERDUE)
            if row.get("due_soon"):
                return QBrush(DUE_SOON)
        if role == Qt.ItemDataRole.ToolTipRole and row.get("overdue"):
            return "已超过承诺办结日期"
        return None


class CaseTable(QTableView):
    """Sortable, searchable (case number, item, applicant) case list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = CaseTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def set_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())

    def selected_row(self) -> dict[str, Any] | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        return self.source.row_data(self.proxy.mapToSource(rows[0]).row())
