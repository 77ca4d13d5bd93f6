"""The case desk: work lists (today, due soon, overdue, waiting for materials, awaiting sync,
rejected by the centre …), search over every local case, and the detail panel with its actions.

Lists and counts come from ``models.case_lists`` on the DB worker; rows are coloured by their
working-day deadline (widgets/case_table.py). Keys: Ctrl+F search (Alt+S is the 同步 menu), Alt+L the list chooser,
Alt+T the table, F5 refresh (main window).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from desktop import labels
from desktop.case_detail import CaseDetailPanel
from desktop.intake.desk_actions import CaseActionBar
from desktop.operations import Operations
from models import clock
from models.case_lists import LISTS, list_counts, rows_for, work_list
from models.case_search import search_cases
from models.changes import CASE_TABLES, OpChanges
from models.db import Database
from widgets.case_table import CaseTable

FILTERS = LISTS
#: Lists whose size is shown beside their name (the clerk's to-do).
COUNTED = ("today", "due_soon", "overdue", "materials", "awaiting_sync", "rejected")


def load_rows(db: Database, which: str, today: dt.date, limit: int = 2000) -> list[dict[str, Any]]:
    """Rows of one work list (runs on the DB worker)."""
    with db.read() as session:
        return work_list(session, which, today, limit)


def load_counts(db: Database, today: dt.date) -> dict[str, int]:
    with db.read() as session:
        return list_counts(session, today)


def search_rows(db: Database, text: str, today: dt.date) -> list[dict[str, Any]]:
    """Every local case matching a case number, ID number, name or item (models/case_search.py)."""
    with db.read() as session:
        return rows_for(session, search_cases(session, text), today)


class CaseDesk(QWidget):
    rows_loaded = Signal(int)
    counts_loaded = Signal(object)  # dict[str, int]

    def __init__(
        self,
        db: Database,
        ops: Operations,
        parent: QWidget | None = None,
        actions: CaseActionBar | None = None,
        media_root: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._ops = ops
        self.action_bar = actions
        ctx = actions.ctx if actions is not None else None
        root = media_root or (ctx.media_root if ctx is not None else None)
        bar = self._build_bar()
        legend = self._build_legend()
        split = self._build_split(root)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(legend)
        layout.addWidget(split, 1)
        # Search runs in the database over every local case (indexed), once typing pauses.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._wire()

    def _build_bar(self) -> QHBoxLayout:
        """工作清单, the search field and the count."""
        self.filter_box = QComboBox()
        self.filter_box.setAccessibleName(self.tr("工作清单"))
        for key, label in FILTERS:
            self.filter_box.addItem(labels.work_list(label), key)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索全部办件：办件编号、公民身份号码、姓名、事项名称或编码 (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        list_label = QLabel(self.tr("工作清单(&L)："))
        list_label.setBuddy(self.filter_box)
        bar = QHBoxLayout()
        bar.addWidget(list_label)
        bar.addWidget(self.filter_box)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count_label)
        return bar

    def _build_legend(self) -> QLabel:
        red, amber = self.tr("红：已超期"), self.tr("黄：2个工作日内到期")
        legend = QLabel(
            f"<span style='background:#fde2e1'>&nbsp;{red}&nbsp;</span>　"
            f"<span style='background:#fff4d6'>&nbsp;{amber}&nbsp;</span>　"
            + self.tr("期限按工作日计算（节假日、调休已计入）")
        )
        legend.setTextFormat(Qt.TextFormat.RichText)
        return legend

    def _build_split(self, root: Path | None) -> QSplitter:
        """The case list beside the selected case's details."""
        ctx = self.action_bar.ctx if self.action_bar is not None else None
        self.table = CaseTable()
        self.detail = CaseDetailPanel(
            self._db,
            self._ops,
            root,
            (lambda: ctx.clerk_id) if ctx is not None else (lambda: None),
            actions=self.action_bar,
        )
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([800, 580])  # the list's deadline and note columns stay in view
        return split

    def _wire(self) -> None:
        self.filter_box.currentIndexChanged.connect(self.refresh)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.table.selection_changed.connect(self._show_selected)
        self._ops.changes_applied.connect(self._changed)
        for keys, widget in (("Ctrl+F", self.search), ("Alt+T", self.table)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(widget.setFocus)

    def show_list(self, which: str) -> None:
        self.search.clear()
        self.filter_box.setCurrentIndex(self.filter_box.findData(which))

    def _changed(self, changes: OpChanges) -> None:
        """An op somewhere changed cases (models/changes.py): show the rows again."""
        if changes.touches(CASE_TABLES):
            self.refresh()

    def refresh(self) -> None:
        today = clock.today_local()
        db = self._db
        self._ops.run(lambda: load_counts(db, today), self._set_counts)
        text = self.search.text().strip()
        if text:
            self._ops.run(lambda: search_rows(db, text, today), self._set_rows)
            return
        which = str(self.filter_box.currentData())
        self._ops.run(lambda: load_rows(db, which, today), self._set_rows)

    def _set_counts(self, counts: dict[str, int]) -> None:
        for n, (key, label) in enumerate(FILTERS):
            if key in COUNTED:
                self.filter_box.setItemText(
                    n, self.tr("{list}（{n}）").format(list=labels.work_list(label), n=counts.get(key, 0))
                )
        self.counts_loaded.emit(counts)

    def _set_rows(self, rows: list[dict[str, Any]]) -> None:
        selected = self.table.selected_row()
        self.table.set_rows(rows)
        if self.search.text().strip():
            self.count_label.setText(self.tr("搜索到 {n} 件").format(n=len(rows)))
        else:
            self.count_label.setText(self.tr("共 {n} 件").format(n=len(rows)))
        if selected is not None and not self.table.select_case(str(selected["case_no"])):
            self._show_selected()  # the case left this list: its detail goes too
        self.rows_loaded.emit(len(rows))

    def _show_selected(self) -> None:
        row = self.table.selected_row()
        self.detail.show_case(str(row["case_no"]) if row else None, str(row["state"]) if row else "")
