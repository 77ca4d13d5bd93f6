"""A strip of page thumbnails (material photos and scans); Enter or a double-click opens one.

The widget knows no database and no files: the caller lists the pages first (each shows a
placeholder with its caption) and hands over decoded images as they arrive, so decoding can
run off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

THUMB = QSize(120, 120)


class ThumbnailStrip(QListWidget):
    page_activated = Signal(int)  # index of the page in the strip

    def __init__(self, parent: QWidget | None = None, size: QSize = THUMB) -> None:
        super().__init__(parent)
        self._size = size
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setIconSize(size)
        self.setGridSize(QSize(size.width() + 36, size.height() + 44))
        self.setSpacing(4)
        self.setWordWrap(True)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(self.tr("材料页面缩略图"))
        self.itemActivated.connect(lambda item: self.page_activated.emit(self.row(item)))
        self.installEventFilter(self)

    def set_pages(self, captions: list[str], tooltips: list[str] | None = None) -> None:
        """One placeholder per page, in order; thumbnails follow with ``set_thumbnail``."""
        self.clear()
        placeholder = QIcon(self._placeholder("…"))
        for n, caption in enumerate(captions):
            item = QListWidgetItem(placeholder, caption)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            if tooltips:
                item.setToolTip(tooltips[n])
            self.addItem(item)
        if self.count():
            self.setCurrentRow(0)

    def set_thumbnail(self, index: int, image: QImage | None) -> None:
        item = self.item(index)
        if item is None:
            return
        if image is None or image.isNull():
            item.setIcon(QIcon(self._placeholder(self.tr("无法显示"))))
            return
        scaled = image.scaled(
            self._size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        item.setIcon(QIcon(QPixmap.fromImage(scaled)))

    def has_thumbnail(self, index: int) -> bool:
        item = self.item(index)
        return item is not None and bool(item.data(Qt.ItemDataRole.UserRole))

    def mark_loaded(self, index: int) -> None:
        item = self.item(index)
        if item is not None:
            item.setData(Qt.ItemDataRole.UserRole, True)

    def _placeholder(self, text: str) -> QPixmap:
        pixmap = QPixmap(self._size)
        pixmap.fill(QColor("#eef0f3"))
        painter = QPainter(pixmap)
        painter.setPen(QColor("#6b7280"))
        painter.drawRect(0, 0, self._size.width() - 1, self._size.height() - 1)
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        return pixmap

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Enter opens the current page even where the style does not make it "activate"."""
        if obj is self and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
                self.page_activated.emit(self.currentRow())
                return True
        return super().eventFilter(obj, event)
