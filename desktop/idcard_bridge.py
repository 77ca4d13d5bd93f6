"""The Qt side of the ID card reader (居民身份证阅读器): device-thread events in, GUI-thread signals out.

As desktop/card_bridge.py for the 社保卡 reader (STYLE.md section 5). Create ``IdCardBridge`` in
the GUI thread. A serial reader is polled by its driver on the driver's own thread (a card laid
on the reader is read once); a vendor library cannot be polled, so the clerk presses 读身份证,
and ``read_now`` sends the request to ``IdCardManager.read_async`` (the manager's request
thread, never the GUI thread, never desktop/taskman.py). Emitting a signal from those threads
on an object living in the GUI thread queues the call, so connected slots run on the GUI
thread. The bridge starts no thread of its own and logs no personal data.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from PySide6.QtCore import QObject, Signal

from devices.idcard import IdCardEvent, IdCardEventKind, IdCardManager, IdReadResult
from models.errors import UserFacingError

logger = logging.getLogger(__name__)


class IdCardBridge(QObject):
    card_read = Signal(object)  # IdReadResult
    card_error = Signal(object)  # UserFacingError (render with desktop.messages.render)
    card_removed = Signal(str)  # reader
    reader_lost = Signal(object)  # UserFacingError: the reader was unplugged or stopped answering
    reader_back = Signal(str)  # reader

    def __init__(self, manager: IdCardManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.manager = manager
        self._pending: set[Future[IdReadResult]] = set()
        self.monitoring = False

    def start(self) -> bool:
        """Poll the reader for cards; False when it cannot be polled (then read by button)."""
        try:
            self.monitoring = self.manager.start_monitoring(self._on_event)
        except UserFacingError as exc:
            self.card_error.emit(exc)
            self.monitoring = False
        return self.monitoring

    def stop(self) -> None:
        self.manager.stop_monitoring()
        self.monitoring = False

    def read_now(self) -> None:
        """Read on request (读身份证); the answer arrives as card_read or card_error."""
        future = self.manager.read_async()
        self._pending.add(future)
        future.add_done_callback(self._read_done)  # on the manager's request thread

    def shutdown(self) -> None:
        """Stop polling; a read asked for is answered first (bounded by the driver's timeout)."""
        self.stop()
        for future in list(self._pending):
            future.exception()

    def _read_done(self, future: Future[IdReadResult]) -> None:
        self._pending.discard(future)
        exc = future.exception()
        if isinstance(exc, UserFacingError):
            self.card_error.emit(exc)
        elif exc is not None:  # never lose a request silently: log the type, show a generic error
            logger.error("idcard read failed", exc_info=exc)
            self.card_error.emit(UserFacingError("idcard.invalid_data"))
        else:
            self.card_read.emit(future.result())

    def _on_event(self, event: IdCardEvent) -> None:
        # Device thread. Kinds and readers only: results carry personal data.
        logger.debug("idcard event %s on %s", event.kind, event.reader)
        if event.kind is IdCardEventKind.CARD_READ and event.result is not None:
            self.card_read.emit(event.result)
        elif event.kind is IdCardEventKind.CARD_ERROR and event.error is not None:
            self.card_error.emit(event.error)
        elif event.kind is IdCardEventKind.CARD_REMOVED:
            self.card_removed.emit(event.reader)
        elif event.kind is IdCardEventKind.READER_LOST:
            self.reader_lost.emit(event.error or UserFacingError("idcard.port_lost", port=event.reader))
        elif event.kind is IdCardEventKind.READER_BACK:
            self.reader_back.emit(event.reader)
