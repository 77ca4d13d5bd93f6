"""A persistent banner across the top of a window: one line per standing condition.

It knows nothing of databases or disks: the window decides what the lines say (read-only
mode, a full disk, a wrong clock) and sets them; with no lines the banner is hidden.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class BannerLevel(enum.StrEnum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class BannerLine:
    level: BannerLevel
    text: str


_STYLE = {
    BannerLevel.ERROR: ("#fdecea", "#b3261e", "✖"),
    BannerLevel.WARNING: ("#fff4e5", "#8a4b00", "⚠"),
}


class Banner(QFrame):
    """Shows ``set_lines`` until they change; the most serious level colours the whole banner."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("durabilityBanner")
        self.setAccessibleName(self.tr("状态提示"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 6, 12, 6)
        self._layout.setSpacing(2)
        self._labels: list[QLabel] = []
        self._lines: tuple[BannerLine, ...] = ()
        self.hide()

    @property
    def lines(self) -> tuple[BannerLine, ...]:
        return self._lines

    def text(self) -> str:
        return "\n".join(line.text for line in self._lines)

    def set_lines(self, lines: Sequence[BannerLine]) -> None:
        lines = tuple(lines)
        if lines == self._lines:
            return
        self._lines = lines
        for label in self._labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self._labels = []
        if not lines:
            self.hide()
            return
        level = BannerLevel.ERROR if any(x.level is BannerLevel.ERROR for x in lines) else BannerLevel.WARNING
        background, colour, _ = _STYLE[level]
        self.setStyleSheet(
            f"#durabilityBanner {{ background: {background}; border: 1px solid {colour}; border-radius: 4px; }}"
        )
        for line in lines:
            _, line_colour, icon = _STYLE[line.level]
            label = QLabel(f"{icon} {line.text}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setStyleSheet(f"color: {line_colour}; font-weight: bold;")
            self._layout.addWidget(label)
            self._labels.append(label)
        self.show()
