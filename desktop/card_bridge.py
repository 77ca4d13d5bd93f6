"""The Qt side of the card reader: device-thread events in, GUI-thread signals out (STYLE.md §5).

Create ``CardBridge`` in the GUI thread. The driver calls ``_on_event`` on its own device
thread; emitting a signal there on an object that lives in the GUI thread queues the call,
so connected slots run on the GUI thread. Reads the clerk asks for run on a small request
thread (never the GUI thread) and report through the same signals.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from devices.card import CardEvent, CardEventKind, CardManager
from models.errors import UserFacingError

logger = logging.getLogger(__name__)


class CardBridge(QObject):
    card_inserted = Signal(str)  # reader
    card_read = Signal(object)  # CardReadResult
    card_removed = Signal(str)  # reader
    card_error = Signal(object)  # UserFacingError (render with desktop.messages.render)
    readers_changed = Signal()

    def __init__(self, manager: CardManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._manager = manager
        self._requests = ThreadPoolExecutor(max_workers=1, thread_name_prefix="card-request")
        self.monitoring = False

    def start(self, *, auto_read: bool = True) -> bool:
        """Watch readers and cards; False when the backend cannot report events (then poll by button)."""
        try:
            self.monitoring = self._manager.start_monitoring(self._on_event, auto_read=auto_read)
        except UserFacingError as exc:
            self.card_error.emit(exc)
            self.monitoring = False
        return self.monitoring

    def stop(self) -> None:
        self._manager.stop_monitoring()
        self.monitoring = False

    def read_now(self, reader: str | None = None) -> None:
        """Read on request (a button); the answer arrives as card_read or card_error."""
        self._requests.submit(self._read, reader)

    def shutdown(self) -> None:
        self.stop()
        self._requests.shutdown(wait=True)

    def _read(self, reader: str | None) -> None:
        try:
            result = self._manager.read(reader)
        except UserFacingError as exc:
            self.card_error.emit(exc)
        except Exception as exc:  # never lose a request silently: log it, show a generic error
            logger.exception("card read failed")
            self.card_error.emit(UserFacingError("card.reader_error", detail=type(exc).__name__))
        else:
            self.card_read.emit(result)

    def _on_event(self, event: CardEvent) -> None:
        # Device thread. Log kinds and readers only: results carry personal data.
        logger.debug("card event %s on %s", event.kind, event.reader)
        if event.kind is CardEventKind.CARD_READ and event.result is not None:
            self.card_read.emit(event.result)
        elif event.kind is CardEventKind.CARD_ERROR and event.error is not None:
            self.card_error.emit(event.error)
        elif event.kind is CardEventKind.CARD_INSERTED:
            self.card_inserted.emit(event.reader)
        elif event.kind is CardEventKind.CARD_REMOVED:
            self.card_removed.emit(event.reader)
        elif event.kind in (CardEventKind.READER_ADDED, CardEventKind.READER_REMOVED):
            self.readers_changed.emit()
