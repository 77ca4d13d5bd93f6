"""Preview and print the documents of printing/ (Qt side).

PySide6-Essentials has no QtPdf, so pages are rasterised with pypdfium2 (the PDF engine Chrome
uses) for the preview and for the printer, at the printer's resolution (capped at 300 dpi).
Every job that reaches a printer is logged (and audited) through
``models.print_log.record_print``; a document printed before for the same case is a reprint: it
needs a reason and carries a 补打 watermark (the caller renders it with
``RenderOptions(reprint_reason=...)``). On a store that cannot be written now (read-only media,
a full disk) the page still prints and its log row and audit entry are deferred
(models/deferred_log.py) until the store can be written again. ``print_cases`` renders and prints one document kind for
many cases as one print job (desktop/batch_print.py), with progress, cancel and skips: on the
task manager's pool, reading and logging each document in short DB ops.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QSpinBox, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from desktop.errors import error_text
from desktop.operations import Operations
from desktop.screen_fit import start_size
from models import deferred_log
from models.case_lookup import material_entries
from models.db import Database
from models.errors import UserFacingError
from models.print_batch import BatchCase
from models.print_log import check_print_allowed, record_print, was_printed

if TYPE_CHECKING:
    from printing.layout import Overlay
from models.progress import CancelToken, Progress, ProgressFn, no_progress

logger = logging.getLogger(__name__)

T = TypeVar("T")

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
    #: What the clerk should know before printing (a 参保凭证 with blank 参保信息), shown above
    #: the pages of the preview.
    warnings: tuple[str, ...] = ()


def document_warnings(kind: str, data: object) -> tuple[str, ...]:
    """A 参保凭证 (表8) whose 参保信息 the case does not hold says which lines will be blank."""
    from desktop import messages
    from printing.data import CertificateData
    from printing.from_case import certificate_gaps

    if kind == "certificate" and isinstance(data, CertificateData):
        gaps = certificate_gaps(data)
        if gaps:
            return (messages.render(UserFacingError("print.certificate_gaps", labels="、".join(gaps))),)
    return ()


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


class PagePainter:
    """One QPainter on ``printer`` for one or many documents: one print job, one PDF file.

    The painter begins at the first page (a batch whose cases were all skipped sends nothing,
    not a blank sheet) and ``close()`` ends the job. Pages are rasterised at the printer's
    resolution, capped at ``MAX_PRINT_DPI``. Qt allows painting on a QPrinter outside the GUI
    thread, so a batch can run on the DB worker.
    """

    def __init__(self, printer: QPrinter) -> None:
        self.printer = printer
        self.painter: QPainter | None = None
        self.pages = 0

    def paint(self, pdf: bytes, copies: int = 1) -> int:
        """Add ``copies`` of every page of ``pdf``; returns the pages painted."""
        images = page_images(pdf, min(self.printer.resolution(), MAX_PRINT_DPI))
        if self.painter is None:
            painter = QPainter()
            if not painter.begin(self.printer):
                raise UserFacingError("print.printer_failed")
            self.painter = painter
        painted = 0
        for _ in range(copies):
            for image in images:
                if self.pages:
                    self.printer.newPage()
                target: QRect = self.painter.viewport()
                size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                self.painter.drawImage(QRect(target.x(), target.y(), size.width(), size.height()), image)
                self.pages += 1
                painted += 1
        return painted

    def close(self) -> None:
        if self.painter is not None:
            self.painter.end()
            self.painter = None

    def __enter__(self) -> PagePainter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def paint_pdf(pdf: bytes, printer: QPrinter, copies: int = 1) -> int:
    """Send ``pdf`` to ``printer`` page by page as one job; returns the pages painted."""
    with PagePainter(printer) as pages:
        return pages.paint(pdf, copies)


@dataclass
class BatchOutcome:
    """What a batch did, for the summary (case numbers only: no personal data)."""

    total: int
    printed: list[str] = field(default_factory=list)
    #: (case number, why it was skipped: the clerk's message)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    pages: int = 0


class PrintService:
    """Prints jobs and logs them. One per main window; ``db`` is the station's database.

    ``clerk_id`` is the signed-in clerk (the main window updates it on a clerk switch): their
    role is checked before anything is painted, and the print log and audit name them.
    """

    def __init__(self, db: Database, clerk_id: int | None = None, ops: Operations | None = None) -> None:
        self.db = db
        self.clerk_id = clerk_id
        #: The DB worker (the main window's): with it, the preview's 打印 checks and logs off the
        #: GUI thread and only the painting (the printer's paint engine) runs on it.
        self.ops = ops

    def print_job_async(
        self,
        job: PrintJob,
        printer: QPrinter,
        copies: int,
        done: Callable[[bool], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """``print_job`` in three steps: check in a DB op, paint on the task manager's pool (a
        failing printer: nothing to log, ``failed`` says so), log in a DB op."""
        ops = self.ops
        if ops is None:
            try:
                logged = self.print_job(job, printer, copies)
            except UserFacingError as exc:
                failed(exc)
                return
            done(logged)
            return

        def paint(_checked: None) -> None:
            ops.background(lambda: paint_pdf(job.pdf, printer, copies), log, failed)

        def log(_pages: int) -> None:
            ops.run(lambda: self._log(job, copies), done, failed)

        ops.run(lambda: self.check(job), paint, failed)

    def is_reprint(self, kind: str, case_id: int | None) -> bool:
        with self.db.read() as session:
            return was_printed(session, case_id, kind) or deferred_log.was_printed(self.db, case_id, kind)

    def check(self, job: PrintJob) -> None:
        """Refuse before painting: an unreasoned reprint, or a clerk whose role may not (re)print."""
        with self.db.read() as session:
            reprint = was_printed(session, job.case_id, job.kind) or deferred_log.was_printed(
                self.db, job.case_id, job.kind
            )
            if job.case_id is not None and reprint and not (job.reprint_reason or "").strip():
                raise UserFacingError("print.reprint_reason_required", document=job.kind)
            check_print_allowed(session, self.clerk_id, reprint=reprint or bool(job.reprint_reason))

    def log(self, job: PrintJob, copies: int) -> bool:
        """Log and audit a job painted elsewhere (desktop/case_printing.py); True: logged now."""
        return self._log(job, copies)

    def _log(self, job: PrintJob, copies: int) -> bool:
        """Log and audit a painted job; deferred when the store cannot be written now.
        True: logged now."""

        def write(session: Session) -> None:
            record_print(
                session,
                document=job.kind,
                pdf=job.pdf,
                case_id=job.case_id,
                clerk_id=self.clerk_id,
                copies=copies,
                reprint_reason=job.reprint_reason,
            )

        return deferred_log.write_or_defer(self.db, lambda: self._deferred(job, copies), write)

    def _deferred(self, job: PrintJob, copies: int) -> deferred_log.Deferred:
        """The print as a deferred entry: what ``record_print`` would have written."""
        from models.orm import Case, Clerk

        reason = (job.reprint_reason or "").strip() or None
        with self.db.read() as session:
            clerk = session.get(Clerk, self.clerk_id) if self.clerk_id is not None else None
            case = session.get(Case, job.case_id) if job.case_id is not None else None
            before = was_printed(session, job.case_id, job.kind)
        reprint = before or deferred_log.was_printed(self.db, job.case_id, job.kind) or reason is not None
        detail: dict[str, object] = {"document": job.kind, "copies": copies, "reprint": reprint}
        if reason is not None:
            detail["reason"] = reason
        printed = {
            "case_id": job.case_id,
            "document": job.kind,
            "clerk_id": self.clerk_id,
            "copies": copies,
            "reprint": reprint,
            "sha256": hashlib.sha256(job.pdf).hexdigest(),
            "reason": reason,
        }
        target = f"case:{case.case_no}/{job.kind}" if case is not None else f"document:{job.kind}"
        return deferred_log.new_entry(
            "reprint" if reprint else "print", target, clerk=clerk, detail=detail, printed=printed
        )

    def print_job(self, job: PrintJob, printer: QPrinter, copies: int = 1) -> bool:
        """Paint the job, then log it (a reprint without a reason is refused before painting).
        False: the store cannot be written now, and the log entry waits (models/deferred_log.py)."""
        self.check(job)
        paint_pdf(job.pdf, printer, copies)
        return self._log(job, copies)

    def print_batch(
        self,
        jobs: Sequence[PrintJob],
        printer: QPrinter,
        progress: ProgressFn = no_progress,
        cancel: CancelToken | None = None,
    ) -> int:
        """Print rendered jobs as one print job (one painter); cancel between documents."""
        done = 0
        with PagePainter(printer) as pages:
            for job in jobs:
                if cancel is not None:
                    cancel.check()
                self.check(job)
                pages.paint(job.pdf)
                self._log(job, 1)
                done += 1
                progress(Progress(done, len(jobs), job.title))
        return done

    def render_case(
        self, case_id: int, kind: str, reprint_reason: str | None = None, overlay: Overlay | None = None
    ) -> PrintJob:
        """Render ``kind`` for one case: the case is read in a short DB op (see ``print_cases``;
        directly when called on its own, off the GUI thread), reportlab runs in this thread.
        ``overlay``: 套打, the values only, moved and scaled by the printer's calibration."""
        from printing import render

        prepared = _db(lambda: self._prepare(case_id, kind, reprint_reason, overlay))
        pdf = render(kind, prepared.data, prepared.options)
        return PrintJob(kind, prepared.title, pdf, case_id, prepared.reason, document_warnings(kind, prepared.data))

    def _prepare(
        self, case_id: int, kind: str, reprint_reason: str | None, overlay: Overlay | None = None
    ) -> _Prepared:
        """What a document of ``kind`` shows for one case, read from the database (value types)."""
        from models import clock
        from models.catalog.for_case import item_for
        from models.orm import Case, Clerk
        from printing import KINDS
        from printing.from_case import ADAPTERS, CaseBundle
        from printing.layout import RenderOptions

        with self.db.read() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise UserFacingError("case.not_found", case_no=str(case_id))
            # No clerk in the bundle: a document names who accepted the case, not who reprints it.
            bundle = CaseBundle(case, material_entries(session, case), item_for(case), clock.today_local())
            reprinter = session.get(Clerk, self.clerk_id) if reprint_reason and self.clerk_id is not None else None
            options = RenderOptions(
                reprint_reason=reprint_reason or None,
                printed_at=clock.now(),
                reprinted_by=reprinter.name if reprinter is not None else None,
                overlay=overlay,
            )
            data = ADAPTERS[kind](bundle)
            return _Prepared(f"{KINDS[kind].title} {case.case_no}", data, options, reprint_reason or None)

    def print_cases(
        self,
        kind: str,
        cases: Sequence[BatchCase],
        printer: QPrinter,
        reprint_reason: str | None = None,
        progress: ProgressFn = no_progress,
        cancel: CancelToken | None = None,
        db_call: DbCall | None = None,
    ) -> BatchOutcome:
        """Render and print ``kind`` for each case as one print job (e.g. all certificates of a day).

        A case whose document cannot be made (no applicant, no 救助 category …) is skipped with
        the reason; a case printed before is a reprint and takes ``reprint_reason`` (skipped
        without one). Cancelling stops between documents; what was painted is sent and logged.

        Call it on the task manager's pool with ``db_call`` (desktop/taskman.py ``db_call``): each
        document is read and checked in a short DB op, rendered and painted here, and logged in
        another DB op, so other screens' DB work goes on between documents instead of waiting
        for the whole batch. Without ``db_call`` everything runs in the calling thread.
        """
        from desktop.messages import render as message

        _local.db_call = db_call
        try:
            reason = (reprint_reason or "").strip() or None
            outcome = BatchOutcome(total=len(cases))
            reprints = any(c.printed_before for c in cases) and bool(reason)
            _db(lambda: self._check_role(reprints))  # the role once, before anything is painted
            with PagePainter(printer) as pages:
                for n, case in enumerate(cases, 1):
                    if cancel is not None and cancel.cancelled:
                        outcome.cancelled = True
                        break
                    try:
                        if case.printed_before and reason is None:
                            raise UserFacingError("print.reprint_reason_required", document=kind)
                        job = self.render_case(case.case_id, kind, reason if case.printed_before else None)
                        _db(partial(self.check, job))
                    except UserFacingError as exc:
                        outcome.skipped.append((case.case_no, message(exc)))
                    else:
                        pages.paint(job.pdf)
                        _db(partial(self._log, job, 1))
                        outcome.printed.append(case.case_no)
                    progress(Progress(n, len(cases), case.case_no))
                outcome.pages = pages.pages
        finally:
            _local.db_call = None
        logger.info(
            "batch %s: %d printed, %d skipped of %d%s",
            kind,
            len(outcome.printed),
            len(outcome.skipped),
            outcome.total,
            " (cancelled)" if outcome.cancelled else "",
        )
        return outcome

    def _check_role(self, reprint: bool) -> None:
        with self.db.read() as session:
            check_print_allowed(session, self.clerk_id, reprint=reprint)


