"""ID card reader on a serial port (RS-232 or USB-serial) speaking GA 467 SAM frames (pyserial).

All port I/O runs on the driver's own single thread (STYLE.md §5). The port is opened for each
read or poll and closed after it (no cached connection: a reader unplugged and plugged back,
or re-enumerated as another ttyUSB, is simply found again). Callers wait at most ``timeout``
seconds; a wedged port costs the worker thread, never the GUI.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from models.errors import UserFacingError

from .base import IdCardErrors, IdCardEvent, IdCardEventCallback, IdCardEventKind, IdReadResult
from .session import PhotoDecoder, SamSession, Timing, Transport, result_from_blocks

logger = logging.getLogger(__name__)

DEFAULT_BAUD = 115200
#: Errors worth one more full attempt (find → select → read): line noise, a card moved.
RETRYABLE = {IdCardErrors.CHECKSUM, IdCardErrors.INCOMPLETE, IdCardErrors.SELECT_FAILED}


def open_serial(port: str, baudrate: int = DEFAULT_BAUD) -> Transport:
    """Open ``port`` 8N1 with a short read timeout; UserFacingError when it cannot."""
    try:
        import serial
    except ImportError as exc:  # pragma: no cover - pyserial is a dependency
        raise UserFacingError(IdCardErrors.SERIAL_UNAVAILABLE, detail=str(exc)) from exc
    try:
        return serial.Serial(port, baudrate=baudrate, timeout=0.05, write_timeout=1.0, exclusive=True)
    except serial.SerialException as exc:
        text = str(exc).lower()
        if "busy" in text or "access is denied" in text or "errno 16" in text or "lock" in text:
            raise UserFacingError(IdCardErrors.PORT_BUSY, port=port) from exc
        if "permission" in text or "errno 13" in text:
            raise UserFacingError(IdCardErrors.PORT_BUSY, port=port, detail="permission") from exc
        raise UserFacingError(IdCardErrors.PORT_NOT_FOUND, port=port) from exc
    except (OSError, ValueError) as exc:
        raise UserFacingError(IdCardErrors.PORT_NOT_FOUND, port=port) from exc


class SamReaderDriver:
    """Reads ID cards through the SAM frame protocol over a transport opened per operation."""

    name = "serial"

    def __init__(
        self,
        port: str,
        *,
        baudrate: int = DEFAULT_BAUD,
        timeout: float = 10.0,
        timing: Timing | None = None,
        photo_decoder: PhotoDecoder | None = None,
        poll_s: float = 0.4,
        opener: Callable[[], Transport] | None = None,
        backend: str = "serial",
    ) -> None:
        self.port = port
        self.baudrate = baudrate
        self.timeout = timeout
        self.timing = timing or Timing()
        self.photo_decoder = photo_decoder
        self.poll_s = poll_s
        self.name = backend
        self._opener = opener or (lambda: open_serial(self.port, self.baudrate))
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"idcard-{backend}")
        self._stop = threading.Event()
        self._monitor: Future[Any] | None = None
        self._callback: IdCardEventCallback | None = None
        self._card_done = False  # the card on the reader was read; wait until it is lifted
        self._reader_ok = True

    def describe(self) -> str:
        return self.port

    # Device thread ---------------------------------------------------------------------

    def _with_port(self, work: Callable[[SamSession], Any]) -> Any:
        transport = self._opener()
        try:
            session = SamSession(transport, self.timing)
            session.drain()
            return work(session)
        except UserFacingError:
            raise
        except OSError as exc:
            # pyserial raises SerialException (an OSError) when the adapter vanishes mid-read.
            logger.info("idcard: port %s failed: %s", self.port, type(exc).__name__)
            raise UserFacingError(IdCardErrors.PORT_LOST, port=self.port) from exc
        finally:
            with contextlib.suppress(OSError, ValueError):
                transport.close()

    def _read_card(self, session: SamSession, started: float) -> IdReadResult:
        attempts = 0
        while True:
            attempts += 1
            try:
                session.sam_status()
                if not session.find():
                    raise UserFacingError(IdCardErrors.NO_CARD)
                session.select()
                text, wlt = session.read_base()
            except UserFacingError as exc:
                if exc.code in RETRYABLE and attempts < 2:
                    logger.info("idcard: %s, trying once more", exc.code)
                    continue
                raise
            return result_from_blocks(
                text,
                wlt,
                reader=self.port,
                backend=self.name,
                photo_decoder=self.photo_decoder,
                started=started,
                attempts=attempts,
            )

    def _read_now(self) -> IdReadResult:
        started = time.perf_counter()
        return self._with_port(lambda s: self._read_card(s, started))

    def _check_now(self) -> str:
        self._with_port(lambda s: s.sam_status())
        return self.port

    def _poll(self) -> None:
        """One monitor round; re-queues itself until stopped."""
        if self._stop.is_set() or self._callback is None:
            return
        callback = self._callback
        try:
            result = self._with_port(self._poll_once)
        except UserFacingError as exc:
            if exc.code in (IdCardErrors.PORT_NOT_FOUND, IdCardErrors.PORT_LOST, IdCardErrors.NO_ANSWER):
                if self._reader_ok:
                    self._reader_ok = False
                    callback(IdCardEvent(IdCardEventKind.READER_LOST, self.port, error=exc))
            else:
                self._card_done = True  # report a failed card once, not every poll
                callback(IdCardEvent(IdCardEventKind.CARD_ERROR, self.port, error=exc))
        else:
            if not self._reader_ok:
                self._reader_ok = True
                callback(IdCardEvent(IdCardEventKind.READER_BACK, self.port))
            if result is not None:
                callback(IdCardEvent(IdCardEventKind.CARD_READ, self.port, result=result))
        if not self._stop.wait(self.poll_s):
            self._executor.submit(self._poll)

    def _poll_once(self, session: SamSession) -> IdReadResult | None:
        present = session.find()
        if not present:
            if self._card_done and self._callback is not None:
                self._card_done = False
                self._callback(IdCardEvent(IdCardEventKind.CARD_REMOVED, self.port))
            return None
        if self._card_done:
            return None
        self._card_done = True
        return self._read_card(session, time.perf_counter())

    # Any thread ------------------------------------------------------------------------

    def _call(self, fn: Callable[[], Any]) -> Any:
        future = self._executor.submit(fn)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            raise UserFacingError(IdCardErrors.TIMEOUT, seconds=self.timeout) from None

    def read(self) -> IdReadResult:
        return self._call(self._read_now)

    def check(self) -> str:
        return self._call(self._check_now)

    def start_monitoring(self, callback: IdCardEventCallback) -> bool:
        self._callback = callback
        self._stop.clear()
        self._card_done = False
        self._monitor = self._executor.submit(self._poll)
        return True

    def stop_monitoring(self) -> None:
        self._stop.set()
        self._callback = None

    def close(self) -> None:
        self.stop_monitoring()
        self._executor.shutdown(wait=False, cancel_futures=True)
