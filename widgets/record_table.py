"""The one table of the counter's screens (issue 16 item 6): a model/view table of records.

A screen describes its columns once (``Column``: which value of a row, its header, how it is
shown, sorted and masked) and hands rows over: dicts keyed by column key, or tuples indexed by
column position. The table gives every screen the same behaviour: read-only, whole-row selection,
sorting by the value (numbers as numbers, dates as dates), an optional search filter, masking of
personal data where configured, and row/cell colours from one style callback (deadline colouring
for case lists, errors in red). Screens keep each row's record (``row_record``), never parse
what the table shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from models import masking

Index = QModelIndex | QPersistentModelIndex
Row = Mapping[Any, Any] | Sequence[Any]

#: the role the proxy sorts by: a column's ``sort_key`` of the value (or the value itself)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

MASKS: dict[str, Callable[[str | None], str]] = {
    "id": masking.mask_id,
    "name": masking.mask_name,
    "phone": masking.mask_phone,
}


@dataclass(frozen=True)
class CellStyle:
    """How one cell (or, from ``row_style``, a whole row) looks; None leaves the default."""

    background: str | None = None
    foreground: str | None = None
    tooltip: str | None = None
    bold: bool = False


@dataclass(frozen=True)
class Column:
    """``key``: the row's dict key or tuple position. ``title``: the header, already translated.
    ``display``: value → text (default ``str``, None as empty). ``sort_key``: value → what sorts
    (default the value when it is a number, else its text). ``mask``: ``id``, ``name`` or ``phone``
    when the column holds personal data that a masked table hides. ``width``: a starting width for
    a column the clerk may resize (otherwise sized to its contents); ``stretch``: the column that
    takes the room left."""

    key: str | int
    title: str
    display: Callable[[Any], str] | None = None
    sort_key: Callable[[Any], Any] | None = None
    mask: str | None = None
    width: int | None = None
    stretch: bool = False
    align_right: bool = False


def value_of(row: Row, key: str | int) -> Any:
    if isinstance(row, Mapping):
        return row.get(key)
    assert isinstance(key, int), key
    return row[key] if key < len(row) else None


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: list[Row] = []
        self.masked = False
        self.row_style: Callable[[Row], CellStyle | None] | None = None
        self.cell_style: Callable[[Row, Column], CellStyle | None] | None = None

    # --- rows ----------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_data(self, row: int) -> Row:
        """The record of a model row (as given, before sorting and search)."""
        return self._rows[row]

    def set_masked(self, masked: bool) -> None:
        if masked != self.masked:
            self.beginResetModel()
            self.masked = masked
            self.endResetModel()

    # --- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def text(self, row: int, column: int) -> str:
        col = self.columns[column]
        value = value_of(self._rows[row], col.key)
        text = col.display(value) if col.display else ("" if value is None else str(value))
        if self.masked and col.mask and text:
            return MASKS[col.mask](text)
        return text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == SORT_ROLE:
            col = self.columns[index.column()]
            value = value_of(self._rows[index.row()], col.key)
            if col.sort_key is not None:
                return col.sort_key(value)
            if isinstance(value, int | float) and not isinstance(value, bool):
                return value
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[index.column()].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        style = self._style(index)
        if style is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole and style.background:
            return QBrush(QColor(style.background))
        if role == Qt.ItemDataRole.ForegroundRole and style.foreground:
            return QBrush(QColor(style.foreground))
        if role == Qt.ItemDataRole.ToolTipRole and style.tooltip:
            return style.tooltip
        return None

    def _style(self, index: Index) -> CellStyle | None:
        """The cell's own style over its row's, field by field."""
        row = self._rows[index.row()]
        whole = self.row_style(row) if self.row_style else None
        own = self.cell_style(row, self.columns[index.column()]) if self.cell_style else None
        if whole is None or own is None:
            return own or whole
        return CellStyle(
            background=own.background or whole.background,
            foreground=own.foreground or whole.foreground,
            tooltip=own.tooltip or whole.tooltip,
            bold=own.bold or whole.bold,
        )


class RecordTable(QTableView):
    """A read-only, row-selecting, sortable table of records.

    ``rowCount()``, ``text(row, column)``, ``row_record(row)`` and ``selectRow(row)`` speak in the
    rows as shown (after sorting and search); ``selection_changed`` fires when the clerk moves."""

    selection_changed = Signal()

    def __init__(
        self,
        columns: Sequence[Column],
        parent: QWidget | None = None,
        *,
        sortable: bool = True,
        multi_select: bool = False,
        word_wrap: bool = False,
        stretch_last: bool = True,
        initial_sort: tuple[int, Qt.SortOrder] | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = RecordTableModel(columns, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.setModel(self.proxy)
        self.setSortingEnabled(sortable)
        if sortable:
            # Unless told, unsorted until the clerk clicks a header: rows keep the screen's order.
            section, order = initial_sort or (-1, Qt.SortOrder.AscendingOrder)
            self.horizontalHeader().setSortIndicator(section, order)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection if multi_select
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(word_wrap)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for n, col in enumerate(self.source.columns):
            if col.stretch:
                header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch)
            elif col.width is not None:
                header.setSectionResizeMode(n, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(n, col.width)
        header.setStretchLastSection(stretch_last)
        self.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())

    # --- content --------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.source.set_rows(rows)
        if self.wordWrap():
            self.resizeRowsToContents()

    def clear(self) -> None:
        self.set_rows([])

    def set_masked(self, masked: bool) -> None:
        """Hide the personal data of the columns that have a ``mask``."""
        self.source.set_masked(masked)

    def set_row_style(self, style: Callable[[Row], CellStyle | None]) -> None:
        self.source.row_style = style

    def set_cell_style(self, style: Callable[[Row, Column], CellStyle | None]) -> None:
        self.source.cell_style = style

    def set_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())

    # --- rows as shown ----------------------------------------------------------------------

    def rowCount(self) -> int:
        return self.proxy.rowCount()

    def _source_row(self, row: int) -> int:
        return self.proxy.mapToSource(self.proxy.index(row, 0)).row()

    def text(self, row: int, column: int) -> str:
        return self.source.text(self._source_row(row), column)

    def column_texts(self, column: int) -> list[str]:
        return [self.text(r, column) for r in range(self.rowCount())]

    def row_record(self, row: int) -> Row:
        return self.source.row_data(self._source_row(row))

    def selected_rows(self) -> list[int]:
        """The selected rows as shown, top to bottom."""
        return sorted(index.row() for index in self.selectionModel().selectedRows())

    def selected_records(self) -> list[Row]:
        return [self.row_record(r) for r in self.selected_rows()]

    def selected_record(self) -> Row | None:
        records = self.selected_records()
        return records[0] if records else None

    def select_where(self, match: Callable[[Row], bool]) -> bool:
        """Select (and show) the first row whose record matches; False if none is listed."""
        for r in range(self.rowCount()):
            if match(self.row_record(r)):
                self.selectRow(r)
                self.scrollTo(self.proxy.index(r, 0))
                return True
        return False
