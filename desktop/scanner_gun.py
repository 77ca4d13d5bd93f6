"""Recognise a USB scanner gun typing a code into whatever window has focus.

Installed once on the QApplication (``app.installEventFilter(ScannerGunFilter(app))``), it
watches key presses delivered to the focused widget, feeds them to the Qt-free
``KeyBurstParser`` and, when a fast burst ends with Enter, emits ``qr_decoded`` — the same
signal the camera bridge has, so the intake screen handles both alike. The terminating Enter
is swallowed (it must not press a dialog's default button) and the burst is removed from a
line edit it landed in, unless that field asked for it (property ``acceptsScannerInput``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QLineEdit

from devices.camera.evoucher import mask_token
from devices.camera.keyburst import KeyBurstParser

logger = logging.getLogger(__name__)

ACCEPTS_SCANNER_INPUT = "acceptsScannerInput"


def _monotonic_ms() -> float:
    return time.monotonic() * 1000.0


class ScannerGunFilter(QObject):
    qr_decoded = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        parser: KeyBurstParser | None = None,
        clock_ms: Callable[[], float] = _monotonic_ms,
    ) -> None:
        super().__init__(parent)
        self.parser = parser or KeyBurstParser()
        self._clock_ms = clock_ms

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        # An unaccepted key event is offered to each parent in turn, and an application-wide
        # filter sees every offer: count it only where it was first delivered.
        if obj is not QGuiApplication.focusObject():
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            char = "\r"
        elif event.text():
            char = event.text()
        elif key in (Qt.Key.Key_Shift, Qt.Key.Key_CapsLock):
            return False  # guns press Shift for letters; not a break in the burst
        else:
            char = "\x00"  # navigation/function key: ends any burst
        text = self.parser.feed(char, self._clock_ms())
        if text is None:
            return False
        logger.info("scanner gun read %s", mask_token(text))
        if isinstance(obj, QLineEdit) and not obj.property(ACCEPTS_SCANNER_INPUT):
            current = obj.text()
            if current.endswith(text):
                obj.setText(current[: -len(text)])
        self.qr_decoded.emit(text)
        return True  # swallow the Enter
