"""Checking every row of a batch file against the catalog item (pure: no DB, no Qt).

Each row goes through the same field validation as the counter's form
(``models.intake.fields.validate_form``: required fields, enumerations, dates, money, phone,
bank account, the ID number's length, birth date, region and check digit), plus what only a
list can get wrong: the same person twice in the file, a cell Excel had rounded, a 证件类型
whose number has no check (护照, 户口簿…: a batch identifies people by a checked number only;
居民身份证, 港澳台居民居住证 and 外国人永久居留证 rows are checked by their own rule), 出生日期 or
性别 contradicting the ID number. Every error of every row is collected; nothing stops at the first.
What the database knows (already imported, an open case) is passed in by models/batch_import/
importer.py.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from models.batch_import.columns import DERIVED_KEYS, ID_KEY, NAME_KEY, Column, HeaderMap
from models.batch_import.reader import RawTable
from models.catalog import FieldType, ServiceItem
from models.errors import ValidationError
from models.intake.fields import (
    FOREIGN_PERMIT_TYPES,
    HMT_PERMIT_TYPES,
    RESIDENT_ID_TYPES,
    check_document_number,
    id_type_of_number,
    validate_form,
)
from models.masking import mask_id_list, mask_name
from models.validation import (
    IdInfo,
    check_identity_number,
    check_name,
    foreign_birth_dates,
    looks_like_id_number,
    normalise_id,
    parse_date,
)

MAX_CELL_CHARS = 500
#: Field types whose text is folded to half-width (full-width digits in an ID number, a date).
_FOLDED_TYPES = frozenset(
    {
        FieldType.ID_NUMBER,
        FieldType.DOCUMENT_NUMBER,
        FieldType.DATE,
        FieldType.MONEY,
        FieldType.PHONE,
        FieldType.BANK_ACCOUNT,
        FieldType.INTEGER,
        FieldType.NUMBER,
        FieldType.POSTAL_CODE,
        FieldType.REGION_CODE,
        FieldType.USCC,
        FieldType.UNIT_CODE,
    }
)

#: 证件类型 a batch row may carry: those whose number has a check and identifies the person at the
#: counter (models/intake/service.py remember_person). A 护照 or 户口簿 number has no check and is
#: no person's key here, even though the item's form takes it as free text: refused.
BATCH_ID_TYPES = RESIDENT_ID_TYPES | FOREIGN_PERMIT_TYPES | HMT_PERMIT_TYPES

VALID, INVALID, IMPORTED, CREATED = "valid", "invalid", "imported", "created"


@dataclass(frozen=True)
class RowError:
    row: int
    #: the column's header as in the template ("" for the row as a whole)
    column: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class RowOutcome:
    row: int
    status: str
    errors: list[RowError] = field(default_factory=list)
    #: the case created from this row now, or earlier by the same file (re-import)
    case_no: str = ""
    #: for the clerk's table: 张** 522701********1234 (never the full data)
    applicant: str = ""
    #: normalised field values to store (valid rows only; not for display or logs)
    values: dict[str, str] = field(default_factory=dict, repr=False)
    identity: dict[str, str] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class KnownCases:
    """What the station already has, for the rows' duplicate guards."""

    #: row number → case number created from this very file earlier (idempotent re-import)
    imported_rows: Mapping[int, str]
    #: ID number → open case numbers of the same item (the counter's duplicate guard)
    open_by_id: Mapping[str, list[str]]
    #: ID number → the name this station already has for it (a list must not rename people)
    names_by_id: Mapping[str, str] = field(default_factory=dict)


def _clean_cell(text: str, col: Column) -> str:
    value = text.replace("\u3000", " ").strip()
    if col.row.type in _FOLDED_TYPES:
        value = unicodedata.normalize("NFKC", value).replace(" ", "")
    elif col.row.options and value not in col.row.options:
        folded = unicodedata.normalize("NFKC", value)
        for option in col.row.options:
            if unicodedata.normalize("NFKC", option) == folded:
                return option
    return value


