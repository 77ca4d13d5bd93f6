"""Recognise a USB scanner gun typing a code into whatever window has focus.

Installed once on the QApplication (``app.installEventFilter(ScannerGunFilter(app))``), it
watches key presses delivered to the focused widget, feeds them to the Qt-free
``KeyBurstParser`` and, when a fast burst ends with Enter, emits ``qr_decoded`` — the same
signal the camera bridge has, so the intake screen handles both alike. The terminating Enter
is swallowed (it must not press a dialog's default button) and the burst is removed from a
line edit it landed in, unless that field asked for it (property ``acceptsScannerInput``), or
the burst is an ID number (a keyboard-style ID card reader) and the field takes ID numbers
(property ``acceptsIdNumber``: the identify panel's ID field, ID fields of the form).
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
from models.validation import looks_like_id_number

logger = logging.getLogger(__name__)

ACCEPTS_SCANNER_INPUT = "acceptsScannerInput"
ACCEPTS_ID_NUMBER = "acceptsIdNumber"


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
        id_number = looks_like_id_number(text)
        logger.info("scanner gun read %s", "an ID number" if id_number else mask_token(text))
        keep = obj.property(ACCEPTS_SCANNER_INPUT) or (id_number and obj.property(ACCEPTS_ID_NUMBER))
        if isinstance(obj, QLineEdit) and not keep:
            current = obj.text()
            if current.endswith(text):
                obj.setText(current[: -len(text)])
        self.qr_decoded.emit(text)
        return True  # swallow the Enter
