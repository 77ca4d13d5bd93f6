"""A page viewer window: one image at a time, zoom, next and previous page, keyboard first.

PgDn/→ next page, PgUp/← previous, +/- zoom (Ctrl+wheel too), 0 fit to the window, 1 actual
size, Esc closes. The viewer knows no files: it asks for a page with ``page_requested`` and the
caller answers with ``show_page`` (decoding runs wherever the caller likes).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QResizeEvent, QShortcut, QWheelEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0


class _Canvas(QScrollArea):
    zoom_wheel = Signal(int)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_wheel.emit(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)


class ImageViewer(QWidget):
    page_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("查看材料"))
        self.resize(900, 1000)
        self.index = -1
        self.count = 0
        self.zoom = 1.0
        self.fit = True
        self._image: QImage | None = None
        self._build_canvas()
        bar = self._build_bar()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)
        self._wire()

    def _build_canvas(self) -> None:
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.position = QLabel()
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.canvas = _Canvas()
        self.canvas.setWidget(self.image_label)
        self.canvas.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.canvas.setWidgetResizable(True)

    def _build_bar(self) -> QHBoxLayout:
        """Title, position and the page and zoom buttons (no focus: the keys go to the viewer)."""
        self.previous_button = QPushButton(self.tr("上一页 (PgUp)"))
        self.next_button = QPushButton(self.tr("下一页 (PgDn)"))
        self.zoom_out_button = QPushButton(self.tr("缩小 (-)"))
        self.zoom_in_button = QPushButton(self.tr("放大 (+)"))
        self.fit_button = QPushButton(self.tr("适合窗口 (0)"))
        buttons = (self.previous_button, self.next_button, self.zoom_out_button, self.zoom_in_button, self.fit_button)
        for button in buttons:
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.position)
        for button in buttons:
            bar.addWidget(button)
        return bar

    def _wire(self) -> None:
        """The buttons, the wheel and the keyboard."""
        self.canvas.zoom_wheel.connect(lambda step: self.zoom_in() if step > 0 else self.zoom_out())
        self.previous_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.fit_button.clicked.connect(self.fit_to_window)
        for keys, slot in (
            (("PgDown", "Right", "Space"), self.next_page),
            (("PgUp", "Left", "Backspace"), self.previous_page),
            (("+", "=", "Ctrl++", "Ctrl+="), self.zoom_in),
            (("-", "Ctrl+-"), self.zoom_out),
            (("0", "Ctrl+0"), self.fit_to_window),
            (("1",), self.actual_size),
            (("Esc",), self.close),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.activated.connect(slot)

    # What the caller does -------------------------------------------------------------------

    def open_page(self, index: int, count: int) -> None:
        """Show the window and ask for page ``index`` of ``count``."""
        self.count = count
        self.show()
        self.raise_()
        self.activateWindow()
        self._request(index)

    def show_page(self, index: int, count: int, title: str, image: QImage | None) -> None:
        self.index, self.count = index, count
        self.title.setText(title)
        self.position.setText(self.tr("第 {n} / {count} 页").format(n=index + 1, count=count))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < count)
        self._image = image if image is not None and not image.isNull() else None
        if self._image is None:
            self.image_label.setPixmap(QPixmap())
            self.image_label.setText(self.tr("此页无法显示（文件缺失、损坏或尚未解锁）。"))
            return
        self.image_label.setText("")
        self._render()

    # Navigation and zoom --------------------------------------------------------------------

    def next_page(self) -> None:
        if self.index + 1 < self.count:
            self._request(self.index + 1)

    def previous_page(self) -> None:
        if self.index > 0:
            self._request(self.index - 1)

    def zoom_in(self) -> None:
        self._set_zoom(self._effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self._effective_zoom() / ZOOM_STEP)

    def actual_size(self) -> None:
        self._set_zoom(1.0)

    def fit_to_window(self) -> None:
        self.fit = True
        self._render()

    def _request(self, index: int) -> None:
        self.position.setText(self.tr("第 {n} / {count} 页（正在打开…）").format(n=index + 1, count=self.count))
        self.page_requested.emit(index)

    def _set_zoom(self, zoom: float) -> None:
        self.fit = False
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self._render()

    def _effective_zoom(self) -> float:
        if not self.fit or self._image is None:
            return self.zoom
        view = self.canvas.viewport().size()
        return min(view.width() / max(1, self._image.width()), view.height() / max(1, self._image.height()))

    def _render(self) -> None:
        if self._image is None:
            return
        zoom = self._effective_zoom()
        self.canvas.setWidgetResizable(self.fit)
        width = max(1, round(self._image.width() * zoom))
        height = max(1, round(self._image.height() * zoom))
        scaled = self._image.scaled(
            width, height, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.image_label.setPixmap(QPixmap.fromImage(scaled))
        if not self.fit:
            self.image_label.resize(scaled.size())
        self.zoom = zoom

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit:
            self._render()