#: Runs a short op on the DB executor from a pool task and returns its result.
DbCall = Callable[[Callable[[], Any]], Any]

#: The DB-op runner of the batch running in this thread (``print_cases``).
_local = threading.local()


def _db(op: Callable[[], T]) -> T:
    db_call: DbCall | None = getattr(_local, "db_call", None)
    return op() if db_call is None else cast(T, db_call(op))


@dataclass(frozen=True)
class _Prepared:
    title: str
    data: Any
    options: Any
    reason: str | None


class PreviewDialog(QDialog):
    """Pages of one job, copies, and 打印… which opens the printer dialog."""

    #: The job was painted and logged (or its log entry held while the store cannot write).
    printed = Signal()

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
        self._choose = choose_printer or ask_printer
        self.setWindowTitle(self.tr("打印预览 — {title}").format(title=job.title))
        layout = QVBoxLayout(self)
        self._build_notes(layout)
        layout.addWidget(self._build_pages(), 1)
        buttons = self._build_controls(layout)
        self._wire(buttons)
        # On a short screen the pages scroll and 打印/关闭 stay visible.
        start_size(self, 760, 900)

    def _build_notes(self, layout: QVBoxLayout) -> None:
        """补打's reason and the job's warnings above the pages."""
        job = self.job
        if job.reprint_reason:
            layout.addWidget(QLabel(self.tr("补打，原因：{reason}").format(reason=job.reprint_reason)))
        for warning in job.warnings:
            note = QLabel(warning)
            note.setWordWrap(True)
            note.setObjectName("print_warning")
            note.setStyleSheet("color: #a33;")
            layout.addWidget(note)

    def _build_pages(self) -> QScrollArea:
        """The pages as images, in a scroll area."""
        pages = QWidget()
        pages_layout = QVBoxLayout(pages)
        self.page_labels: list[QLabel] = []
        # Whole pages across: as wide as the dialog the screen allows, never wider (the page
        # was cut at the right edge on a 1024×768 screen).
        start_size(self, 760, 900)
        page_width = self.width() - 70  # margins and the vertical scroll bar
        for image in page_images(self.job.pdf, PREVIEW_DPI):
            if image.width() > page_width:
                image = image.scaledToWidth(page_width, Qt.TransformationMode.SmoothTransformation)
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            pages_layout.addWidget(label)
            self.page_labels.append(label)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        return scroll

    def _build_controls(self, layout: QVBoxLayout) -> QDialogButtonBox:
        """份数, the message line, 打印 and 关闭."""
        self.copies = QSpinBox()
        self.copies.setRange(1, 20)
        self.copies.setPrefix(self.tr("份数："))
        layout.addWidget(self.copies)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(self.tr("打印…"), QDialogButtonBox.ButtonRole.AcceptRole)
        layout.addWidget(buttons)
        return buttons

    def _wire(self, buttons: QDialogButtonBox) -> None:
        self.print_button.clicked.connect(self._print)
        buttons.rejected.connect(self.reject)

    def _print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.job.title)
        if not self._choose(printer, self):
            return
        self.print_button.setEnabled(False)
        self._printer = printer  # alive until the worker's steps are done
        self.service.print_job_async(self.job, printer, self.copies.value(), self._printed, self._failed)

    def _printed(self, _logged: bool) -> None:
        self.printed.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self.message.setText(error_text(exc) or "")


def ask_printer(printer: QPrinter, parent: QWidget) -> bool:
    """The system's printer dialog (printer, copies, pages); True when the clerk pressed 打印."""
    dialog = QPrintDialog(printer, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
