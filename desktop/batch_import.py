"""批量受理: choose an item and a CSV/Excel list, 校验 shows every row error, 导入 opens a draft
case for each valid row (models/batch_import), on the DB worker with progress and cancel.

Errors are shown inside the dialog (not in pop-ups), so a clerk can read the whole list and the
dialog never blocks a test. The file choosers are injectable for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import error_text
from desktop.messages import render
from desktop.operations import Operations
from desktop.taskman import ProgressReporter
from models.batch_import import CREATED, IMPORTED, BatchReport, RowError, item_columns, run_import, write_template
from models.catalog import Catalog, ServiceItem
from models.db import Database
from models.enums import StationLevel
from models.errors import Cancelled, UserFacingError
from models.progress import CancelToken, Progress
from widgets.record_table import CellStyle, Column, RecordTable
from widgets.styles import ERROR, ERROR_BOLD_STYLE, ERROR_STYLE

#: (parent) → a path or None; tests pass lambdas instead of the Qt file dialogs.
PathChooser = Callable[[QWidget], str | None]


def ask_open(parent: QWidget) -> str | None:
    kinds = QCoreApplication.translate("BatchImportDialog", "名单文件 (*.xlsx *.csv *.txt);;所有文件 (*)")
    title = QCoreApplication.translate("BatchImportDialog", "选择批量受理名单")
    path, _ = QFileDialog.getOpenFileName(parent, title, "", kinds)
    return path or None


def ask_save(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("BatchImportDialog", "保存批量受理模板"),
        QCoreApplication.translate("BatchImportDialog", "批量受理模板.xlsx"),
        QCoreApplication.translate("BatchImportDialog", "Excel 工作簿 (*.xlsx)"),
    )
    return path or None


def importable_items(catalog: Catalog, level: StationLevel) -> list[ServiceItem]:
    """Items a batch can name people for and this station may accept."""
    out = []
    for item in catalog:
        try:
            item_columns(item)
        except UserFacingError:
            continue
        if item.can_accept(level):
            out.append(item)
    return out


def row_error_text(error: RowError) -> str:
    return render(UserFacingError(error.code, **error.params))


class BatchImportDialog(QDialog):
    checked = Signal(object)  # BatchReport of a 校验 (dry run)
    imported = Signal(object)  # BatchReport of an 导入
    failed = Signal(str)  # the message shown ("" for a cancelled import)

    def __init__(
        self,
        db: Database,
        ops: Operations,
        catalog: Catalog,
        level: StationLevel,
        clerk_id: int | None,
        *,
        choose_open: PathChooser = ask_open,
        choose_save: PathChooser = ask_save,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("批量受理（导入名单）"))
        self.resize(900, 600)
        self._db, self._ops, self._clerk_id = db, ops, clerk_id
        self._choose_open, self._choose_save = choose_open, choose_save
        self._catalog = catalog
        self._cancel: CancelToken | None = None
        self._reporter: ProgressReporter | None = None
        self.report: BatchReport | None = None
        form = self._build_form(level)
        buttons = self._build_buttons()
        self._build_results()
        self._build_layout(form, buttons)
        self._wire()
        self._show_columns()

    def _build_form(self, level: StationLevel) -> QFormLayout:
        """服务事项, 名单文件 and the template's column names."""
        self.item_combo = QComboBox()
        self.item_combo.setObjectName("batch_item")
        for item in importable_items(self._catalog, level):
            self.item_combo.addItem(f"{item.name}（{item.code}）", item.code)
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("batch_file")
        self.file_edit.setPlaceholderText(self.tr("Excel 工作簿（.xlsx）或 CSV（UTF-8 / GBK）"))
        self.browse_button = QPushButton(self.tr("选择文件(&F)…"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("服务事项(&I)："), self.item_combo)
        form.addRow(self.tr("名单文件："), file_row)
        self.columns_label = QLabel()
        self.columns_label.setWordWrap(True)
        self.columns_label.setStyleSheet("color: #555;")
        form.addRow(self.tr("模板列名："), self.columns_label)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        self.template_button = QPushButton(self.tr("下载模板(&T)"))
        self.check_button = QPushButton(self.tr("校验(&V)"))
        self.import_button = QPushButton(self.tr("导入(&M)"))
        self.cancel_button = QPushButton(self.tr("取消导入"))
        self.close_button = QPushButton(self.tr("关闭"))
        self.cancel_button.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (self.template_button, self.check_button, self.import_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        return buttons

    def _build_results(self) -> None:
        """Progress, the summary line and the table of rows."""
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.summary = QLabel(
            self.tr("请选择服务事项和名单文件，先“校验”，再“导入”。有错误的行不导入，可改正后重新导入同一名单。")
        )
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        refusal = self.refusal()
        if refusal:  # read-only store or full disk: 校验 still works, 导入 does not
            self.import_button.setEnabled(False)
            self._show_failure(refusal)
        self.table = RecordTable(
            [
                Column(0, self.tr("行"), sort_key=_row_number, align_right=True),
                Column(1, self.tr("人员")),  # masked by the core already
                Column(2, self.tr("列")),
                Column(3, self.tr("问题 / 结果"), stretch=True),
            ],
            stretch_last=False,
        )
        self.table.setObjectName("batch_rows")
        # a line's fifth value says it is an error: written in the error colour
        self.table.set_row_style(lambda row: CellStyle(foreground=ERROR) if row[4] else None)

    def _build_layout(self, form: QFormLayout, buttons: QHBoxLayout) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def _wire(self) -> None:
        self.browse_button.clicked.connect(self.choose_file)
        self.template_button.clicked.connect(self.save_template)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.close_button.clicked.connect(self.close)
        self.item_combo.currentIndexChanged.connect(self._show_columns)

    # Inputs -------------------------------------------------------------------------------------

    @property
    def item_code(self) -> str:
        return str(self.item_combo.currentData() or "")

    def select_item(self, code: str) -> None:
        index = self.item_combo.findData(code)
        if index >= 0:
            self.item_combo.setCurrentIndex(index)

    def choose_file(self) -> None:
        path = self._choose_open(self)
        if path:
            self.file_edit.setText(path)

    def _show_columns(self) -> None:
        code = self.item_code
        if not code:
            self.columns_label.setText("")
            return
        columns = item_columns(self._catalog.get(code))
        marked = [f"{c.header}*" if c.required_in_file else c.header for c in columns]
        self.columns_label.setText("、".join(marked) + self.tr("（*为必填）"))

    def _path(self) -> Path | None:
        text = self.file_edit.text().strip()
        if not self.item_code:
            self._show_failure(self.tr("请先选择服务事项。"))
            return None
        if not text:
            self._show_failure(self.tr("请先选择名单文件。"))
            return None
        return Path(text)

    # Actions ------------------------------------------------------------------------------------

    def save_template(self) -> None:
        code = self.item_code
        path = self._choose_save(self) if code else None
        if not path:
            return
        out = Path(path) if Path(path).suffix.lower() in (".xlsx", ".csv") else Path(path + ".xlsx")

        item = self._catalog.get(code)

        def op() -> list[str]:
            return write_template(item, out)

        self._ops.run(
            op, lambda _headers: self._set_summary(self.tr("模板已保存：{path}").format(path=out)), self._failure
        )

    def check(self) -> None:
        path = self._path()
        if path is None:
            return
        self._busy(True, self.tr("正在校验…"))
        code, clerk = self.item_code, self._clerk_id
        self._ops.run(
            lambda: run_import(self._db, path, code, clerk_id=clerk, dry_run=True), self._checked, self._failure
        )

    def refusal(self) -> str:
        """Why nothing can be imported now ("" when it can): a read-only store, a disk at its floor."""
        from models.diskspace import HARD_FLOOR_BYTES, MB, disk_status
        from models.errors import DatabaseError

        if self._db.read_only:
            return render(DatabaseError("db.read_only"))
        free = disk_status(self._db.path.parent, 0).free
        return render(UserFacingError("disk.full", free_mb=free // MB)) if free < HARD_FLOOR_BYTES else ""

    def start_import(self) -> None:
        refusal = self.refusal()
        if refusal:
            self.import_button.setEnabled(False)
            self._show_failure(refusal)
            return
        path = self._path()
        if path is None:
            return
        # The task manager's reporter: throttled to 10 a second, delivered on the GUI thread; shown
        # in this dialog's own bar (no progress dialog of its own).
        reporter = self._ops.manager.progress(self, dialog=False)
        reporter.reported.connect(self._on_progress)
        self._reporter, self._cancel = reporter, reporter.token
        self._busy(True, self.tr("正在导入…"))
        code, clerk, cancel, report_progress = self.item_code, self._clerk_id, self._cancel, reporter.callback

        self._ops.run(
            lambda: run_import(self._db, path, code, clerk_id=clerk, progress=report_progress, cancel=cancel),
            self._imported,
            self._failure,
        )

    def cancel_import(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()
            self.cancel_button.setEnabled(False)
            self._set_summary(self.tr("正在取消：当前一批办件建完后停止…"))

    # Results ------------------------------------------------------------------------------------

    def _on_progress(self, p: object) -> None:
        if not isinstance(p, Progress):
            return
        if p.total:
            self.progress.setRange(0, p.total)
            self.progress.setValue(p.done)
            self.progress.setFormat(f"{p.label} %v / %m")
        else:
            self.progress.setRange(0, 0)

    def _checked(self, report: BatchReport) -> None:
        self._busy(False)
        self._show_report(report)
        self.checked.emit(report)

    def _imported(self, report: BatchReport) -> None:
        self._busy(False)
        self._cancel = None
        self._show_report(report)
        self.imported.emit(report)

    def _failure(self, exc: BaseException) -> None:
        self._busy(False)
        self._cancel = None
        if isinstance(exc, Cancelled):
            text = self.tr("导入已取消：已建立的办件保留；重新导入同一名单时会跳过已导入的行。")
            self._set_summary(text)
            self.failed.emit("")
            return
        self._show_failure(error_text(exc) or "")

    def _show_failure(self, text: str) -> None:
        self.summary.setStyleSheet(ERROR_BOLD_STYLE)
        self.summary.setText(text)
        self.failed.emit(text)

    def _set_summary(self, text: str) -> None:
        self.summary.setStyleSheet("")
        self.summary.setText(text)

    def _busy(self, busy: bool, text: str = "") -> None:
        if not busy and self._reporter is not None:  # an import is over: its reports too
            self._reporter.finish()  # it stays this dialog's child (see ProgressReporter)
            self._reporter = None
        for button in (self.template_button, self.check_button, self.import_button):
            button.setEnabled(not busy)
        if not busy and self.refusal():
            self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(busy and self._cancel is not None)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self._set_summary(text)

    def _show_report(self, report: BatchReport) -> None:
        self.report = report
        if report.dry_run:
            head = self.tr("校验完成：共 {total} 行，可导入 {valid} 行").format(total=report.total, valid=report.valid)
        else:
            head = self.tr("导入完成：共 {total} 行，已建立办件（草稿）{created} 件").format(
                total=report.total, created=len(report.created)
            )
        parts = [head]
        if report.already_imported:
            parts.append(self.tr("此前已导入 {n} 行").format(n=report.already_imported))
        parts.append(self.tr("有错误 {n} 行").format(n=report.invalid))
        text = self.tr("，").join(parts) + self.tr("。")
        if not report.dry_run and report.created:
            text += self.tr("请在办件台的草稿中逐件核对材料后受理。")
        if report.ignored_columns:
            text += self.tr("\n未使用的列：") + "、".join(report.ignored_columns)
        self.summary.setStyleSheet("" if report.ok else ERROR_STYLE)
        self.summary.setText(text)
        lines: list[tuple[tuple[str, str, str, str], bool]] = []
        for outcome in report.rows:
            for error in outcome.errors:
                lines.append(((str(outcome.row), outcome.applicant, error.column, row_error_text(error)), True))
            if outcome.status == CREATED:
                lines.append(
                    (
                        (
                            str(outcome.row),
                            outcome.applicant,
                            "",
                            self.tr("已建立办件 {case_no}").format(case_no=outcome.case_no),
                        ),
                        False,
                    )
                )
            elif outcome.status == IMPORTED:
                lines.append(
                    (
                        (
                            str(outcome.row),
                            outcome.applicant,
                            "",
                            self.tr("此前已导入：办件 {case_no}").format(case_no=outcome.case_no),
                        ),
                        False,
                    )
                )
        self.table.set_rows([(*values, is_error) for values, is_error in lines])


def _row_number(value: object) -> int:
    text = str(value or "")
    return int(text) if text.isdigit() else 0
