"""批量打印 (desktop/batch_print.py) offscreen, against a QPrinter writing a PDF file: the count, the
pages, the print log and audit, reprints with one reason, the delayed progress dialog and cancel."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from sqlalchemy import select

from models import clock
from models.orm import AuditEntry, Clerk, PrintLog
from tests.qt_helpers import menu_titled

TIMEOUT = 20_000


def _pages(path: Path) -> int:
    doc = pdfium.PdfDocument(path.read_bytes())
    try:
        return len(doc)
    finally:
        doc.close()


def _chooser(out: Path) -> Any:
    def choose(printer: Any, parent: Any) -> bool:
        printer.setOutputFormat(printer.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(72)  # enough to check pages; keeps the test fast
        return True

    return choose


def _dialog(qtbot: Any, store: Any, out: Path, service: Any = None, login: str = "dayin") -> Any:
    from desktop.batch_print import BatchPrintDialog
    from desktop.operations import Operations
    from desktop.print_service import PrintService

    errors: list[BaseException] = []
    ops = Operations(on_error=errors.append)
    with store.db.read() as session:
        clerk_id = session.scalar(select(Clerk.id).where(Clerk.login == login))
    service = service or PrintService(store.db, clerk_id)
    dialog = BatchPrintDialog(store.db, ops, service, choose_printer=_chooser(out))
    qtbot.addWidget(dialog)
    dialog.ops_for_test = ops  # shut down at the end of the test
    qtbot.waitUntil(lambda: dialog.item.count() > 1, timeout=TIMEOUT)
    assert not errors
    return dialog


def _choose(qtbot: Any, dialog: Any, kind: str, days_back: int) -> None:
    from PySide6.QtCore import QDate

    dialog.set_kind(kind)
    today = clock.today_local() - dt.timedelta(days=days_back)
    dialog.first.setDate(QDate(today.year, today.month, today.day))
    qtbot.waitUntil(lambda: dialog.count_label.text().startswith("共"), timeout=TIMEOUT)


def _print_and_wait(qtbot: Any, dialog: Any) -> Any:
    from PySide6.QtCore import Qt

    with qtbot.waitSignal(dialog.batch_finished, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_batch_prints_each_case_once_then_reprints_with_one_reason(qtbot: Any, demo_store: Any, tmp_path: Path) -> None:
    out = tmp_path / "batch.pdf"
    dialog = _dialog(qtbot, demo_store, out)
    assert dialog.kind.currentText().startswith("基本医疗保险参保凭证")  # the first kind offered
    _choose(qtbot, dialog, "receipt", 14)
    qtbot.waitUntil(lambda: len(dialog.all_cases) == 3, timeout=TIMEOUT)
    assert "共 3 件" in dialog.count_label.text() and dialog.print_button.isEnabled()

    outcome = _print_and_wait(qtbot, dialog)
    assert len(outcome.printed) == 3 and not outcome.skipped and not outcome.cancelled
    assert _pages(out) == outcome.pages == 3  # one print job: every receipt in one PDF file
    assert "已打印 3 件（共 3 页）" in dialog.summary.text()
    with demo_store.db.read() as session:
        logs = list(session.scalars(select(PrintLog)))
        audits = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "print")))
    assert sorted(log.document for log in logs) == ["receipt"] * 3 and not any(log.reprint for log in logs)
    assert len(audits) == 3 and {a.clerk_login for a in audits} == {"dayin"}

    # Printed now: nothing left to print unless reprints are included, which need one reason.
    qtbot.waitUntil(lambda: "3 件已打印过" in dialog.count_label.text(), timeout=TIMEOUT)
    assert not dialog.print_button.isEnabled()
    dialog.include_printed.setChecked(True)
    assert not dialog.print_button.isEnabled()  # no reason yet
    dialog.reason.setText("打印机卡纸，整批重打")
    assert dialog.print_button.isEnabled()
    again = tmp_path / "again.pdf"
    dialog._choose = _chooser(again)
    outcome = _print_and_wait(qtbot, dialog)
    assert len(outcome.printed) == 3 and _pages(again) == 3
    with demo_store.db.read() as session:
        reprints = list(session.scalars(select(PrintLog).where(PrintLog.reprint.is_(True))))
    assert [r.reason for r in reprints] == ["打印机卡纸，整批重打"] * 3
    dialog.ops_for_test.shutdown()


def test_cases_that_cannot_be_printed_are_skipped_with_the_reason(qtbot: Any, demo_store: Any, tmp_path: Path) -> None:
    out = tmp_path / "slips.pdf"
    dialog = _dialog(qtbot, demo_store, out)
    _choose(qtbot, dialog, "registration", 14)
    qtbot.waitUntil(lambda: len(dialog.all_cases) == 1, timeout=TIMEOUT)
    with demo_store.db.write() as session:  # the applicant is gone: the form cannot be made
        from models.orm import Case

        case = session.get(Case, dialog.all_cases[0].case_id)
        case.person_id = None
    outcome = _print_and_wait(qtbot, dialog)
    assert outcome.printed == [] and len(outcome.skipped) == 1 and outcome.pages == 0
    assert "没有申请人信息" in outcome.skipped[0][1] and "跳过 1 件" in dialog.summary.text()
    assert not out.exists()  # nothing painted: no blank sheet either
    dialog.ops_for_test.shutdown()


def test_progress_shows_after_600ms_and_closing_it_cancels(qtbot: Any, demo_store: Any, tmp_path: Path) -> None:
    from desktop.print_service import PrintService

    gate = threading.Event()

    class SlowService(PrintService):
        """The first document waits for the test: the batch is still running when the progress shows."""

        def render_case(self, case_id: int, kind: str, reprint_reason: str | None = None) -> Any:
            gate.wait(TIMEOUT / 1000)
            return super().render_case(case_id, kind, reprint_reason)

    with demo_store.db.read() as session:
        clerk_id = session.scalar(select(Clerk.id).where(Clerk.login == "dayin"))
    out = tmp_path / "cancelled.pdf"
    dialog = _dialog(qtbot, demo_store, out, SlowService(demo_store.db, clerk_id))
    _choose(qtbot, dialog, "receipt", 14)
    qtbot.waitUntil(lambda: len(dialog.all_cases) == 3, timeout=TIMEOUT)
    from PySide6.QtCore import Qt

    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialog.running and dialog.progress_dialog is None  # not at once
    qtbot.waitUntil(lambda: dialog.progress_dialog is not None and dialog.progress_dialog.isVisible(), timeout=3000)
    with qtbot.waitSignal(dialog.batch_finished, timeout=TIMEOUT) as blocker:
        dialog.progress_dialog.close()  # closing only sets the flag ...
        gate.set()  # ... the document being made is finished and logged, the rest are not
    outcome = blocker.args[0]
    assert outcome.cancelled and len(outcome.printed) == 1 and outcome.total == 3
    assert "已取消：其余 2 件未打印" in dialog.summary.text()
    assert _pages(out) == 1 and dialog.progress_dialog is None and not dialog.running
    with demo_store.db.read() as session:
        assert len(list(session.scalars(select(PrintLog)))) == 1
    dialog.ops_for_test.shutdown()


def test_main_window_offers_batch_printing(qtbot: Any, demo_store: Any) -> None:
    from desktop.main_window import MainWindow

    window = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇")
    qtbot.addWidget(window)
    menu = menu_titled(window, "打印(&P)")
    action = next(a for a in menu.actions() if a.text().startswith("批量打印"))
    action.trigger()
    assert window.batch_print.isVisible()
    qtbot.waitUntil(lambda: window.batch_print.count_label.text().startswith("共"), timeout=TIMEOUT)
    window.batch_print.close()
    window.close()


def test_other_db_work_goes_on_while_a_batch_paints(qtbot: Any, demo_store: Any, tmp_path: Path) -> None:
    """Issue 16 item 2: the batch runs on the pool and reads/logs each document in short DB ops,
    so a screen's DB op asked for mid-batch is answered before the batch ends."""
    from desktop.print_service import PagePainter, PrintService

    painting, go_on = threading.Event(), threading.Event()
    threads: list[str] = []

    class SlowPainter(PagePainter):
        def paint(self, pdf: bytes, copies: int = 1) -> int:
            threads.append(threading.current_thread().name)
            painting.set()
            go_on.wait(TIMEOUT / 1000)  # the first document is still being painted ...
            return super().paint(pdf, copies)

    import desktop.print_service as print_service

    with demo_store.db.read() as session:
        clerk_id = session.scalar(select(Clerk.id).where(Clerk.login == "dayin"))
    out = tmp_path / "interleaved.pdf"
    dialog = _dialog(qtbot, demo_store, out, PrintService(demo_store.db, clerk_id))
    _choose(qtbot, dialog, "receipt", 14)
    qtbot.waitUntil(lambda: len(dialog.all_cases) == 3, timeout=TIMEOUT)
    from PySide6.QtCore import Qt

    original = print_service.PagePainter
    print_service.PagePainter = SlowPainter  # type: ignore[misc]
    try:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        assert painting.wait(TIMEOUT / 1000)
        answers: list[int] = []

        def count_logged() -> int:
            with demo_store.db.read() as session:
                return len(list(session.scalars(select(PrintLog))))

        dialog.ops_for_test.run(count_logged, answers.append)  # ... and the DB executor is free
        qtbot.waitUntil(lambda: answers == [0], timeout=TIMEOUT)
        assert dialog.running
        with qtbot.waitSignal(dialog.batch_finished, timeout=TIMEOUT) as blocker:
            go_on.set()
    finally:
        print_service.PagePainter = original  # type: ignore[misc]
    assert len(blocker.args[0].printed) == 3 and _pages(out) == 3
    assert threads and all(name.startswith("task-pool") for name in threads)  # painted on the pool
    with demo_store.db.read() as session:
        assert len(list(session.scalars(select(PrintLog)))) == 3
    dialog.ops_for_test.shutdown()
