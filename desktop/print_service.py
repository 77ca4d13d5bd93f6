"""Preview and print the documents of printing/ (Qt side).

PySide6-Essentials has no QtPdf, so pages are rasterised with pypdfium2 (the PDF engine Chrome
uses) for the preview and for the printer, at the printer's resolution (capped at 300 dpi).
Every job that reaches a printer is logged through ``models.print_log.record_print``; a
document printed before for the same case is a reprint: it needs a reason and carries a 补打
watermark (the caller renders it with ``RenderOptions(reprint_reason=...)``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from models.db import Database
from models.errors import UserFacingError
from models.print_log import record_print, was_printed
from models.progress import CancelToken, Progress, ProgressFn, no_progress

logger = logging.getLogger(__name__)

MAX_PRINT_DPI = 300
PREVIEW_DPI = 110


@dataclass(frozen=True)
class PrintJob:
    """One rendered document on its way to a printer."""

    kind: str
    title: str
    pdf: bytes
    case_id: int | None = None
    reprint_reason: str | None = None


def page_images(pdf: bytes, dpi: float) -> list[QImage]:
    """Every page as a QImage at ``dpi``."""
    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            pil = page.render(scale=dpi / 72).to_pil().convert("RGB")
            data = pil.tobytes()
            image = QImage(data, pil.width, pil.height, 3 * pil.width, QImage.Format.Format_RGB888)
            out.append(image.copy())  # detach from the Python buffer
        return out
    finally:
        doc.close()


def page_count(pdf: bytes) -> int:
    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def paint_pdf(pdf: bytes, printer: QPrinter, copies: int = 1) -> int:
    """Send ``pdf`` to ``printer`` page by page; returns the pages painted."""
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise UserFacingError("print.printer_failed")
    painted = 0
    try:
        images = page_images(pdf, dpi)
        for copy in range(copies):
            for n, image in enumerate(images):
                if copy or n:
                    printer.newPage()
                target: QRect = painter.viewport()
                size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.x(), target.y(), size.width(), size.height()), image)
                painted += 1
    finally:
        painter.end()
    return painted


class PrintService:
    """Prints jobs and logs them. One per main window; ``db`` is the station's database."""

    def __init__(self, db: Database, clerk_id: int | None = None) -> None:
        self.db = db
        self.clerk_id = clerk_id

    def is_reprint(self, kind: str, case_id: int | None) -> bool:
        with self.db.read() as session:
            return was_printed(session, case_id, kind)

    def print_job(self, job: PrintJob, printer: QPrinter, copies: int = 1) -> None:
        """Paint the job, then log it (a reprint without a reason is refused before painting)."""
        if job.case_id is not None and not job.reprint_reason and self.is_reprint(job.kind, job.case_id):
            raise UserFacingError("print.reprint_reason_required", document=job.kind)
        paint_pdf(job.pdf, printer, copies)
        with self.db.write() as session:
            record_print(
                session,
                document=job.kind,
                pdf=job.pdf,
                case_id=job.case_id,
                clerk_id=self.clerk_id,
                copies=copies,
                reprint_reason=job.reprint_reason,
            )

    def print_batch(
        self,
        jobs: Sequence[PrintJob],
        printer: QPrinter,
        progress: ProgressFn = no_progress,
        cancel: CancelToken | None = None,
    ) -> int:
        """Print many jobs (e.g. all certificates of a day) one after the other; cancel between jobs."""
        done = 0
        for job in jobs:
            if cancel is not None:
                cancel.check()
            self.print_job(job, printer)
            done += 1
            progress(Progress(done, len(jobs), job.title))
        return done


class PreviewDialog(QDialog):
    """Pages of one job, copies, and 打印… which opens the printer dialog."""

    def __init__(
        self,
        job: PrintJob,
        service: PrintService,
        parent: QWidget | None = None,
        choose_printer: Callable[[QPrinter, QWidget], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.job = job
        self.service = service
        self._choose = choose_printer or _ask_printer
        self.setWindowTitle(self.tr("打印预览 — {title}").format(title=job.title))
        layout = QVBoxLayout(self)
        if job.reprint_reason:
            layout.addWidget(QLabel(self.tr("补打，原因：{reason}").format(reason=job.reprint_reason)))
        pages = QWidget()
        pages_layout = QVBoxLayout(pages)
        self.page_labels: list[QLabel] = []
        for image in page_images(job.pdf, PREVIEW_DPI):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            pages_layout.addWidget(label)
            self.page_labels.append(label)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        self.copies = QSpinBox()
        self.copies.setRange(1, 20)
        self.copies.setPrefix(self.tr("份数："))
        layout.addWidget(self.copies)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(self.tr("打印…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.clicked.connect(self._print)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 900)

    def _print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.job.title)
        if not self._choose(printer, self):
            return
        self.service.print_job(self.job, printer, self.copies.value())
        self.accept()


def _ask_printer(printer: QPrinter, parent: QWidget) -> bool:
    dialog = QPrintDialog(printer, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
