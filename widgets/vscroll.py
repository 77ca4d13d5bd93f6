"""A scroll area that scrolls only up and down: as wide as its content needs, as short as the
screen allows (forms beside a table, on a 1024×768 screen in a large font mode)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QWidget


class VerticalScrollArea(QScrollArea):
    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _width(self, hint: QSize) -> int:
        bar = max(
            self.verticalScrollBar().sizeHint().width(),
            self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self),
        )
        # The content's own layout margins round differently from the bar's: a few pixels spare.
        return hint.width() + bar + 2 * self.frameWidth() + 4

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        base = super().minimumSizeHint()
        return QSize(self._width(content.minimumSizeHint()), base.height()) if content is not None else base

    def sizeHint(self) -> QSize:
        content = self.widget()
        base = super().sizeHint()
        return QSize(self._width(content.sizeHint()), base.height()) if content is not None else base
