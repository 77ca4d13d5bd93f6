"""A small non-modal camera window: scan an e-voucher (QR mode) or photograph a material page.

Document mode captures when the page has held still (``page_steady``) or on Space; the page is
processed (outline, deskew, JPEG within budget) on the DB worker's caller thread and handed to
the checklist, which stores it. Closing the window stops the camera.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.camera_bridge import MODE_DOCUMENT, MODE_QR, CameraBridge
from desktop.errors import error_text
from desktop.operations import Operations
from widgets.viewfinder import Viewfinder


class CameraWindow(QWidget):
    token_read = Signal(str)
    page_captured = Signal(bytes)

    def __init__(self, bridge: CameraBridge, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._bridge = bridge
        self._ops = ops
        self._mode = MODE_QR
        #: Pages captured since the window opened (shown to the clerk; tests read it).
        self.pages_captured = 0
        self.viewfinder = Viewfinder()
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.viewfinder, 1)
        layout.addWidget(self.status)
        bridge.frame_ready.connect(self.viewfinder.set_frame)
        bridge.frame_analysed.connect(self._analysed)
        bridge.evoucher_read.connect(self._evoucher)
        bridge.qr_rejected.connect(lambda e: self.status.setText(error_text(e) or ""))
        bridge.capture_failed.connect(lambda e: self.status.setText(error_text(e) or ""))
        bridge.page_steady.connect(self._capture)
        QShortcut(QKeySequence("Space"), self, activated=self._capture_last)
        QShortcut(QKeySequence("Esc"), self, activated=self.close)
        self.resize(640, 520)

    def start(self, spec: str | None, mode: str, on_done: Callable[[], None] | None = None) -> None:
        self._mode = mode
        title = self.tr("扫描医保电子凭证") if mode == MODE_QR else self.tr("拍摄材料（放稳后自动拍摄，或按空格）")
        self.setWindowTitle(title)
        self.status.setText(title + self.tr("；Esc 关闭"))
        self.show()
        self._bridge.start(spec, mode)

    def _analysed(self, analysis: object) -> None:
        corners = getattr(analysis, "page_corners", None)
        if corners is not None:
            outline = self._bridge.preview_outline(tuple(corners))
            self.viewfinder.set_outline(outline, bool(getattr(analysis, "steady", False)))

    def _evoucher(self, token: object) -> None:
        if self._mode == MODE_QR:
            self.token_read.emit(str(getattr(token, "token", token)))
            self.close()

    def _capture_last(self) -> None:
        """Space: photograph the newest frame now, whether or not the page has come to rest."""
        frame = self._bridge.latest_frame
        if frame is not None:
            self._capture(frame)

    def _capture(self, frame: object) -> None:
        if self._mode != MODE_DOCUMENT:
            return
        from devices.camera.document import process_page

        image = getattr(frame, "image", None)
        self.status.setText(self.tr("正在处理照片…"))
        self._ops.background(lambda: process_page(image).jpeg, self._processed, self._failed)  # image work: the pool

    def _processed(self, jpeg: bytes) -> None:
        self.pages_captured += 1
        self.page_captured.emit(jpeg)
        self.status.setText(
            self.tr("已拍摄 {n} 页；放上下一页自动拍摄，或按空格；Esc 关闭。").format(n=self.pages_captured)
        )

    def _failed(self, exc: BaseException) -> None:
        text = error_text(exc)
        if text is not None:
            self.status.setText(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._bridge.stop()
        super().closeEvent(event)
