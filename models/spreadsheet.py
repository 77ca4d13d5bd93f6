"""Text written into a CSV or Excel file that a clerk opens in Excel or WPS (issue 17 item 15).

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before
one) is run as a formula when the file is opened: a name typed as ``=HYPERLINK(…)`` would become
a live link, ``=1+2`` a sum (CSV injection, OWASP). Every export passes its text cells through
``safe_cell``, which puts an apostrophe in front, as Excel does for text typed that way; numbers
are written as numbers and left alone. openpyxl would also store such a string as a formula.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` with an apostrophe in front when it is text Excel would take for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]
