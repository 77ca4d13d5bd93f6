"""The materials checklist resolved from the catalog for the values typed so far (Qt-free).

A conditional material (委托办理 → 授权委托书) joins the checklist once its condition holds and
is marked ``not_applicable`` when it stops holding; alternatives (医保电子凭证或有效身份证件或
社保卡) are satisfied by any one of them, and the identification path can tick one itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from models.catalog import Material, ServiceItem

#: How a person was identified → the alternative it satisfies in an identity material.
IDENTITY_ALTERNATIVES = {
    "card": "社保卡",
    "evoucher": "医保电子凭证",
    "typed": "有效身份证件",
    "id_reader": "有效身份证件",
    "id_permit": "有效身份证件",
    "keyboard_reader": "有效身份证件",
}

#: A resident ID card read and verified on the counter's ID card reader ticks the identity
#: material with this label (issue 19 item 1: "a read ticks the identity material as
#: 身份证原件（读卡器核验）"); it stands for the catalog alternative 有效身份证件. A 居住证 or 永居证
#: read on the reader (``id_permit``) ticks the catalog's own 有效身份证件.
ID_READER_LABEL = "身份证原件（读卡器核验）"

STATUS_LABELS = {
    "received": "已收取",
    "missing": "未收取",
    "deferred": "容缺",
    "not_applicable": "不适用",
}


@dataclass(frozen=True)
class ChecklistLine:
    key: str
    name: str
    alternatives: tuple[str, ...]
    required: bool
    #: True: needed for these values; False: its condition does not hold; None: not known yet
    applies: bool | None
    condition_text: str
    deficiency_allowed: bool
    promise_substitute: str
    photo_required: bool
    original_required: bool
    note: str

    @property
    def needed(self) -> bool:
        return self.required and self.applies is True


def _line(m: Material, values: Mapping[str, object]) -> ChecklistLine:
    applies: bool | None = True if m.condition is None else m.condition.holds(values)
    return ChecklistLine(
        key=m.key,
        name=m.name,
        alternatives=tuple(m.alternatives),
        required=m.required,
        applies=applies,
        condition_text=m.condition_text or "",
        deficiency_allowed=m.deficiency_allowed,
        promise_substitute=m.promise_substitute or "",
        photo_required=m.photo_required,
        original_required=m.original_required,
        note=m.note or "",
    )


def resolve_checklist(item: ServiceItem, values: Mapping[str, str]) -> list[ChecklistLine]:
    """Every material of the item with whether it applies to these field values."""
    typed = item.typed_values(values)
    return [_line(m, typed) for m in item.materials]


@dataclass(frozen=True)
class ChecklistPlan:
    """How to bring a case's material entries in line with its current values."""

    add: tuple[ChecklistLine, ...]
    #: keys whose condition no longer holds: set to not_applicable
    drop: tuple[str, ...]
    #: keys that apply again after having been set not_applicable: set back to missing
    revive: tuple[str, ...]


def plan_checklist(
    item: ServiceItem, values: Mapping[str, str], statuses: Mapping[str, str]
) -> ChecklistPlan:
    """``statuses``: the case's current material_key → status."""
    add: list[ChecklistLine] = []
    drop: list[str] = []
    revive: list[str] = []
    for line in resolve_checklist(item, values):
        current = statuses.get(line.key)
        if line.needed:
            if current is None:
                add.append(line)
            elif current == "not_applicable":
                revive.append(line.key)
        elif current is not None and current != "not_applicable" and line.applies is False:
            drop.append(line.key)
        elif current is None and not line.required and line.applies is True:
            add.append(line)  # optional materials are listed so they can be ticked
    return ChecklistPlan(tuple(add), tuple(drop), tuple(revive))


def missing_required(item: ServiceItem, values: Mapping[str, str], statuses: Mapping[str, str]) -> list[ChecklistLine]:
    """Needed materials not received yet (the 一次性告知书 lists all of them at once)."""
    return [
        line
        for line in resolve_checklist(item, values)
        if line.needed and statuses.get(line.key, "missing") in ("missing", "deferred")
    ]


def deficiency_possible(missing: list[ChecklistLine]) -> bool:
    """容缺受理 only when every missing material allows it (a 个人承诺书 stands in)."""
    return bool(missing) and all(line.deficiency_allowed for line in missing)


def identity_alternative(line: ChecklistLine, identified_by: str) -> str | None:
    """The alternative the identification itself satisfies (e.g. 社保卡 read at the counter)."""
    wanted = IDENTITY_ALTERNATIVES.get(identified_by)
    # A typed ID number is not a document the clerk has seen: 有效身份证件 is never auto-ticked.
    if wanted and wanted in line.alternatives and identified_by != "typed":
        return ID_READER_LABEL if identified_by == "id_reader" else wanted
    return None
