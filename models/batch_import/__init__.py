"""Batch intake: a CSV or Excel list (灵活就业人员批量参保模板, 参保资助 lists from 民政/残联)
checked row by row against a catalog item and opened as draft cases (see docs/counter.md).

Qt-free: ``reader`` reads the file, ``columns`` maps headers to the item's fields and writes
the template, ``checker`` validates rows, ``importer`` works in the database.
"""

from __future__ import annotations

from models.batch_import.checker import CREATED, IMPORTED, INVALID, VALID, RowError, RowOutcome
from models.batch_import.columns import Column, item_columns, normalise_header, write_template
from models.batch_import.importer import BATCH_REF_KEY, BatchReport, check_table, run_import
from models.batch_import.reader import MAX_ROWS, RawTable, read_table

__all__ = [
    "BATCH_REF_KEY",
    "CREATED",
    "IMPORTED",
    "INVALID",
    "MAX_ROWS",
    "VALID",
    "BatchReport",
    "Column",
    "RawTable",
    "RowError",
    "RowOutcome",
    "check_table",
    "item_columns",
    "normalise_header",
    "read_table",
    "run_import",
    "write_template",
]
