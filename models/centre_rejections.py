"""Cases the centre sent back by sync, and why, in the clerk's words (Qt-free).

sync/engine.py ``_store_acks`` stores the hub's answer in ``sync_batch_item`` and opens a new
draft revision through ``sync.records.reopen_rejected``. This module reads those answers: which
cases still need the clerk (the open draft to fix, or the rejected revision itself), the
rejection behind one case, and its reason naming the field or material by its catalog label.
The case desk's 被中心退回 list (models/case_lists.py) and the case detail
(models/case_views.py) both show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.catalog.for_case import item_for
from models.lifecycle import CaseState
from models.orm import Case, SyncBatchItem

#: The hub's rejection codes (sync protocol) in the clerk's words; its free text follows.
REASON_TEXT = {
    "material.file_missing": "材料文件未收到或已损坏，请重新拍照或上传",
    "field.invalid": "信息填写不正确",
    "case.foreign": "办件不属于本服务点",
}


@dataclass(frozen=True)
class CentreRejection:
    """The hub's answer that sent a case back (one ``sync_batch_item`` row)."""

    rejected_uuid: str
    reopened_uuid: str | None
    reason_code: str
    field: str | None
    material: str | None
    reason: str

    def text(self, field_label: str | None = None, material_name: str | None = None) -> str:
        where = []
        if self.field:
            where.append(f"字段“{field_label or self.field}”")
        if self.material:
            where.append(f"材料“{material_name or self.material}”")
        head = REASON_TEXT.get(self.reason_code) or self.reason or self.reason_code
        return f"中心退回：{head}" + (f"（请更正{'、'.join(where)}）" if where else "")


def rejected_by_centre(session: Session, limit: int = 2000) -> list[tuple[Case, CentreRejection]]:
    """Cases sent back by the centre that still need the clerk: the reopened draft (while it is
    open) or, if none was opened, the rejected revision itself."""
    items = list(
        session.scalars(
            select(SyncBatchItem).where(SyncBatchItem.result == "rejected").order_by(SyncBatchItem.id.desc())
        )
    )
    out: list[tuple[Case, CentreRejection]] = []
    seen: set[str] = set()
    for item in items:
        if item.case_uuid in seen:
            continue
        seen.add(item.case_uuid)
        rejection = _rejection(item)
        target_uuid = item.reopened_uuid or _reopened_from(session, item.case_uuid) or item.case_uuid
        case = session.scalar(select(Case).where(Case.uuid == target_uuid))
        if case is None or not case.state.is_open:
            continue  # fixed and resubmitted, or closed meanwhile
        if case.uuid != item.case_uuid and _resubmitted(session, case):
            continue
        out.append((case, rejection))
        if len(out) >= limit:
            break
    return out


def rejection_for(session: Session, case: Case) -> CentreRejection | None:
    """The centre's rejection behind ``case`` (a reopened draft) or of ``case`` itself."""
    item = session.scalar(
        select(SyncBatchItem)
        .where(
            SyncBatchItem.result == "rejected",
            or_(SyncBatchItem.reopened_uuid == case.uuid, SyncBatchItem.case_uuid == case.uuid),
        )
        .order_by(SyncBatchItem.id.desc())
        .limit(1)
    )
    if item is None and case.parent_uuid:
        item = session.scalar(
            select(SyncBatchItem)
            .where(SyncBatchItem.result == "rejected", SyncBatchItem.case_uuid == case.parent_uuid)
            .order_by(SyncBatchItem.id.desc())
            .limit(1)
        )
    return None if item is None else _rejection(item)


def _rejection(item: SyncBatchItem) -> CentreRejection:
    return CentreRejection(
        item.case_uuid, item.reopened_uuid, item.reason_code or "", item.field, item.material, item.reason or ""
    )


def rejection_note(case: Case, rejection: CentreRejection) -> str:
    """The reason with the field's catalog label and the material's name where they are known."""
    field_label = material_name = None
    try:
        item = item_for(case)
        if rejection.field and (f := item.field(rejection.field)) is not None:
            field_label = f.label
        if rejection.material:
            material_name = next((m.name for m in item.materials if m.key == rejection.material), None)
    except Exception:  # an item no longer in the catalog: the keys are still shown
        pass
    return rejection.text(field_label, material_name)


def _reopened_from(session: Session, parent_uuid: str) -> str | None:
    return session.scalar(
        select(Case.uuid).where(Case.parent_uuid == parent_uuid).order_by(Case.revision.desc()).limit(1)
    )


def _resubmitted(session: Session, case: Case) -> bool:
    """A reopened draft that the clerk accepted again has left the list (it is no longer a draft)."""
    return case.state is not CaseState.DRAFT and case.state is not CaseState.SUPPLEMENT
