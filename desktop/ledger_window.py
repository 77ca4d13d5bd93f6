"""打印 → 办件台账 (Ctrl+L): the 台账 of a day or a range, today's statistics, the 日结单.

Non-modal: the counter stays usable. The query and every rendering run on the DB worker
(models/ledger.py, printing/ledger.py); printing goes through the print preview, Excel export
asks where to save (Qt's own dialog, translated) and is audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.errors import error_text
from desktop.intake.documents import show_preview
from desktop.operations import Operations
from desktop.print_service import PreviewDialog, PrintJob, PrintService
from models import clock
from models.db import Database
from models.ledger import HEADERS, Ledger, build_ledger, export_xlsx, row_values
from widgets.record_table import Column, RecordTable

#: (parent, suggested file name) -> the chosen path, or None
SaveChooser = Callable[[QWidget, str], str | None]


def ask_save(parent: QWidget, suggested: str) -> str | None:
    title = QCoreApplication.translate("LedgerWindow", "导出办件台账")
    kinds = QCoreApplication.translate("LedgerWindow", "Excel 工作簿 (*.xlsx)")
    path, _ = QFileDialog.getSaveFileName(
        parent, title, suggested, kinds, options=QFileDialog.Option.DontUseNativeDialog
    )
    return path or None


class LedgerWindow(QDialog):
    def __init__(
        self,
        db: Database,
        ops: Operations,
        printer: PrintService,
        clerk_id: int | None,
        clerk_name: str = "",
        parent: QWidget | None = None,
        choose_save: SaveChooser = ask_save,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("办件台账"))
        self.setModal(False)
        self.db, self.ops, self.printer = db, ops, printer
        self.clerk_id, self.clerk_name = clerk_id, clerk_name
        self._choose_save = choose_save
        self.ledger: Ledger | None = None
        self.preview: PreviewDialog | None = None
        self._build_controls()
        self._build_layout()
        self._wire()
        self.resize(960, 600)
        self._enable(False)
        self.load()

    def _build_controls(self) -> None:
        """The period, 查询 and the three output buttons."""
        today = _qdate(clock.today_local())
        self.start_edit = QDateEdit(today)
        self.end_edit = QDateEdit(today)
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.query_button = QPushButton(self.tr("查询 (Enter)"))
        self.query_button.setDefault(True)
        self.print_button = QPushButton(self.tr("打印台账 (Ctrl+P)"))
        self.summary_button = QPushButton(self.tr("打印日结单 (Ctrl+J)"))
        self.export_button = QPushButton(self.tr("导出 Excel (Ctrl+E)"))

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("从")))
        top.addWidget(self.start_edit)
        top.addWidget(QLabel(self.tr("到")))
        top.addWidget(self.end_edit)
        top.addWidget(self.query_button)
        top.addStretch(1)
        self.table = RecordTable([Column(n, labels.shown("Ledger", h)) for n, h in enumerate(HEADERS)])
        self.stats = QLabel()
        self.stats.setWordWrap(True)
        self.stats.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.summary_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.stats)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def _wire(self) -> None:
        self.query_button.clicked.connect(self.load)
        self.print_button.clicked.connect(self.print_ledger)
        self.summary_button.clicked.connect(self.print_summary)
        self.export_button.clicked.connect(self.export)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_ledger)
        QShortcut(QKeySequence("Ctrl+J"), self, self.print_summary)
        QShortcut(QKeySequence("Ctrl+E"), self, self.export)

    # --- data ---------------------------------------------------------------------------------

    def period(self) -> tuple[dt.date, dt.date]:
        return _pydate(self.start_edit.date()), _pydate(self.end_edit.date())

    def load(self) -> None:
        start, end = self.period()
        db = self.db

        def op() -> Ledger:
            with db.read() as session:
                return build_ledger(session, start, end)

        self._enable(False)
        self.ops.run(op, self._show, self._failed)

    def _show(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.table.set_rows([row_values(row) for row in ledger.rows])
        s = ledger.stats

        def pairs(values: tuple[tuple[str, int], ...]) -> str:
            return "，".join(f"{name} {n}" for name, n in values) or "—"

        counts = self.tr("共 {total} 件。按办理结果：{result}\n按事项：{item}\n按经办人：{clerk}").format(
            total=s.total, result=pairs(s.by_result), item=pairs(s.by_item), clerk=pairs(s.by_clerk)
        )
        ratings = self.tr("按好差评：{rating}（差评 {bad} 件）").format(rating=pairs(s.by_rating), bad=s.bad)
        self.stats.setText(counts + "\n" + ratings)
        self.message.clear()
        self._enable(True)

    # --- paper and file ------------------------------------------------------------------------

    def print_ledger(self) -> None:
        self._render("ledger", self.tr("办件台账"))

    def print_summary(self) -> None:
        self._render("day_summary", self.tr("办件日结单"))

    def _render(self, kind: str, title: str) -> None:
        ledger, clerk_name = self.ledger, self.clerk_name
        if ledger is None:
            return

        def op() -> bytes:
            from printing.ledger import render_day_summary, render_ledger

            if kind == "ledger":
                return render_ledger(ledger)
            return render_day_summary(ledger, clerk_name)

        def ready(pdf: bytes) -> None:
            self.preview = show_preview(self, PrintJob(kind, f"{title} {ledger.period}", pdf), self.printer)

        self.ops.run(op, ready, self._failed)

    def export(self) -> None:
        ledger = self.ledger
        if ledger is None:
            return
        chosen = self._choose_save(self, f"办件台账-{ledger.start:%Y%m%d}-{ledger.end:%Y%m%d}.xlsx")
        if not chosen:
            return
        out = Path(chosen) if chosen.lower().endswith(".xlsx") else Path(chosen + ".xlsx")
        db, clerk_id = self.db, self.clerk_id

        def op() -> int:
            from models.intake.service import clerk_by_id

            with db.write() as session:
                return export_xlsx(session, ledger, out, clerk=clerk_by_id(session, clerk_id))

        def done(rows: int) -> None:
            self.message.setStyleSheet("color: #1b6e20;")
            self.message.setText(self.tr("已导出 {rows} 条到 {file}。").format(rows=rows, file=out.name))

        self.ops.run(op, done, self._failed)

    # --- plumbing ------------------------------------------------------------------------------

    def _failed(self, exc: BaseException) -> None:
        self._enable(self.ledger is not None)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(error_text(exc) or "")

    def _enable(self, ready: bool) -> None:
        for button in (self.print_button, self.summary_button, self.export_button):
            button.setEnabled(ready)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())

