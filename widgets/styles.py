"""The counter's colours, once: what "an error", "done" and "due soon" look like on every screen.

Text colours are given both as Qt colours (for table cells) and as style sheets (for labels), so
a screen never writes a hex code of its own."""

from __future__ import annotations

from PySide6.QtGui import QColor

ERROR = "#b00020"
OK = "#1b5e20"
WARNING = "#8a5300"
MUTED = "#6b7280"

#: row backgrounds by working-day deadline: past the promised date, due within two working days
OVERDUE_BACKGROUND = "#fde2e1"
DUE_SOON_BACKGROUND = "#fff4d6"

ERROR_STYLE = f"color: {ERROR}"
OK_STYLE = f"color: {OK}"
WARNING_STYLE = f"color: {WARNING}; font-weight: bold"
ERROR_BOLD_STYLE = f"color: {ERROR}; font-weight: bold"


def colour(name: str) -> QColor:
    return QColor(name)
