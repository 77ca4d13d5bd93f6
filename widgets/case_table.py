"""A table of case rows (plain dicts from models.case_lists), coloured by working-day deadline:
overdue red, due within two working days amber (the row's ``overdue`` / ``due_soon`` flags)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex

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

OVERDUE = QColor("#fde2e1")
DUE_SOON = QColor("#fff4d6")
REJECTED_TEXT = QColor("#b3261e")


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

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("CaseTable", COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            value = row.get(key)
            if key == "state" and value:
                # The stored state is Chinese; its display follows the interface language
                # (the same "CaseState" context as desktop/labels.py).
                return QCoreApplication.translate("CaseState", str(value))
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.get("overdue"):
                return QBrush(OVERDUE)
            if row.get("due_soon"):
                return QBrush(DUE_SOON)
        if role == Qt.ItemDataRole.ForegroundRole and key == "note" and str(row.get("note", "")).startswith("中心退回"):
            return QBrush(REJECTED_TEXT)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "note" and row.get("note"):
                return str(row["note"])
            if row.get("overdue"):
                return self.tr("已超过承诺办结日期")
            if row.get("due_soon"):
                return self.tr("2个工作日内到期")
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
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 150)
        header.resizeSection(5, 260)
        self.setWordWrap(False)

    def set_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())

    def select_case(self, case_no: str) -> bool:
        """Select the row of ``case_no`` if it is listed (after a refresh)."""
        for n in range(self.source.rowCount()):
            if self.source.row_data(n).get("case_no") == case_no:
                self.selectRow(self.proxy.mapFromSource(self.source.index(n, 0)).row())
                return True
        return False

    def selected_row(self) -> dict[str, Any] | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        return self.source.row_data(self.proxy.mapToSource(rows[0]).row())
