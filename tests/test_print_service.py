"""Preview and printing through QPrinter (to a PDF file: no physical printer here), logged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models.errors import Cancelled, UserFacingError
from models.orm import Case, PrintLog
from models.progress import CancelToken, Progress
from models.store import Store


def _job(store: Store, kind: str = "receipt", reason: str | None = None) -> Any:
    from desktop.print_service import PrintJob
    from models import clock
    from models.case_lookup import material_entries
    from models.catalog import load_catalog
    from printing import render
    from printing.from_case import ADAPTERS, CaseBundle
    from printing.layout import RenderOptions

    with store.db.read() as session:
        case = session.scalar(select(Case).where(Case.item_code == "002036001003"))
        assert case is not None
        item = load_catalog().items.get(case.item_code)
        bundle = CaseBundle(case, material_entries(session, case), item, clock.today_local())
        pdf = render(kind, ADAPTERS[kind](bundle), RenderOptions(reprint_reason=reason, printed_at=clock.now()))
        return PrintJob(kind, "受理回执", pdf, case.id, reason)


def _pdf_printer(path: Path) -> Any:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(150)
    return printer


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path.read_bytes())
    try:
        return len(doc)
    finally:
        doc.close()


def test_print_job_paints_copies_and_logs(qapp: QApplication, demo_store: Store, tmp_path: Path) -> None:
    from desktop.print_service import PrintService

    service = PrintService(demo_store.db, clerk_id=None)
    out = tmp_path / "printed.pdf"
    service.print_job(_job(demo_store), _pdf_printer(out), copies=2)
    assert _pages(out) == 2
    with demo_store.db.read() as session:
        rows = list(session.scalars(select(PrintLog)))
    assert len(rows) == 1 and rows[0].copies == 2 and not rows[0].reprint
    with pytest.raises(UserFacingError) as exc:
        service.print_job(_job(demo_store), _pdf_printer(tmp_path / "again.pdf"))
    assert exc.value.code == "print.reprint_reason_required"
    assert not (tmp_path / "again.pdf").exists()  # refused before anything was painted
    service.print_job(_job(demo_store, reason="纸张卡住"), _pdf_printer(tmp_path / "again.pdf"))
    with demo_store.db.read() as session:
        assert [r.reprint for r in session.scalars(select(PrintLog).order_by(PrintLog.id))] == [False, True]


def test_batch_reports_progress_and_cancels(qapp: QApplication, demo_store: Store, tmp_path: Path) -> None:
    from desktop.print_service import PrintJob, PrintService

    service = PrintService(demo_store.db)
    jobs = [PrintJob("reconciliation", f"对账单{n}", _job(demo_store).pdf) for n in range(3)]
    seen: list[Progress] = []
    token = CancelToken()

    def progress(p: Progress) -> None:
        seen.append(p)
        if p.done == 2:
            token.cancel()

    with pytest.raises(Cancelled):
        service.print_batch(jobs, _pdf_printer(tmp_path / "batch.pdf"), progress, token)
    assert [p.done for p in seen] == [1, 2] and seen[0].total == 3
    with demo_store.db.read() as session:
        assert len(list(session.scalars(select(PrintLog)))) == 2


def test_preview_shows_pages_and_prints_through_the_chosen_printer(
    qtbot: QtBot, demo_store: Store, tmp_path: Path
) -> None:
    from desktop.print_service import PreviewDialog, PrintService

    out = tmp_path / "preview.pdf"

    def choose(printer: Any, parent: Any) -> bool:
        printer.setOutputFormat(printer.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(150)
        return True

    dialog = PreviewDialog(_job(demo_store), PrintService(demo_store.db), choose_printer=choose)
    qtbot.addWidget(dialog)
    assert len(dialog.page_labels) == 1
    pixmap = dialog.page_labels[0].pixmap()
    # A4 portrait, the whole width of the page inside the dialog (not cut at the right edge).
    assert 600 < pixmap.width() < dialog.width() and abs(pixmap.height() / pixmap.width() - 297 / 210) < 0.01
    dialog.copies.setValue(1)
    qtbot.mouseClick(dialog.print_button, qtbot_left())
    assert out.exists() and _pages(out) == 1
    with demo_store.db.read() as session:
        assert len(list(session.scalars(select(PrintLog)))) == 1


def qtbot_left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_preview_checks_and_logs_on_the_db_worker_and_paints_on_the_gui_thread(
    qtbot: QtBot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from desktop.operations import Operations
    from desktop.print_service import PreviewDialog, PrintService

    out = tmp_path / "preview.pdf"

    def choose(printer: Any, parent: Any) -> bool:
        printer.setOutputFormat(printer.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    errors: list[BaseException] = []
    ops = Operations(errors.append)
    service = PrintService(demo_store.db, ops=ops)
    threads: dict[str, str] = {}
    check, log = service.check, service._log

    def checked(job: Any) -> None:
        threads["check"] = threading.current_thread().name
        check(job)

    def logged(job: Any, copies: int) -> bool:
        threads["log"] = threading.current_thread().name
        return log(job, copies)

    monkeypatch.setattr(service, "check", checked)
    monkeypatch.setattr(service, "_log", logged)
    dialog = PreviewDialog(_job(demo_store), service, choose_printer=choose)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.printed, timeout=10_000):
        qtbot.mouseClick(dialog.print_button, qtbot_left())
    assert errors == [] and out.exists() and _pages(out) == 1
    gui = threading.main_thread().name
    assert threads["check"] != gui and threads["log"] != gui
    with demo_store.db.read() as session:
        assert len(list(session.scalars(select(PrintLog)))) == 1
    ops.shutdown()
