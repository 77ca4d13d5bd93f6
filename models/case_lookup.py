"""Finding a case by its number, and the material entries of a case.

Every screen and command that acts on one case starts here: intake and submission, the case
detail, printing, material export, batch import.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.errors import UserFacingError
from models.numbering import format_case_no, parse_case_no
from models.orm import Case, MaterialEntry


def find_case(session: Session, case_no: str) -> Case:
    """The case by its number (normalised); ``case.not_found`` when there is none."""
    code, day, serial = parse_case_no(case_no)
    case = session.scalar(select(Case).where(Case.case_no == format_case_no(code, day, serial)))
    if case is None:
        raise UserFacingError("case.not_found", case_no=case_no)
    return case


def material_entries(session: Session, case: Case) -> list[MaterialEntry]:
    """The case's material checklist rows, in the order they were planned."""
    return list(
        session.scalars(select(MaterialEntry).where(MaterialEntry.case_id == case.id).order_by(MaterialEntry.id))
    )
