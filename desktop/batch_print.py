"""批量打印: one document kind for every case accepted on some days (e.g. all 参保凭证 of today).

The cases come from ``models.print_batch.find_batch`` (an op on the DB executor, re-run when the
kind, the days or the item change); printing renders, paints and logs them one by one in
``PrintService.print_cases`` on the task manager's pool, as one print job: each document is read
and logged in short DB ops, so the counter's other DB work is not held up by a long batch.
Progress is the task manager's reporter (STYLE.md section 4): a progress dialog appears only
after ~600 ms, is updated at most 10 times a second, and closing it only sets the cancel flag
(the document being painted is finished and logged). A
summary says what was printed, what was skipped and why, and whether the batch was cancelled.
Reprints in a batch share one reason.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import error_text
from desktop.operations import Operations
from desktop.print_service import BatchOutcome, PrintService, ask_printer
from desktop.taskman import ProgressReporter
from models import clock
from models.db import Database
from models.print_batch import BATCH_RULES, BatchCase, applies, find_batch

logger = logging.getLogger(__name__)

ItemForms = list[tuple[str, str, tuple[str, ...]]]


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _catalog_items() -> ItemForms:
    from models.catalog import load_catalog

    return [(str(i.code), str(i.name), tuple(str(f.number) for f in i.forms)) for i in load_catalog()]


class BatchPrintDialog(QDialog):
    """Kind, days, item → the count; 打印… prints them with progress, cancel and a summary."""

    batch_finished = Signal(object)  # BatchOutcome

    def __init__(
        self,
        db: Database,
        ops: Operations,
        service: PrintService,
        parent: QWidget | None = None,
        choose_printer: Callable[[QPrinter, QWidget], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.ops, self.service = db, ops, service
        self._choose = choose_printer or ask_printer
        self.setWindowTitle(self.tr("批量打印"))
        self.all_cases: list[BatchCase] = []
        self._items: ItemForms = []
        self._generation = 0
        self._reporter: ProgressReporter | None = None  # while a batch runs
        self._printer: QPrinter | None = None
        self.outcome: BatchOutcome | None = None
        self._build_fields()
        form = self._build_form()
        buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.count_label)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self._wire(buttons)
        self.resize(520, 360)
        self.ops.run(_catalog_items, self._items_loaded)

    def _build_fields(self) -> None:
        from printing import KINDS

        self.kind = QComboBox()
        for key in BATCH_RULES:
            self.kind.addItem(KINDS[key].title, key)
        today = _qdate(clock.today_local())
        self.first = QDateEdit(today)
        self.last = QDateEdit(today)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.item = QComboBox()
        self.include_printed = QCheckBox(self.tr("包括已打印过的办件（补打）"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("补打原因（整批共用一个原因）"))
        self.reason.setEnabled(False)
        self.count_label = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        form.addRow(self.tr("文书"), self.kind)
        form.addRow(self.tr("受理日期自"), self.first)
        form.addRow(self.tr("至"), self.last)
        form.addRow(self.tr("办理事项"), self.item)
        form.addRow("", self.include_printed)
        form.addRow(self.tr("补打原因"), self.reason)
        return form

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(self.tr("打印…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setEnabled(False)
        return buttons

    def _wire(self, buttons: QDialogButtonBox) -> None:
        self.print_button.clicked.connect(self.start_print)
        buttons.rejected.connect(self.close)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.item.currentIndexChanged.connect(self.refresh)
        self.first.dateChanged.connect(self.refresh)
        self.last.dateChanged.connect(self.refresh)
        self.include_printed.toggled.connect(self._selection_changed)
        self.reason.textChanged.connect(self._selection_changed)

    # Choosing ------------------------------------------------------------------------------------

    @property
    def kind_key(self) -> str:
        return str(self.kind.currentData())

    @property
    def running(self) -> bool:
        return self._reporter is not None

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self._reporter.dialog if self._reporter is not None else None

    def set_kind(self, key: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(key))

    def _items_loaded(self, items: ItemForms) -> None:
        self._items = items
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.item.blockSignals(True)
        self.item.clear()
        self.item.addItem(self.tr("全部适用事项"), "")
        for code, name, forms in self._items:
            if applies(self.kind_key, code, forms):
                self.item.addItem(f"{name}（{code}）", code)
        self.item.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Count the cases again (on the DB worker; a stale answer is dropped)."""
        self._generation += 1
        generation = self._generation
        kind, first, last = self.kind_key, _pydate(self.first.date()), _pydate(self.last.date())
        code = str(self.item.currentData() or "")
        self.print_button.setEnabled(False)
        self.count_label.setText(self.tr("正在统计…"))

        def query() -> list[BatchCase]:
            with self.db.read() as session:
                return find_batch(session, kind, first, last, item_codes=[code] if code else None)

        self.ops.run(
            query,
            lambda cases: self._counted(generation, cases),
            lambda exc: self._count_failed(generation, exc),
        )

    def _counted(self, generation: int, cases: list[BatchCase]) -> None:
        if generation != self._generation:
            return
        self.all_cases = cases
        self._selection_changed()

    def _count_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.all_cases = []
            self.count_label.setText(error_text(exc) or "")
            self.print_button.setEnabled(False)

    @property
    def selected(self) -> list[BatchCase]:
        if self.include_printed.isChecked():
            return list(self.all_cases)
        return [c for c in self.all_cases if not c.printed_before]

    def _selection_changed(self) -> None:
        printed = sum(c.printed_before for c in self.all_cases)
        reprints = self.include_printed.isChecked() and printed > 0
        self.reason.setEnabled(self.include_printed.isChecked())
        text = self.tr("共 {n} 件").format(n=len(self.all_cases))
        if printed:
            if self.include_printed.isChecked():
                text += self.tr("，其中 {m} 件已打印过，将补打").format(m=printed)
            else:
                text += self.tr("，其中 {m} 件已打印过，不再打印").format(m=printed)
        text += self.tr("；本次打印 {k} 件。").format(k=len(self.selected))
        self.count_label.setText(text)
        ready = bool(self.selected) and not self.running and (not reprints or bool(self.reason.text().strip()))
        self.print_button.setEnabled(ready)

    # Printing ------------------------------------------------------------------------------------

    def start_print(self) -> None:
        cases = self.selected
        if not cases or self.running:
            return
        reason = self.reason.text().strip() if self.include_printed.isChecked() else ""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("{document}（{n} 件）").format(document=self.kind.currentText(), n=len(cases)))
        if not self._choose(printer, self):
            return
        self._printer = printer  # painted on the pool; kept alive here until the batch ends
        self.outcome = None
        self.summary.clear()
        self._set_controls(False)
        total = len(cases)
        reporter = self.ops.manager.progress(
            self,
            title=self.tr("批量打印"),
            text=self.tr("正在打印…"),
            total=total,
            label=lambda p: self.tr("正在打印第 {done}/{total} 件：{case_no}").format(
                done=p.done, total=p.total or total, case_no=p.label
            ),
            cancel_text=self.tr("取消"),
        )
        reporter.cancel_requested.connect(self._cancelling)
        self._reporter = reporter
        kind, service, token, db_call = self.kind_key, self.service, reporter.token, self.ops.manager.db_call
        report = reporter.callback

        def op() -> BatchOutcome:
            return service.print_cases(kind, cases, printer, reason or None, report, token, db_call)

        self.ops.background(op, self._finished, self._failed)

    def cancel_batch(self) -> None:
        """Only sets the flag: the batch stops before the next document."""
        if self._reporter is not None:
            self._reporter.cancel()

    def _cancelling(self) -> None:
        if self._reporter is not None:
            self._reporter.set_label_text(self.tr("正在取消…"))

    def _end_run(self) -> None:
        if self._reporter is not None:
            self._reporter.finish()  # it stays this dialog's child (see ProgressReporter)
        self._reporter = None
        self._printer = None
        self._set_controls(True)

    def _finished(self, outcome: BatchOutcome) -> None:
        self._end_run()
        self.outcome = outcome
        self.summary.setText(summary_text(outcome))
        self.batch_finished.emit(outcome)
        self.refresh()  # what was printed is now a reprint

    def _failed(self, exc: BaseException) -> None:
        self._end_run()
        self.summary.setText(error_text(exc) or self.tr("已取消。"))
        self.refresh()

    def _set_controls(self, enabled: bool) -> None:
        for widget in (self.kind, self.first, self.last, self.item, self.include_printed):
            widget.setEnabled(enabled)
        self.reason.setEnabled(enabled and self.include_printed.isChecked())
        self.print_button.setEnabled(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing while printing cancels the batch; the summary is there when it is reopened.
        self.cancel_batch()
        super().closeEvent(event)


def summary_text(outcome: BatchOutcome) -> str:
    """The final word on a batch: printed, skipped with reasons, cancelled (case numbers only)."""
    lines = [
        QCoreApplication.translate("BatchPrintDialog", "已打印 {n} 件（共 {pages} 页）。").format(
            n=len(outcome.printed), pages=outcome.pages
        )
    ]
    if outcome.skipped:
        lines.append(QCoreApplication.translate("BatchPrintDialog", "跳过 {n} 件：").format(n=len(outcome.skipped)))
        skipped = QCoreApplication.translate("BatchPrintDialog", "  {case_no}：{why}")
        lines += [skipped.format(case_no=case_no, why=why) for case_no, why in outcome.skipped]
    if outcome.cancelled:
        left = outcome.total - len(outcome.printed) - len(outcome.skipped)
        lines.append(QCoreApplication.translate("BatchPrintDialog", "已取消：其余 {n} 件未打印。").format(n=left))
    return "\n".join(lines)
