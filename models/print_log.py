"""The database side of printing: loading a case for a document, and the print log.

Every print and reprint is one ``PrintLog`` row (who, when, which document, copies, the PDF's
sha256). A reprint's reason is required; the ``print_log`` table has no column for it yet
(a new Alembic revision is needed), so it travels in the PDF footer and watermark only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import clock
from models.errors import UserFacingError, ValidationError
from models.lifecycle import Action
from models.numbering import format_case_no, parse_case_no
from models.orm import Case, Clerk, MaterialEntry, PrintLog

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintRecord:
    case_no: str | None
    document: str
    clerk: str | None
    at: dt.datetime
    copies: int
    reprint: bool
    sha256: str | None


def find_case(session: Session, case_no: str) -> Case:
    """The case by its number (normalised); ``case.not_found`` when there is none."""
    code, day, serial = parse_case_no(case_no)
    case = session.scalar(select(Case).where(Case.case_no == format_case_no(code, day, serial)))
    if case is None:
        raise UserFacingError("case.not_found", case_no=case_no)
    return case


def material_entries(session: Session, case: Case) -> list[MaterialEntry]:
    return list(
        session.scalars(select(MaterialEntry).where(MaterialEntry.case_id == case.id).order_by(MaterialEntry.id))
    )


def acting_clerk(case: Case, action: Action) -> Clerk | None:
    """The clerk of the latest event of ``action`` (who accepted, who refused), else the creator."""
    for event in reversed(case.events):
        if event.action == action.value and event.clerk is not None:
            return event.clerk
    return case.created_by


def event_reason(case: Case, action: Action) -> str | None:
    for event in reversed(case.events):
        if event.action == action.value:
            return event.reason
    return None


def was_printed(session: Session, case_id: int | None, document: str) -> bool:
    if case_id is None:
        return False
    query = select(PrintLog.id).where(PrintLog.case_id == case_id, PrintLog.document == document).limit(1)
    return session.scalar(query) is not None


def record_print(
    session: Session,
    *,
    document: str,
    pdf: bytes,
    case_id: int | None = None,
    clerk_id: int | None = None,
    copies: int = 1,
    reprint_reason: str | None = None,
    at: dt.datetime | None = None,
) -> PrintLog:
    """Log one print job. A document printed before for the same case is a reprint and needs a reason."""
    if copies < 1:
        raise ValidationError("print.bad_copies", copies=copies)
    reprint = was_printed(session, case_id, document)
    if reprint and not (reprint_reason or "").strip():
        raise ValidationError("print.reprint_reason_required", document=document)
    row = PrintLog(
        case_id=case_id,
        document=document,
        clerk_id=clerk_id,
        at=at or clock.now(),
        copies=copies,
        reprint=reprint or bool(reprint_reason),
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    session.add(row)
    session.flush()
    logger.info("printed %s (case id %s, copies %d, reprint %s)", document, case_id, copies, row.reprint)
    return row


def print_history(session: Session, case_id: int) -> list[PrintRecord]:
    rows = session.scalars(select(PrintLog).where(PrintLog.case_id == case_id).order_by(PrintLog.at, PrintLog.id))
    out = []
    for r in rows:
        clerk = session.get(Clerk, r.clerk_id) if r.clerk_id else None
        case = session.get(Case, r.case_id) if r.case_id else None
        out.append(
            PrintRecord(
                case.case_no if case else None,
                r.document,
                clerk.login if clerk else None,
                r.at,
                r.copies,
                r.reprint,
                r.sha256,
            )
        )
    return out
