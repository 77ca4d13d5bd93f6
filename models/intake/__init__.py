"""The counter's intake as Qt-free logic: form rows and validation from the catalog, conditions,
materials resolution, draft snapshots, the pinyin item index, and the DB services the
screens run as ops (see docs/counter.md)."""

from __future__ import annotations

from models.intake.checklist import ChecklistLine, missing_required, resolve_checklist
from models.intake.draft import DraftSnapshot, Identity
from models.intake.fields import FormRow, form_rows, is_visible, validate_field, validate_form
from models.intake.item_index import ItemHit, ItemIndex, Usage

__all__ = [
    "ChecklistLine",
    "DraftSnapshot",
    "FormRow",
    "Identity",
    "ItemHit",
    "ItemIndex",
    "Usage",
    "form_rows",
    "is_visible",
    "missing_required",
    "resolve_checklist",
    "validate_field",
    "validate_form",
]
