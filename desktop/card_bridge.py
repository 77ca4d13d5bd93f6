"""The Qt side of the card reader: device-thread events in, GUI-thread signals out (STYLE.md §5).

Create ``CardBridge`` in the GUI thread. The driver calls ``_on_event`` on its own device
thread; emitting a signal there on an object that lives in the GUI thread queues the call,
so connected slots run on the GUI thread. Reads the clerk asks for go to the device side
(``CardManager.read_async``: the manager's request thread, never the GUI thread, and never the
task manager of desktop/taskman.py, which is for DB work, rendering and network I/O) and report
through the same signals. The bridge starts no thread of its own.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from PySide6.QtCore import QObject, Signal

from devices.card import CardEvent, CardEventKind, CardManager, CardReadResult
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
        self._pending: set[Future[CardReadResult]] = set()
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
        future = self._manager.read_async(reader)
        self._pending.add(future)
        future.add_done_callback(self._read_done)  # on the device side's thread

    def shutdown(self) -> None:
        """Stop watching; a read asked for is answered first (the manager is closed by its owner)."""
        self.stop()
        for future in list(self._pending):
            future.exception()  # waits: the request is short, bounded by the driver's timeout

    def _read_done(self, future: Future[CardReadResult]) -> None:
        self._pending.discard(future)
        exc = future.exception()
        if isinstance(exc, UserFacingError):
            self.card_error.emit(exc)
        elif exc is not None:  # never lose a request silently: log it, show a generic error
            logger.error("card read failed", exc_info=exc)
            self.card_error.emit(UserFacingError("card.reader_error", detail=type(exc).__name__))
        else:
            self.card_read.emit(future.result())

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
