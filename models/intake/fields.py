"""The intake form as data: catalog fields flattened into rows, validated as typed, conditions.

Qt-free. Values are text as the clerk typed them (that is what a draft saves, so nothing typed
is ever lost); ``validate_field`` returns the normalised value to store or raises
``ValidationError`` with a code that desktop/messages turns into Chinese. Booleans are stored
as 是/否 (what printing reads) and turned into ``bool`` for the catalog's conditions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from models.catalog import FieldType, ItemField, ServiceItem
from models.catalog.item import split_multi
from models.errors import ValidationError
from models.validation import (
    FOREIGN_PERMIT,
    HMT_PERMIT,
    RESIDENT_CARD,
    IdInfo,
    check_bank_card,
    check_foreign_number,
    check_hmt_permit_number,
    check_id_number,
    check_identity_number,
    check_phone,
    check_region_code,
    check_uscc,
    document_name,
    parse_date,
    parse_money,
)

YES, NO = "是", "否"
#: id_type values under which a 证件号码 is a 居民身份证 number (checked with GB 11643).
RESIDENT_ID_TYPES = frozenset({"身份证", "居民身份证"})
#: id_type values of a 外国人永久居留身份证 (the catalog's option, quoting the seeds, is
#: 外国人永久居留证; the card's own name is 外国人永久居留身份证): checked by its rule.
FOREIGN_PERMIT_TYPES = frozenset({"外国人永久居留证", "外国人永久居留身份证"})
#: id_type values of a 港澳台居民居住证: a GB 11643 number of 810000/820000/830000.
HMT_PERMIT_TYPES = frozenset({"港澳台居民居住证"})
#: The catalog's option for each card (models/validation.py document_name), for a form filled
#: from the identified person.
_ID_TYPE_OF_DOCUMENT = {RESIDENT_CARD: "身份证", HMT_PERMIT: "港澳台居民居住证", FOREIGN_PERMIT: "外国人永久居留证"}


def check_document_number(id_type: str, raw: str, today: dt.date | None = None) -> IdInfo | None:
    """The 证件号码 checked by the rule of its 证件类型: GB 11643 for a 居民身份证 (or no type),
    the 外国人永久居留身份证 rules, GB 11643 with the 港澳台 地址码 for a 港澳台居民居住证; None for a
    证件类型 whose number has no rule here (护照, 户口簿, 通行证...: kept as typed)."""
    id_type = id_type.strip()
    if id_type in RESIDENT_ID_TYPES or not id_type:
        return check_id_number(raw, today)
    if id_type in FOREIGN_PERMIT_TYPES:
        return check_foreign_number(raw, today)
    if id_type in HMT_PERMIT_TYPES:
        return check_hmt_permit_number(raw, today)
    return None


def id_type_of_number(number: str) -> str:
    """The catalog's 证件类型 for an identified person's number: 港澳台居民居住证 for the
    810000/820000/830000 numbers, 外国人永久居留证 for the foreigners', else 身份证."""
    return _ID_TYPE_OF_DOCUMENT[document_name(number)] if number else ""


@dataclass(frozen=True)
class FormRow:
    """One input of the generated form: a field, or a part of a group field."""

    key: str
    label: str
    type: FieldType
    required: bool
    options: tuple[str, ...]
    open_options: bool
    #: the group's label when this is a part (证件类型及号码), else ""
    group: str
    group_key: str
    note: str
    field: ItemField

    @property
    def is_boolean(self) -> bool:
        return self.type is FieldType.BOOLEAN


def form_rows(item: ServiceItem) -> list[FormRow]:
    """Every input of ``item`` in catalog order; a group's parts follow its label."""
    rows: list[FormRow] = []

    def add(f: ItemField, group: ItemField | None) -> None:
        if f.type is FieldType.GROUP:
            for part in f.parts:
                add(part, f)
            return
        rows.append(
            FormRow(
                key=f.key,
                label=f.label,
                type=f.type,
                required=f.required and (group is None or group.required),
                options=tuple(f.options),
                open_options=f.open_options,
                group=group.label if group else "",
                group_key=group.key if group else "",
                note=f.note or (group.note if group and group.note else "") or "",
                field=f,
            )
        )

    for f in item.fields:
        add(f, None)
    return rows


def is_visible(row: FormRow, values: Mapping[str, str], item: ServiceItem) -> bool:
    """A conditional field shows once its condition holds (unknown → hidden)."""
    cond = row.field.condition
    if cond is None:
        return True
    return bool(cond.holds(item.typed_values(values)))


