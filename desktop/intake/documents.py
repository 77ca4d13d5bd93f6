"""Receipts and notices for a case: rendered on the DB worker, previewed in a non-modal window.

Uses printing's public API (``printing.render`` with ``printing.from_case.ADAPTERS``) and
desktop/print_service's ``PreviewDialog``, whose 打印… button logs the print (reprints need a
reason and carry the 补打 watermark).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.print_service import PreviewDialog, PrintJob, PrintService, document_warnings
from models import clock
from models.case_lookup import find_case, material_entries
from models.catalog.for_case import item_for
from models.db import Database
from models.errors import UserFacingError
from models.intake.service import clerk_by_id
from models.lifecycle import CaseState
from models.print_log import was_printed

#: The document a case's state calls for (what 补打 reprints).
DOCUMENT_FOR_STATE = {
    CaseState.SUPPLEMENT: "missing-notice",
    CaseState.REFUSED: "refusal",
}


def document_for(state: CaseState) -> str:
    return DOCUMENT_FOR_STATE.get(state, "receipt")


def render_job(
    db: Database, case_no: str, kind: str | None = None, reprint_reason: str | None = None, clerk_id: int | None = None
) -> PrintJob:
    """Render the case's document (runs on the DB worker: a read and a few ms of reportlab)."""
    from printing import KINDS, render
    from printing.from_case import ADAPTERS, CaseBundle
    from printing.layout import RenderOptions

    with db.read() as session:
        case = find_case(session, case_no)
        which = kind or document_for(case.state)
        if reprint_reason is None and was_printed(session, case.id, which):
            raise UserFacingError("print.reprint_reason_required", document=KINDS[which].title)
        # The documents name the clerk who took the case in (经办人); a reprint names who reprints.
        bundle = CaseBundle(case, material_entries(session, case), item_for(case), clock.today_local())
        reprinter = clerk_by_id(session, clerk_id) if reprint_reason else None
        options = RenderOptions(
            reprint_reason=reprint_reason or None,
            printed_at=clock.now(),
            reprinted_by=reprinter.name if reprinter is not None else None,
        )
        data = ADAPTERS[which](bundle)
        pdf = render(which, data, options)
        title = f"{KINDS[which].title} {case.case_no}"
        return PrintJob(which, title, pdf, case.id, reprint_reason or None, document_warnings(which, data))


def show_preview(parent: QWidget | None, job: PrintJob, service: PrintService) -> PreviewDialog:
    """Open the preview without blocking (a modal dialog would stall the counter and the tests)."""
    dialog = PreviewDialog(job, service, parent)
    dialog.setModal(False)
    dialog.show()
    return dialog