def _bad_characters(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") for ch in text)


def check_rows(
    item: ServiceItem,
    table: RawTable,
    header: HeaderMap,
    known: KnownCases,
    today: dt.date,
) -> list[RowOutcome]:
    """One outcome per non-empty data row, in file order."""
    outcomes: list[RowOutcome] = []
    first_row_of: dict[str, int] = {}
    columns = {col.key: col for col in header.by_index.values()}
    for row_no, cells in table.rows:
        if row_no <= header.row_no or not any(c.strip() for c in cells):
            continue
        outcomes.append(_check_row(item, table, header, known, today, row_no, cells, first_row_of, columns))
    return outcomes


def _check_row(
    item: ServiceItem,
    table: RawTable,
    header: HeaderMap,
    known: KnownCases,
    today: dt.date,
    row_no: int,
    cells: list[str],
    first_row_of: dict[str, int],
    columns: dict[str, Column],
) -> RowOutcome:
    errors: list[RowError] = []
    values: dict[str, str] = {}
    bad_cells: set[str] = set()
    for index, col in header.by_index.items():
        raw = cells[index] if index < len(cells) else ""
        if (row_no, index) in table.lossy:
            errors.append(RowError(row_no, col.header, "batch.number_rounded"))
            bad_cells.add(col.key)
            continue
        if len(raw) > MAX_CELL_CHARS:
            errors.append(RowError(row_no, col.header, "batch.cell_too_long", {"limit": MAX_CELL_CHARS}))
            bad_cells.add(col.key)
            continue
        if _bad_characters(raw):
            errors.append(RowError(row_no, col.header, "batch.bad_characters"))
            bad_cells.add(col.key)
            continue
        values[col.key] = _clean_cell(raw, col)

    outcome = RowOutcome(row_no, INVALID)
    id_col = columns[ID_KEY]
    number = normalise_id(values.get(ID_KEY, ""))
    has_type = "id_type" in _item_keys(item)
    id_type = values.get("id_type", "")
    if has_type:
        if not id_type:  # left empty: the card the number's shape belongs to (身份证 when none)
            values["id_type"] = id_type = id_type_of_number(number) or "身份证"
        elif id_type not in BATCH_ID_TYPES:
            type_header = columns["id_type"].header if "id_type" in columns else "证件类型"
            errors.append(RowError(row_no, type_header, "batch.id_type_unsupported", {"id_type": id_type[:20]}))
            bad_cells |= {"id_type", ID_KEY}  # a passport number is no ID number: one error, not two

    for key in (NAME_KEY, ID_KEY):  # a batch row must say who it is, whatever the item requires
        if key not in bad_cells and not values.get(key, "").strip():
            errors.append(RowError(row_no, columns[key].header, "intake.required", {"label": columns[key].header}))
            bad_cells.add(key)
    info = None
    birth: dt.date | None = None
    if ID_KEY not in bad_cells and number:
        try:
            # the rule of the row's 证件类型; without a 证件类型 column, the rule of the number's kind
            info = check_document_number(id_type, number, today) if has_type else check_identity_number(number, today)
        except ValidationError as exc:
            errors.append(RowError(row_no, id_col.header, exc.code, dict(exc.params)))
            bad_cells.add(ID_KEY)
    if info is not None:
        values[ID_KEY] = info.number
        birth = _birth_of(info, values, columns, today, row_no, errors, bad_cells)
        if birth is not None:
            _derive(values, columns, birth.isoformat(), info.gender, row_no, errors, bad_cells)
    else:  # nothing to derive from: an empty 出生日期/性别 is the ID number's error, reported once
        bad_cells |= {key for key in DERIVED_KEYS if not values.get(key)}

    clean, field_errors = validate_form(item, values, today)
    for key, problem in field_errors.items():
        if key in bad_cells:
            continue  # already reported for this cell, more precisely
        found = columns.get(key)
        header_text = found.header if found else _label(item, key)
        errors.append(RowError(row_no, header_text, problem.code, dict(problem.params)))

    name = values.get(NAME_KEY, "").strip()
    try:
        check_name(name)
    except ValidationError as exc:
        found = columns.get(NAME_KEY)
        errors.append(RowError(row_no, found.header if found else _label(item, NAME_KEY), exc.code, dict(exc.params)))
        bad_cells.add(NAME_KEY)
        name = ""
    outcome.applicant = mask_name(name)
    if info is not None:
        outcome.applicant = f"{mask_name(name)} {mask_id_list(info.number)}".strip()
        known_name = known.names_by_id.get(info.number)
        if name and known_name and known_name != name and NAME_KEY not in bad_cells:
            errors.append(
                RowError(row_no, columns[NAME_KEY].header, "batch.name_mismatch", {"known": mask_name(known_name)})
            )
        earlier = first_row_of.setdefault(info.number, row_no)
        if earlier != row_no:
            errors.append(RowError(row_no, id_col.header, "batch.duplicate_in_file", {"first_row": earlier}))
    if row_no in known.imported_rows:
        outcome.status, outcome.case_no = IMPORTED, known.imported_rows[row_no]
        return outcome
    if info is not None and known.open_by_id.get(info.number):
        open_no = known.open_by_id[info.number][0]
        errors.append(RowError(row_no, id_col.header, "batch.open_case", {"case_no": open_no, "item": item.name}))

    outcome.errors = errors
    if errors or info is None or birth is None:
        return outcome
    outcome.status = VALID
    outcome.values = clean
    outcome.identity = {
        "id_number": info.number,
        "name": name,
        # a 2017 永居证 number carries no gender: the list's own 性别, or none (never guessed)
        "gender": info.gender or clean.get("gender", ""),
        "birth_date": birth.isoformat(),
        "phone": clean.get("phone", ""),
    }
    return outcome


def _birth_of(
    info: IdInfo,
    values: dict[str, str],
    columns: dict[str, Column],
    today: dt.date,
    row_no: int,
    errors: list[RowError],
    bad_cells: set[str],
) -> dt.date | None:
    """The birth date the number says. A 2017 外国人永久居留身份证 number may be read two ways
    (models/validation.py check_foreign_number): the list's 出生日期 must be one of them and is
    taken; with none given and two readings, the row is refused rather than a date guessed."""
    if info.kind != "foreign_2017":
        return info.birth_date
    readings = foreign_birth_dates(info.number, today)
    given = values.get("birth_date", "")
    if given:
        try:
            day = parse_date(given)
        except ValidationError:
            return None  # validate_form reports the bad date
        if day not in readings:
            errors.append(RowError(row_no, columns["birth_date"].header, "batch.birth_date_mismatch"))
            bad_cells.add("birth_date")
            return None
        return day
    if len(readings) == 1:
        return readings[0]
    found = columns.get("birth_date") or columns[ID_KEY]
    errors.append(
        RowError(
            row_no,
            found.header,
            "batch.birth_date_ambiguous",
            {"first": readings[0].isoformat(), "second": readings[1].isoformat()},
        )
    )
    bad_cells.add(found.key)
    return None


def _derive(
    values: dict[str, str],
    columns: dict[str, Column],
    birth: str,
    gender: str,
    row_no: int,
    errors: list[RowError],
    bad_cells: set[str],
) -> None:
    """Fill 出生日期/性别 from the ID number, or check the given ones against it."""
    given_birth = values.get("birth_date", "")
    if not given_birth:
        values["birth_date"] = birth
    elif "birth_date" not in bad_cells:
        try:
            if parse_date(given_birth).isoformat() != birth:
                errors.append(RowError(row_no, columns["birth_date"].header, "batch.birth_date_mismatch"))
                bad_cells.add("birth_date")
        except ValidationError:
            pass  # validate_form reports the bad date
    given_gender = values.get("gender", "")
    if not gender:  # the number does not say (2017 永居证): the list's 性别 stands, unchecked
        return
    if not given_gender:
        values["gender"] = gender
    elif given_gender != gender and "gender" in columns:
        errors.append(RowError(row_no, columns["gender"].header, "batch.gender_mismatch"))
        bad_cells.add("gender")


def _item_keys(item: ServiceItem) -> set[str]:
    return {f.key for f in item.all_fields()}


def _label(item: ServiceItem, key: str) -> str:
    f = item.field(key)
    return f.label if f else key


def candidate_ids(table: RawTable, header: HeaderMap) -> set[str]:
    """The ID numbers in the file's ID column (normalised, unchecked), to look their people up."""
    index = next((i for i, col in header.by_index.items() if col.key == ID_KEY), None)
    if index is None:
        return set()
    out = set()
    for row_no, cells in table.rows:
        if row_no > header.row_no and index < len(cells):
            number = normalise_id(unicodedata.normalize("NFKC", cells[index]))
            if len(number) == 18 or (len(number) == 15 and looks_like_id_number(number) and number[0].isalpha()):
                out.add(number)  # a 公民身份号码, a 2023 or a 2017 (3 letters + 12 digits) 永居证 number
    return out
