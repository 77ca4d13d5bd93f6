"""The database side of printing: the print log, and who acted on a case for a document.

Every print and reprint is one ``PrintLog`` row (who, when, which document, copies, the PDF's
sha256, and for a reprint its reason in ``reason``, schema 0004) and, in the same transaction,
one audit entry (``print`` or ``reprint``; target ``case:<case no>/<document>``; detail: document,
copies, reprint, reason; no personal data). A reprint's reason is required and also printed in
the PDF's footer under the 补打 watermark. The clerk's role is checked here, in the core:
printing needs ``Permission.PRINT``, a reprint ``Permission.REPRINT``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit, clock
from models.errors import ValidationError
from models.lifecycle import Action
from models.orm import Case, Clerk, PrintLog
from models.permissions import Permission, require

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
    #: Why it was reprinted (None for a first print, and for rows logged before schema 0004).
    reason: str | None = None


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


def may_reprint(session: Session, clerk_id: int | None) -> bool:
    """Whether the signed-in clerk may reprint, for the GUI to offer 补打 (``record_print`` checks
    again). No clerk: the unprotected demo station, where the system acts."""
    from models.permissions import Permission, clerk_may

    if clerk_id is None:
        return True
    clerk = session.get(Clerk, clerk_id)
    return clerk is not None and clerk_may(clerk, Permission.REPRINT)


def was_printed(session: Session, case_id: int | None, document: str) -> bool:
    if case_id is None:
        return False
    query = select(PrintLog.id).where(PrintLog.case_id == case_id, PrintLog.document == document).limit(1)
    return session.scalar(query) is not None


def check_print_allowed(session: Session, clerk_id: int | None, *, reprint: bool) -> Clerk | None:
    """The clerk (None: the system) if their role may print, or reprint; ``auth.forbidden`` if not."""
    clerk = session.get(Clerk, clerk_id) if clerk_id is not None else None
    require(clerk, Permission.REPRINT if reprint else Permission.PRINT)
    return clerk


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
    """Log one print job and audit it (same transaction). A document printed before for the same
    case is a reprint and needs a reason."""
    if copies < 1:
        raise ValidationError("print.bad_copies", copies=copies)
    reason = (reprint_reason or "").strip() or None
    reprint = was_printed(session, case_id, document)
    if reprint and reason is None:
        raise ValidationError("print.reprint_reason_required", document=document)
    reprint = reprint or reason is not None
    clerk = check_print_allowed(session, clerk_id, reprint=reprint)
    moment = at or clock.now()
    row = PrintLog(
        case_id=case_id,
        document=document,
        clerk_id=clerk_id,
        at=moment,
        copies=copies,
        reprint=reprint,
        sha256=hashlib.sha256(pdf).hexdigest(),
        reason=reason,
    )
    session.add(row)
    session.flush()
    case = session.get(Case, case_id) if case_id is not None else None
    detail: dict[str, object] = {"document": document, "copies": copies, "reprint": reprint}
    if reason is not None:
        detail["reason"] = reason
    target = f"case:{case.case_no}/{document}" if case is not None else f"document:{document}"
    audit.record(session, "reprint" if reprint else "print", target, clerk=clerk, detail=detail, at=moment)
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
                r.reason,
            )
        )
    return out
