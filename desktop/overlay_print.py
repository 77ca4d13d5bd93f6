"""打印 → 套打…: printing a case's form onto a sheet bought pre-printed (values only, issue 22 §2).

The same steps as the CLI (``tongban print calibration`` / ``--measured`` / ``--overlay``,
docs/printing.md "套打"): choose the printer, print its calibration page, type where the two
marks landed (or the correction itself) and save it for that printer (settings.json,
``overlay_calibration``), then preview and print a case's form in 套打 mode with that printer's
correction. The calibration page and the forms go through the same preview and painter, so
what the page measured (the driver's margins and scaling included) is what the forms get.
Rendering runs on the task manager's pool, the case lookup in a DB op.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import show_error
from desktop.operations import Operations
from desktop.print_service import PreviewDialog, PrintJob, PrintService, ask_printer
from models.errors import UserFacingError
from models.settings import Settings

if TYPE_CHECKING:
    from printing.layout import Overlay


def _spin(low: float, high: float, decimals: int, step: float, suffix: str = "") -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    if suffix:
        box.setSuffix(suffix)
    return box


class OverlayPrintDialog(QDialog):
    """Printer, its calibration (measured or typed), the calibration page, a case's form in 套打."""

    def __init__(
        self, settings: Settings, ops: Operations, service: PrintService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings, self.ops, self.service = settings, ops, service
        self.preview: PreviewDialog | None = None
        self.setWindowTitle(self.tr("套打（在预印表格上只打印填写内容）"))
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_printer())
        layout.addWidget(self._build_calibration())
        layout.addWidget(self._build_job())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(buttons)
        self._wire(buttons)
        self._load()

    def _build_printer(self) -> QFormLayout:
        self.printer = QComboBox()
        self.printer.setEditable(True)
        self.printer.addItem(self.tr("（系统默认打印机）"), "")
        for name in QPrinterInfo.availablePrinterNames():
            self.printer.addItem(name, name)
        top = QFormLayout()
        top.addRow(self.tr("打印机："), self.printer)
        return top

    def _build_calibration(self) -> QGroupBox:
        from printing.calibration import MAX_OFFSET_MM, SCALE_RANGE

        calibration = QGroupBox(self.tr("此打印机的校准"))
        form = QFormLayout(calibration)
        page_row = QHBoxLayout()
        self.page_button = QPushButton(self.tr("打印校准页…"))
        self.check_button = QPushButton(self.tr("按校准打印检查页…"))
        page_row.addWidget(self.page_button)
        page_row.addWidget(self.check_button)
        page_row.addStretch(1)
        form.addRow(page_row)
        hint = QLabel(
            self.tr("以实际大小打印校准页，量出两个十字中心到纸张左边和上边的距离（毫米），填入下面，再按“计算”。")
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.measured = [_spin(0, 300, 1, 0.5, self.tr(" 毫米")) for _ in range(4)]
        for box, value in zip(self.measured, (20.0, 20.0, 190.0, 277.0), strict=True):
            box.setValue(value)
        marks = QHBoxLayout()
        for label, box in zip(
            (self.tr("标记1 左"), self.tr("上"), self.tr("标记2 左"), self.tr("上")), self.measured, strict=True
        ):
            marks.addWidget(QLabel(label))
            marks.addWidget(box)
        self.solve_button = QPushButton(self.tr("计算"))
        marks.addWidget(self.solve_button)
        form.addRow(self.tr("量得位置："), marks)
        self.dx = _spin(-MAX_OFFSET_MM, MAX_OFFSET_MM, 2, 0.25, self.tr(" 毫米"))
        self.dy = _spin(-MAX_OFFSET_MM, MAX_OFFSET_MM, 2, 0.25, self.tr(" 毫米"))
        self.scale = _spin(SCALE_RANGE[0], SCALE_RANGE[1], 5, 0.001)
        correction = QHBoxLayout()
        for label, box in ((self.tr("右移"), self.dx), (self.tr("下移"), self.dy), (self.tr("缩放"), self.scale)):
            correction.addWidget(QLabel(label))
            correction.addWidget(box)
        self.save_button = QPushButton(self.tr("保存校准"))
        correction.addWidget(self.save_button)
        form.addRow(self.tr("校准："), correction)
        self.state = QLabel()
        form.addRow(self.state)
        return calibration

    def _build_job(self) -> QGroupBox:
        from printing import KINDS

        job = QGroupBox(self.tr("套打办件文书"))
        job_form = QFormLayout(job)
        self.case_no = QLineEdit()
        self.case_no.setPlaceholderText(self.tr("办件编号，如 522701-001-20261123-0001"))
        job_form.addRow(self.tr("办件编号："), self.case_no)
        self.kind = QComboBox()
        for entry in KINDS.values():
            if entry.overlay:
                self.kind.addItem(entry.title, entry.key)
        job_form.addRow(self.tr("文书："), self.kind)
        self.form_button = QPushButton(self.tr("套打预览…"))
        job_form.addRow(self.form_button)
        return job

    def _wire(self, buttons: QDialogButtonBox) -> None:
        self.printer.currentTextChanged.connect(lambda _t: self._load())
        self.page_button.clicked.connect(lambda: self.calibration_page(check=False))
        self.check_button.clicked.connect(lambda: self.calibration_page(check=True))
        self.solve_button.clicked.connect(self.solve)
        self.save_button.clicked.connect(self.save)
        self.form_button.clicked.connect(self.print_form)
        buttons.rejected.connect(self.reject)

    # calibration ---------------------------------------------------------------------------

    def printer_name(self) -> str:
        text = self.printer.currentText().strip()
        index = self.printer.findText(text)
        return str(self.printer.itemData(index) or "") if index >= 0 else text

    def _current(self) -> tuple[float, float, float] | None:
        from models.device_settings import overlay_calibration

        return overlay_calibration(self.settings, self.printer_name())

    def _load(self) -> None:
        found = self._current()
        dx, dy, scale = found or (0.0, 0.0, 1.0)
        self.dx.setValue(dx)
        self.dy.setValue(dy)
        self.scale.setValue(scale)
        self.state.setText(
            self.tr("已保存的校准：右移 {dx:.2f} 毫米，下移 {dy:.2f} 毫米，缩放 {scale:.5f}").format(
                dx=dx, dy=dy, scale=scale
            )
            if found
            else self.tr("此打印机尚未校准：套打按原位置、原大小打印。")
        )

    def solve(self) -> None:
        from printing.calibration import solve

        x1, y1, x2, y2 = (box.value() for box in self.measured)
        try:
            m = solve((x1, y1, x2, y2))
        except UserFacingError as exc:  # marks too far off: more likely a typing error
            self._failed(exc)
            return
        self.dx.setValue(m.dx_mm)
        self.dy.setValue(m.dy_mm)
        self.scale.setValue(m.scale)

    def save(self) -> None:
        from models.device_settings import set_overlay_calibration

        set_overlay_calibration(
            self.settings, self.printer_name(), self.dx.value(), self.dy.value(), self.scale.value()
        )
        self.settings.save()
        self._load()

    def _overlay(self) -> Overlay:
        from printing.layout import Overlay

        found = self._current()
        return Overlay(*found) if found else Overlay()

    def calibration_page(self, check: bool) -> None:
        """The page with its two marks; ``check``: with the saved correction applied (the marks
        should then land at 20/20 and 190/277 mm)."""
        from models import clock
        from printing import KINDS, render
        from printing.calibration import CalibrationData
        from printing.layout import Overlay, RenderOptions

        name, found = self.printer_name(), self._current()
        current = Overlay(*found) if found else None
        options = RenderOptions(overlay=(current or Overlay()) if check else None)
        data = CalibrationData(name, clock.today_local(), current)
        title = KINDS["calibration"].title

        self.ops.background(
            lambda: render("calibration", data, options),
            lambda pdf: self._show(PrintJob("calibration", title, pdf)),
            self._failed,
        )

    # a case's form in 套打 ------------------------------------------------------------------

    def print_form(self) -> None:
        from models.case_lookup import find_case

        case_no, kind, overlay = self.case_no.text().strip(), str(self.kind.currentData()), self._overlay()

        def lookup() -> int:
            with self.service.db.read() as session:
                return find_case(session, case_no).id

        def render(case_id: int) -> None:
            self.ops.background(
                lambda: self.service.render_case(case_id, kind, overlay=overlay),
                self._show,
                self._failed,
            )

        self.ops.run(lookup, render, self._failed)

    def _show(self, job: PrintJob) -> None:
        name = self.printer_name()

        def choose(printer: QPrinter, parent: QWidget) -> bool:
            if name:
                printer.setPrinterName(name)  # the printer whose calibration this is
            return ask_printer(printer, parent)

        self.preview = PreviewDialog(job, self.service, self, choose_printer=choose)
        self.preview.setModal(False)
        self.preview.show()

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)
