"""Reading a batch file into rows of text: CSV (UTF-8 with or without BOM, GBK/GB18030 as Excel
on Chinese Windows saves it, UTF-16 "Unicode text") and .xlsx (openpyxl).

Qt-free and DB-free. Every cell comes back as text exactly as a clerk would read it in Excel:
dates as ISO dates, whole numbers without ``.0``. A number Excel has already rounded (an ID
number typed into a numeric cell keeps only 15 significant digits) is flagged as *lossy*, so
the checker can say why the row is refused instead of reporting a wrong check digit.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from models.errors import UserFacingError

#: Refuse larger files outright (a batch list of a township is a few thousand rows).
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 100
#: What an .xlsx may inflate to, all parts together, checked before openpyxl parses a byte
#: (issue 17 item 10: a 10 MB workbook can hold a 400 MB inline string). 5000 rows of 100
#: columns of text is about 40 MB of sheet XML; a real township list is a few MB.
MAX_XLSX_INFLATED = 64 * 1024 * 1024
#: Excel's numeric precision: longer digit strings in a numeric cell were rounded on entry.
_EXCEL_DIGITS = 15
#: "5.22701E+17": what Excel writes to a CSV for an ID number typed into a numeric cell.
_SCIENTIFIC = re.compile(r"^[+-]?\d+(\.\d+)?[eE]\+?(\d+)$")

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class RawTable:
    """A sheet as text: ``rows`` are (row number as Excel shows it, cells)."""

    rows: list[tuple[int, list[str]]]
    sha256: str
    encoding: str
    #: (row number, column index) of numeric cells Excel had already rounded
    lossy: set[tuple[int, int]] = field(default_factory=set)


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_table(path: Path) -> RawTable:
    """The file's rows; raises UserFacingError (batch.*) for a file that cannot be read at all."""
    try:
        size = path.stat().st_size
    except OSError:
        raise UserFacingError("batch.file_not_found", file=path.name) from None
    if size > MAX_FILE_BYTES:
        raise UserFacingError("batch.file_too_large", mb=MAX_FILE_BYTES // (1024 * 1024))
    data = path.read_bytes()
    if not data.strip():
        raise UserFacingError("batch.empty_file", file=path.name)
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES or (suffix not in CSV_SUFFIXES and data[:2] == b"PK"):
        return read_xlsx(data)
    if suffix == ".xls":
        raise UserFacingError("batch.xls_unsupported")
    return read_csv(data)


# CSV ---------------------------------------------------------------------------------------


def decode_csv(data: bytes) -> tuple[str, str]:
    """(text, encoding name): BOMs first, then strict UTF-8, then GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise UserFacingError("batch.bad_encoding") from None


def read_csv(data: bytes) -> RawTable:
    try:
        text, encoding = decode_csv(data)
    except UnicodeDecodeError:
        raise UserFacingError("batch.bad_encoding") from None
    first_line = text.split("\n", 1)[0]
    # Excel's "Unicode text" is tab-separated; a German-locale Excel uses ";".
    delimiter = max((",", "\t", ";", "，"), key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    rows: list[tuple[int, list[str]]] = []
    lossy: set[tuple[int, int]] = set()
    try:
        for index, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            if index > MAX_ROWS + 20:  # header and a few title rows on top of the limit
                raise UserFacingError("batch.too_many_rows", limit=MAX_ROWS)
            if len(cells) > MAX_COLUMNS:
                cells = cells[:MAX_COLUMNS]
            for col, cell in enumerate(cells):
                scientific = _SCIENTIFIC.match(cell.strip())
                if scientific and int(scientific.group(2)) >= _EXCEL_DIGITS - 4:  # an ID or account number
                    lossy.add((index, col))
            rows.append((index, _trim(cells)))
    except csv.Error:
        raise UserFacingError("batch.unreadable", kind="CSV") from None
    return RawTable(rows, file_sha256(data), encoding, lossy)


# XLSX --------------------------------------------------------------------------------------


def _check_inflated(data: bytes) -> None:
    """Refuse a workbook whose parts would inflate past ``MAX_XLSX_INFLATED`` (zipfile reads no
    member past its declared size, so the declared sizes bound what openpyxl can get)."""
    import zipfile

    from models.zipguard import ZipTooLarge, check_bounds

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_bounds(zf, max_total=MAX_XLSX_INFLATED, max_members=2000)
    except ZipTooLarge:
        raise UserFacingError("batch.inflated_too_large", mb=MAX_XLSX_INFLATED // (1024 * 1024)) from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UserFacingError("batch.unreadable", kind="Excel") from None


def read_xlsx(data: bytes) -> RawTable:
    """The first worksheet of an .xlsx workbook, as text (formulas as their cached values)."""
    from openpyxl import load_workbook

    _check_inflated(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged or foreign file: openpyxl raises many kinds, all mean the same here
        raise UserFacingError("batch.unreadable", kind="Excel") from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise UserFacingError("batch.empty_file", file="")
        rows: list[tuple[int, list[str]]] = []
        lossy: set[tuple[int, int]] = set()
        try:
            for index, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
                if index > MAX_ROWS + 20:
                    raise UserFacingError("batch.too_many_rows", limit=MAX_ROWS)
                cells = []
                for col, value in enumerate(values):
                    text, rounded = cell_text(value)
                    if rounded:
                        lossy.add((index, col))
                    cells.append(text)
                rows.append((index, _trim(cells)))
        except UserFacingError:
            raise
        except Exception:
            raise UserFacingError("batch.unreadable", kind="Excel") from None
    finally:
        book.close()
    return RawTable(rows, file_sha256(data), "xlsx", lossy)


def cell_text(value: object) -> tuple[str, bool]:
    """(text as Excel shows it, whether Excel had rounded the number)."""
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("是" if value else "否"), False
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat(), False
        return value.isoformat(sep=" "), False
    if isinstance(value, dt.date):
        return value.isoformat(), False
    if isinstance(value, int):
        return str(value), len(str(abs(value))) > _EXCEL_DIGITS
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return "", True
        if value.is_integer():
            whole = int(value)
            return str(whole), len(str(abs(whole))) > _EXCEL_DIGITS
        return repr(value), False
    return str(value), False


def _trim(cells: list[str]) -> list[str]:
    """Without the empty cells at the end (openpyxl pads a row to the sheet's width)."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]
