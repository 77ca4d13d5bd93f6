"""The columns of a batch file: one per intake field of the catalog item, named by its label.

The headers are the catalog's field labels, which quote the seeds (e.g. 城乡医疗救助参保资助:
姓名、身份证、身份属性、缴费金额、收款人"一卡通"银行账户信息 as 001 lists the 需资助人员信息).
A part of a group (证件类型及号码 → 证件类型, 证件号码) is named by its own label, or by
"group-part" when two groups share a part label. Headers match after folding full-width
characters and spaces (NFKC), dropping quotes and a required marker (``*姓名``, ``姓名(必填)``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from models.catalog import FieldType, ServiceItem
from models.errors import UserFacingError
from models.intake.fields import FormRow, form_rows
from models.spreadsheet import safe_cell, safe_row

#: Fields the importer fills from the ID number (出生日期, 性别) or defaults (证件类型: 身份证, or
#: the permit the number's shape belongs to: models/intake/fields.py id_type_of_number)
#: when the column is absent or the cell empty; a given value is checked against the ID number.
DERIVED_KEYS = frozenset({"birth_date", "gender", "id_type"})
#: The keys that identify the applicant; an item without them is not a personal item.
NAME_KEY, ID_KEY = "name", "id_number"

_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』")
_SPACE = re.compile(r"\s+")
_MARKERS = re.compile(r"^[*＊]+|[*＊]+$|\((必填|选填|必录|选录|可选)\)$")


def normalise_header(text: str) -> str:
    value = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES)
    value = _SPACE.sub("", value)
    for _ in range(2):  # "*姓名(必填)": both markers
        value = _MARKERS.sub("", value)
    return value.lower()


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    row: FormRow
    aliases: frozenset[str]

    @property
    def required_in_file(self) -> bool:
        return (self.row.required or self.key in (NAME_KEY, ID_KEY)) and self.key not in DERIVED_KEYS

    def describe(self) -> str:
        """Format hint for the template's notes (Chinese: it is shown to the clerk)."""
        kind = self.row.type
        if self.row.options:
            sep = "、" if kind is FieldType.MULTI_ENUM else "或"
            hint = "填写" + sep.join(self.row.options)
            if kind is FieldType.MULTI_ENUM:
                hint += "（可多选，用顿号分隔）"
        else:
            hint = _TYPE_HINTS.get(kind, "")
        if self.key in DERIVED_KEYS:
            hint = (hint + "；" if hint else "") + "可不填，按证件号码自动填写"
        return hint


_TYPE_HINTS: dict[FieldType, str] = {
    FieldType.ID_NUMBER: "18位公民身份号码（请设为文本格式）",
    FieldType.DOCUMENT_NUMBER: (
        "居民身份证、港澳台居民居住证填18位号码，外国人永久居留证填15位或18位号码"
        "（批量导入仅支持这三种证件；请设为文本格式）"
    ),
    FieldType.DATE: "日期，如 2026-01-31",
    FieldType.MONEY: "金额（元），最多两位小数",
    FieldType.PHONE: "11位手机号码或带区号的固定电话",
    FieldType.BANK_ACCOUNT: "12至19位银行卡号（请设为文本格式）",
    FieldType.BOOLEAN: "填写是或否",
    FieldType.REGION_CODE: "6、9或12位行政区划代码",
    FieldType.POSTAL_CODE: "6位邮政编码",
    FieldType.INTEGER: "整数",
    FieldType.NUMBER: "数字",
    FieldType.USCC: "18位统一社会信用代码",
}