def validate_field(row: FormRow, raw: str, values: Mapping[str, str], today: dt.date | None = None) -> str:
    """The value to store for ``raw`` (normalised), or ValidationError; empty required → error."""
    text = (raw or "").strip()
    if not text:
        if row.required:
            raise ValidationError("intake.required", label=row.label)
        return ""
    kind = row.type
    if kind is FieldType.ID_NUMBER:
        # The applicant's 证件号码 as identified at the counter: a 外国人永久居留身份证 number read on
        # the ID card reader is checked by its own rule (models/validation.py check_identity_number).
        return check_identity_number(text, today).number
    if kind is FieldType.DOCUMENT_NUMBER:
        info = check_document_number(_sibling_type(row, values), text, today)
        return info.number if info is not None else text
    if kind is FieldType.USCC:
        return check_uscc(text)
    if kind is FieldType.UNIT_CODE:
        return check_uscc(text) if len(text) == 18 else _unit_code(text)
    if kind is FieldType.DATE:
        return parse_date(text).isoformat()
    if kind is FieldType.MONEY:
        return str(parse_money(text))
    if kind is FieldType.INTEGER:
        if not text.isdigit():
            raise ValidationError("intake.bad_integer", label=row.label)
        return str(int(text))
    if kind is FieldType.NUMBER:
        try:
            return str(Decimal(text))
        except InvalidOperation:
            raise ValidationError("intake.bad_number", label=row.label) from None
    if kind is FieldType.ENUM:
        if text not in row.options and not row.open_options:
            raise ValidationError("intake.bad_option", label=row.label, options="、".join(row.options))
        return text
    if kind is FieldType.MULTI_ENUM:
        parts = split_multi(text)
        bad = [p for p in parts if p not in row.options]
        if bad and not row.open_options:
            raise ValidationError("intake.bad_option", label=row.label, options="、".join(row.options))
        return "、".join(parts)
    if kind is FieldType.BOOLEAN:
        if text in (YES, "true", "1", "y", "Y"):
            return YES
        if text in (NO, "false", "0", "n", "N"):
            return NO
        raise ValidationError("intake.bad_boolean", label=row.label)
    if kind is FieldType.REGION_CODE:
        return check_region_code(text)
    if kind is FieldType.POSTAL_CODE:
        if not (len(text) == 6 and text.isdigit()):
            raise ValidationError("intake.bad_postal_code")
        return text
    if kind is FieldType.BANK_ACCOUNT:
        return check_bank_card(text)
    if kind is FieldType.PHONE:
        return check_phone(text)
    return text  # text, textarea, address, file (a description of what was handed over)


def _sibling_type(row: FormRow, values: Mapping[str, str]) -> str:
    """The id_type next to a 证件号码 in its group (legal_rep_id_type for legal_rep_id_number)."""
    prefix = row.key[: -len("number")] if row.key.endswith("number") else ""
    for key in (prefix + "type", "id_type"):
        if key in values:
            return (values.get(key) or "").strip()
    return ""


def _unit_code(text: str) -> str:
    if not text.isalnum() or len(text) > 30:
        raise ValidationError("intake.bad_unit_code")
    return text.upper()


def validate_form(
    item: ServiceItem, values: Mapping[str, str], today: dt.date | None = None
) -> tuple[dict[str, str], dict[str, ValidationError]]:
    """(normalised values, errors by key) for every visible field; hidden fields are dropped."""
    clean: dict[str, str] = {}
    errors: dict[str, ValidationError] = {}
    for row in form_rows(item):
        if not is_visible(row, values, item):
            continue
        try:
            value = validate_field(row, values.get(row.key, ""), values, today)
        except ValidationError as exc:
            errors[row.key] = exc
            continue
        if value:
            clean[row.key] = value
    return clean, errors


def identity_defaults(item: ServiceItem, identity: Mapping[str, str]) -> dict[str, str]:
    """Sensible defaults from the identified person for the fields this item has."""
    keys = {row.key for row in form_rows(item)}
    out: dict[str, str] = {}
    mapping = {
        "name": identity.get("name", ""),
        "id_number": identity.get("id_number", ""),
        "id_type": id_type_of_number(identity.get("id_number", "")),
        "birth_date": identity.get("birth_date", ""),
        "gender": identity.get("gender", ""),
        "phone": identity.get("phone", ""),
    }
    for key, value in mapping.items():
        if key in keys and value:
            out[key] = value
    return out
