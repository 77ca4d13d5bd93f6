"""Live camera picture with an overlay: the detected page outline or the code just read.

Knows no camera and no database: it is given ``QImage`` frames (desktop/camera_bridge.py
sends them) and outlines in frame pixels. Painting scales the latest frame once per paint;
frames arriving faster than the screen refreshes just replace the previous one.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

Point = tuple[float, float]


class Viewfinder(QWidget):
    #: Emitted after a new frame was accepted (tests and the frame-rate label use it).
    frame_shown = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frame: QImage | None = None
        self._outline: tuple[Point, ...] = ()
        self._outline_ready = False
        self._message = self.tr("摄像头未打开")
        self.frames_shown = 0
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    @Slot(QImage)
    def set_frame(self, image: QImage) -> None:
        self._frame = image
        self.frames_shown += 1
        self.update()  # coalesced by Qt: one repaint per event-loop pass at most
        self.frame_shown.emit(self.frames_shown)

    def set_outline(self, points: Sequence[Point], ready: bool = False) -> None:
        """Page (or code) outline in frame pixels; ``ready`` draws it green (steady)."""
        self._outline = tuple(points)
        self._outline_ready = ready
        self.update()

    def clear(self, message: str = "") -> None:
        self._frame = None
        self._outline = ()
        self._message = message or self.tr("摄像头未打开")
        self.update()

    @property
    def message(self) -> str:
        return self._message

    def has_frame(self) -> bool:
        return self._frame is not None

    def _target_rect(self) -> QRectF:
        assert self._frame is not None
        fw, fh = self._frame.width(), self._frame.height()
        scale = min(self.width() / max(fw, 1), self.height() / max(fh, 1))
        w, h = fw * scale, fh * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 20, 20))
        if self._frame is None or self._frame.isNull():
            painter.setPen(QColor(200, 200, 200))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._message)
            return
        target = self._target_rect()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)  # cheap at 30 fps
        painter.drawImage(target, self._frame)
        if len(self._outline) >= 3:
            sx = target.width() / self._frame.width()
            sy = target.height() / self._frame.height()
            poly = QPolygonF([QPointF(target.x() + x * sx, target.y() + y * sy) for x, y in self._outline])
            colour = QColor(40, 200, 80) if self._outline_ready else QColor(240, 180, 20)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(colour, 3))
            painter.drawPolygon(poly)