def item_columns(item: ServiceItem) -> list[Column]:
    """The item's batch columns in catalog order; raises when the item names no applicant."""
    rows = form_rows(item)
    keys = {r.key for r in rows}
    if NAME_KEY not in keys or ID_KEY not in keys:
        raise UserFacingError("batch.item_not_personal", item=item.name)
    label_count = Counter(normalise_header(r.label) for r in rows)
    columns = []
    for r in rows:
        unique = label_count[normalise_header(r.label)] == 1
        header = r.label if unique or not r.group else f"{r.group}-{r.label}"
        aliases = {normalise_header(header), normalise_header(r.key)}
        if r.group:
            aliases |= {normalise_header(r.group + r.label), normalise_header(f"{r.group}-{r.label}")}
        if unique:
            aliases.add(normalise_header(r.label))
        columns.append(Column(r.key, header, r, frozenset(aliases)))
    return columns


@dataclass(frozen=True)
class HeaderMap:
    row_no: int
    #: column index in the file → Column
    by_index: dict[int, Column]
    #: headers in the file that match no field (ignored, reported)
    ignored: tuple[str, ...]


#: How far down a title block above the header row may reach.
HEADER_SEARCH_ROWS = 10


def find_header(rows: list[tuple[int, list[str]]], columns: list[Column]) -> HeaderMap:
    """The header row (the first with at least two known headers, titles above it skipped)."""
    lookup: dict[str, Column] = {}
    for col in columns:
        for alias in col.aliases:
            lookup.setdefault(alias, col)
    wanted = min(2, len(columns))
    for row_no, cells in rows[:HEADER_SEARCH_ROWS]:
        matched = {i: lookup[normalise_header(c)] for i, c in enumerate(cells) if normalise_header(c) in lookup}
        if len(matched) < wanted:
            continue
        seen: dict[str, int] = {}
        for index, col in matched.items():
            if col.key in seen:
                raise UserFacingError("batch.duplicate_column", column=col.header)
            seen[col.key] = index
        missing = [c.header for c in columns if c.required_in_file and c.key not in seen]
        if missing:
            raise UserFacingError("batch.missing_columns", columns="、".join(missing))
        ignored = tuple(c.strip() for i, c in enumerate(cells) if i not in matched and c.strip())
        return HeaderMap(row_no, matched, ignored)
    raise UserFacingError("batch.no_header", columns="、".join(c.header for c in columns if c.required_in_file))


# The template ------------------------------------------------------------------------------


def write_template(item: ServiceItem, out: Path) -> list[str]:
    """Write the header row the import expects (.xlsx, or .csv in UTF-8 with BOM); the headers."""
    columns = item_columns(item)
    headers = [c.header for c in columns]
    if out.suffix.lower() == ".csv":
        import csv

        with out.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerow(safe_row(headers))
        return headers
    if out.suffix.lower() != ".xlsx":
        raise UserFacingError("batch.template_suffix")
    _write_xlsx(item, columns, out)
    return headers


def _write_xlsx(item: ServiceItem, columns: list[Column], out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = re.sub(r"[\[\]:*?/\\]", "", item.name)[:31] or item.code
    required_font = Font(bold=True, color="B00020")
    fill = PatternFill("solid", fgColor="EEF3FA")
    for index, col in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=safe_cell(col.header))
        cell.font = required_font if col.required_in_file else Font(bold=True)
        cell.fill = fill
        note = ("必填。" if col.required_in_file else "选填。") + col.describe()
        cell.comment = Comment(note, "医保通办")
        letter = get_column_letter(index)
        width = max(10, min(40, 2 * len(col.header) + 4))
        sheet.column_dimensions[letter].width = width
        # The whole column as text (a column style Excel applies to what is typed in), so it keeps
        # 18-digit ID numbers and bank accounts as typed instead of rounding them to 15 digits.
        sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("填写说明")
    guide.append(["服务事项", f"{item.name}（{item.code}）"])
    guide.append(["说明", "第一个工作表第1行为列名，请勿修改；从第2行起每行一人。红色列名为必填项。"])
    guide.append([])
    guide.append(["列名", "是否必填", "填写要求"])
    for col in columns:
        guide.append([col.header, "必填" if col.required_in_file else "选填", col.describe()])
    guide.column_dimensions["A"].width = 36
    guide.column_dimensions["C"].width = 60
    book.save(out)
