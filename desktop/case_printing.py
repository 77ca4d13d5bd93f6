"""One key, the case's documents, straight to the configured printers (issue 15 item 7).

``print_case_set`` renders the documents ``models.print_set.document_set`` names for the case
and sends each to its printer without a dialog: the 受理回执 to the receipt printer (80 mm roll)
when one is set, everything else to the A4 printer (settings ``receipt_printer``, ``a4_printer``;
empty A4 = the system's default printer). A printer spec ``pdf:DIR`` is a file printer: the
document's own PDF is written to DIR (tests, and stations that archive instead of printing).

A set in which something was printed before is a reprint: it needs a reason (asked for by the
caller) and the documents printed before carry the 补打 watermark, the reason and the name of
the reprinting clerk, while still naming the 经办人 who took the case in. Every document is
logged and audited through ``PrintService`` (the role checked first).

Runs on the pool (issue 16): the case is read and the documents' data prepared in one short DB
op, the PDFs are rendered and sent in the pool, and each print is logged in its own DB op, so a
set of documents never holds the DB executor (and every clerk's list behind it) while it paints.
The DB parts go through ``db_call`` (``TaskManager.db_call``; called directly when there is no
manager, e.g. from the CLI or a test).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desktop.print_service import PrintJob, PrintService, paint_pdf
from models import clock
from models.case_lookup import find_case, material_entries
from models.catalog.for_case import item_for
from models.device_settings import escpos_values
from models.errors import UserFacingError
from models.fsutil import atomic_write
from models.intake.service import clerk_by_id
from models.print_log import check_print_allowed, was_printed
from models.print_set import SetDocument, document_set
from models.settings import A4_PRINTER, RECEIPT_PRINTER, Settings

if TYPE_CHECKING:
    from printing.data import ReceiptData
    from printing.layout import RenderOptions

logger = logging.getLogger(__name__)

PDF_PREFIX = "pdf:"

T = TypeVar("T")
DbCall = Callable[[Callable[[], Any]], Any]


def _direct(op: Callable[[], T]) -> T:
    return op()


@dataclass
class SetOutcome:
    """What was printed (kinds and where), for the clerk's message. No personal data."""

    case_no: str
    printed: list[tuple[str, str]] = field(default_factory=list)  # (document title, printer shown)
    reprint: bool = False


@dataclass(frozen=True)
class Target:
    spec: str
    #: A raw ESC/POS receipt printer (settings receipt_printer_mode = escpos): ``spec`` is its port.
    escpos: bool = False

    @property
    def is_file(self) -> bool:
        return self.spec.startswith(PDF_PREFIX) and not self.escpos

    def shown(self) -> str:
        if self.is_file:
            return self.spec[len(PDF_PREFIX) :]
        return self.spec or (QPrinterInfo.defaultPrinterName() or "")


def targets(settings: Settings) -> tuple[Target, Target | None]:
    """(A4 printer, receipt printer or None when receipts go to A4)."""
    a4 = Target(A4_PRINTER.get(settings).strip())
    raw = escpos_values(settings)
    if raw["mode"] == "escpos" and raw["port"].strip():
        return a4, Target(raw["port"].strip(), escpos=True)
    receipt = RECEIPT_PRINTER.get(settings).strip()
    return a4, (Target(receipt) if receipt else None)


def _escpos_receipt(data: ReceiptData, settings: Settings, options: RenderOptions) -> bytes | None:
    """The receipt as ESC/POS bytes, or None when it must go to A4 (a character the printer's
    font lacks and ``receipt_printer_fallback`` = a4)."""
    from printing.escpos import lacking, options_from, render_receipt_escpos

    raw = escpos_values(settings)
    escpos = options_from(raw)
    lacks = lacking(data, escpos.font)
    if lacks and raw["fallback"] == "a4":
        logger.info("receipt: %d character(s) not in the printer's font: printed on A4", len(lacks))
        return None
    return render_receipt_escpos(data, escpos, options)


def plan(db: object, case_no: str) -> tuple[int, list[SetDocument], bool]:
    """(case id, its documents, whether any of them was printed before)."""
    from models.db import Database

    assert isinstance(db, Database)
    with db.read() as session:
        case = find_case(session, case_no)
        item = item_for(case)
        owes = any(e.status in ("missing", "deferred") for e in material_entries(session, case))
        docs = document_set(
            case.state,
            case.item_code,
            (f.number for f in item.forms),
            owes_materials=owes,
            admdvs=case.station.admdvs or "",
        )
        before = any(was_printed(session, case.id, d.kind) for d in docs)
        return case.id, docs, before


@dataclass(frozen=True)
class _Planned:
    """One document of the set, its data read from the case, ready to render off the DB."""

    kind: str
    data: Any
    paper: str
    reprint_reason: str | None
    reprinted_by: str | None
    title: str
    case_id: int
    target: Target


