"""A progress bar with one line of text under it (bytes, items, time left), plus the formatters.

Knows nothing of sync: the caller passes a fraction and the text (desktop/sync_center.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

STEPS = 1000


def format_bytes(n: int) -> str:
    """1 234 567 → "1.2 MB" (decimal units, as link speeds are quoted)."""
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{n} B"  # not reached


def format_duration(seconds: float) -> str:
    """75 → "1:15", 3725 → "1:02:05"."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ProgressPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setRange(0, STEPS)
        self.bar.setValue(0)
        self.label = QLabel()
        layout.addWidget(self.bar)
        layout.addWidget(self.label)

    def show_progress(self, fraction: float, text: str) -> None:
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * STEPS))
        self.label.setText(text)

    def reset(self, text: str = "") -> None:
        self.bar.setValue(0)
        self.label.setText(text)
