"""The stored pages of one material of one case, read back verified, for export as one PDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.case_lookup import find_case
from models.errors import UserFacingError
from models.media import read_verified
from models.orm import MaterialEntry
from models.permissions import Permission, require


@dataclass(frozen=True)
class MaterialPageSet:
    case_no: str
    material_key: str
    name: str
    #: Page bytes in page order (decrypted and hash-verified).
    pages: list[bytes]


def export_material(
    session: Session, media_root: Path, case_no: str, material_key: str, clerk: Any | None
) -> MaterialPageSet:
    """Every stored page of the material, in page order, for a file leaving the station: the
    clerk needs the export permission and the export is audited (in the caller's write
    transaction).

    ``material.not_in_case`` when the case has no such checklist line, ``material.no_pages`` when
    nothing was photographed or attached for it; a damaged file fails ``read_verified``.
    """
    case = find_case(session, case_no)
    entry = session.scalar(
        select(MaterialEntry).where(MaterialEntry.case_id == case.id, MaterialEntry.material_key == material_key)
    )
    if entry is None:
        raise UserFacingError("material.not_in_case", case_no=case.case_no, material=material_key)
    images = [f for f in entry.files if f.mime.startswith("image/")]
    if not images:
        raise UserFacingError("material.no_pages", case_no=case.case_no, material=entry.name)
    require(clerk, Permission.EXPORT)
    pages = [read_verified(media_root, f.sha256) for f in sorted(images, key=lambda f: (f.page_no, f.id))]
    audit.record(
        session,
        "material.export",
        f"case:{case.case_no}",
        clerk=clerk,
        detail={"material": material_key, "pages": len(pages)},
    )
    return MaterialPageSet(case.case_no, material_key, entry.name, pages)


def material_keys(session: Session, case_no: str) -> list[tuple[str, str, int]]:
    """(key, name, page count) of every checklist line of the case, for the CLI's listing."""
    case = find_case(session, case_no)
    entries = session.scalars(select(MaterialEntry).where(MaterialEntry.case_id == case.id).order_by(MaterialEntry.id))
    return [(e.material_key, e.name, len(e.files)) for e in entries]