def _prepare(
    service: PrintService, settings: Settings, case_no: str, reason: str | None
) -> tuple[list[_Planned], bool]:
    """The DB part before painting: the set, the reprint rule, and each document's data."""
    from printing import KINDS
    from printing.from_case import ADAPTERS, CaseBundle

    case_id, docs, before = plan(service.db, case_no)
    if not docs:
        raise UserFacingError("print.nothing_to_print", case_no=case_no)
    if before:
        with service.db.read() as session:  # a clerk who may not reprint is told so, not asked why
            check_print_allowed(session, service.clerk_id, reprint=True)
    if before and reason is None:
        raise UserFacingError("print.reprint_reason_required", document="本件文书")
    a4, roll = targets(settings)
    planned: list[_Planned] = []
    with service.db.read() as session:
        case = find_case(session, case_no)
        bundle = CaseBundle(case, material_entries(session, case), item_for(case), clock.today_local())
        reprinter = clerk_by_id(session, service.clerk_id)
        for doc in docs:
            again = was_printed(session, case_id, doc.kind)
            target = roll if (doc.roll and roll is not None) else a4
            try:
                data = ADAPTERS[doc.kind](bundle)
            except UserFacingError as exc:  # e.g. a 核定单 needs the bill: not part of this set
                logger.info("case set %s: %s skipped (%s)", case_no, doc.kind, exc.code)
                continue
            planned.append(_Planned(
                kind=doc.kind,
                data=data,
                paper="80mm" if target is roll else "a4",
                reprint_reason=reason if again else None,
                reprinted_by=reprinter.name if (again and reprinter is not None) else None,
                title=f"{KINDS[doc.kind].title} {case.case_no}",
                case_id=case_id,
                target=target,
            ))
    return planned, before


def print_case_set(
    service: PrintService,
    settings: Settings,
    case_no: str,
    reprint_reason: str | None = None,
    *,
    db_call: DbCall = _direct,
) -> SetOutcome:
    """Render and print every document of the case's set; refuses a reprint without a reason
    before anything is printed."""
    from printing import render

    reason = (reprint_reason or "").strip() or None
    planned, before = db_call(lambda: _prepare(service, settings, case_no, reason))
    a4, _roll = targets(settings)
    outcome = SetOutcome(case_no, reprint=before)
    jobs: list[tuple[PrintJob, Target, bytes | None]] = []
    for doc in planned:
        target = doc.target
        options = _options(doc.reprint_reason, doc.reprinted_by, doc.paper == "80mm")
        raw: bytes | None = None
        if target.escpos:
            raw = _escpos_receipt(doc.data, settings, options)
            if raw is None:  # the printer's font lacks a character: the receipt goes to A4
                target, options = a4, _options(doc.reprint_reason, doc.reprinted_by, False)
        pdf = render(doc.kind, doc.data, options)  # the PDF is what the print log fingerprints
        jobs.append((PrintJob(doc.kind, doc.title, pdf, doc.case_id, doc.reprint_reason), target, raw))

    def check_all() -> None:
        for job, _target, _raw in jobs:
            service.check(job)  # the role (print, or reprint) before anything reaches paper

    db_call(check_all)
    for job, target, raw in jobs:
        if raw is not None:
            from devices.receipt_printer import send as send_raw

            send_raw(target.spec, raw, escpos_values(settings)["baudrate"])
        else:
            send(job, target)
        db_call(lambda job=job: service.log(job, 1))
        outcome.printed.append((job.title.rsplit(" ", 1)[0], target.shown()))
    logger.info("case set %s: %d documents printed%s", case_no, len(jobs), " (reprint)" if before else "")
    return outcome


def _options(reason: str | None, reprinted_by: str | None, roll: bool) -> RenderOptions:
    from printing.layout import RenderOptions

    return RenderOptions(
        paper="80mm" if roll else "a4",
        reprint_reason=reason,
        printed_at=clock.now(),
        reprinted_by=reprinted_by,
    )


def send(job: PrintJob, target: Target) -> None:
    """To a file printer (the PDF itself) or a real printer (rasterised, no dialog)."""
    if target.is_file:
        folder = Path(target.spec[len(PDF_PREFIX) :]).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = clock.to_local(clock.now()).strftime("%Y%m%d-%H%M%S-%f")
        name = re.sub(r"[^\w.-]+", "_", f"{stamp}-{job.title}{'-补打' if job.reprint_reason else ''}")
        atomic_write(folder / f"{name}.pdf", job.pdf)
        return
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if target.spec:
        printer.setPrinterName(target.spec)
    if not printer.isValid():
        raise UserFacingError("print.no_printer")
    printer.setDocName(job.title)
    paint_pdf(job.pdf, printer)
