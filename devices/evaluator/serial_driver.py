"""An evaluator pad on a serial port (RS-232 or USB-serial) speaking TBEV/1 (protocol.py).

All port I/O runs on the driver's own single thread (STYLE.md §5). The port is opened for each
request and closed after it (no cached connection: a pad unplugged and plugged back is found
again). A request waits at most ``timeout`` seconds for the applicant's key; noise on the line is
skipped, but a line that only ever carries noise ends the request early as GARBLED.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Protocol

from models.errors import UserFacingError

from .base import EvaluatorErrors, EvaluatorResult, ResultCallback, level_to_rating
from .protocol import LineSplitter, decode, encode, rate_of

logger = logging.getLogger(__name__)

DEFAULT_BAUD = 9600
#: How long the pad has to acknowledge EVAL/PING: a pad that is there answers at once.
ACK_S = 2.0
#: Unparsable lines tolerated in one request before it ends as GARBLED.
GARBAGE_LIMIT = 8


class Transport(Protocol):
    def write(self, data: bytes) -> int | None: ...

    def read(self, size: int = 1) -> bytes: ...

    def close(self) -> None: ...


def open_serial(port: str, baudrate: int = DEFAULT_BAUD) -> Transport:
    try:
        import serial
    except ImportError as exc:  # pragma: no cover - pyserial is a dependency
        raise UserFacingError(EvaluatorErrors.SERIAL_UNAVAILABLE, detail=str(exc)) from exc
    try:
        return serial.Serial(port, baudrate=baudrate, timeout=0.1, write_timeout=1.0, exclusive=True)
    except serial.SerialException as exc:
        text = str(exc).lower()
        if any(w in text for w in ("busy", "access is denied", "errno 16", "lock", "permission", "errno 13")):
            raise UserFacingError(EvaluatorErrors.PORT_BUSY, port=port) from exc
        raise UserFacingError(EvaluatorErrors.PORT_NOT_FOUND, port=port) from exc
    except (OSError, ValueError) as exc:
        raise UserFacingError(EvaluatorErrors.PORT_NOT_FOUND, port=port) from exc


class _Conversation:
    """One open port: send lines, wait for the next well-formed message."""

    def __init__(self, transport: Transport, cancelled: threading.Event) -> None:
        self.transport = transport
        self.splitter = LineSplitter()
        self.cancelled = cancelled
        self.garbage = 0
        self._lines: list[bytes] = []  # complete lines read but not yet looked at

    def send(self, *words: object) -> None:
        self.transport.write(encode(*words))

    def drain(self) -> None:
        """Stale bytes from before this request (a key pressed while idle) are dropped."""
        for _ in range(64):
            if not self.transport.read(256):
                return

    def next_message(self, deadline: float) -> Any:
        """The next TBEV/1 message before ``deadline`` (monotonic), else None."""
        while not self.cancelled.is_set():
            while self._lines:
                line = self._lines.pop(0)
                message = decode(line)
                if message is not None:
                    return message
                if line.strip():
                    self.garbage += 1
            if self.garbage >= GARBAGE_LIMIT:
                raise UserFacingError(EvaluatorErrors.GARBLED)
            if time.monotonic() >= deadline:
                break
            data = self.transport.read(64)
            if data:
                before = self.splitter.dropped
                self._lines.extend(self.splitter.feed(data))
                self.garbage += self.splitter.dropped - before
        return None


class SerialEvaluator:
    name = "serial"

    def __init__(
        self,
        port: str,
        *,
        baudrate: int = DEFAULT_BAUD,
        timeout: float = 60.0,
        ack_s: float = ACK_S,
        opener: Callable[[], Transport] | None = None,
    ) -> None:
        self.port = port
        self.baudrate = baudrate
        self.timeout = timeout
        self.ack_s = ack_s
        self._opener = opener or (lambda: open_serial(self.port, self.baudrate))
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="evaluator-serial")
        #: the running request's cancel flag (a new one per request: cancelling the old one never
        #: races the next request)
        self._cancelled = threading.Event()
        self._cancelled.set()
        self._seq = 0

    def describe(self) -> str:
        return self.port

    # Device thread ---------------------------------------------------------------------

    def _with_port(self, work: Callable[[_Conversation], Any], cancelled: threading.Event | None = None) -> Any:
        transport = self._opener()
        try:
            talk = _Conversation(transport, cancelled or threading.Event())
            talk.drain()
            return work(talk)
        except UserFacingError:
            raise
        except OSError as exc:
            # pyserial raises SerialException (an OSError) when the adapter vanishes mid-read.
            logger.info("evaluator: port %s failed: %s", self.port, type(exc).__name__)
            raise UserFacingError(EvaluatorErrors.PORT_LOST, port=self.port) from exc
        finally:
            with contextlib.suppress(OSError, ValueError):
                transport.close()

    def _evaluate(self, talk: _Conversation, seq: int) -> tuple[int, int]:
        talk.send("EVAL", seq)
        started = time.monotonic()
        acked = False
        while True:
            limit = started + (self.timeout if acked else self.ack_s)
            message = talk.next_message(limit)
            if talk.cancelled.is_set():
                with contextlib.suppress(OSError):
                    talk.send("CANCEL", seq)
                raise _Cancelled
            if message is None:
                if not acked:
                    raise UserFacingError(
                        EvaluatorErrors.GARBLED if talk.garbage else EvaluatorErrors.NO_ANSWER, port=self.port
                    )
                with contextlib.suppress(OSError):
                    talk.send("CANCEL", seq)  # the pad stops waiting for a key too
                raise UserFacingError(EvaluatorErrors.TIMEOUT, seconds=round(self.timeout))
            if message.verb == "ACK" and message.args[:1] == (str(seq),):
                acked = True
            elif message.verb == "ERR":
                raise UserFacingError(EvaluatorErrors.DEVICE_ERROR, detail=" ".join(message.args)[:32])
            elif message.verb == "RATE":
                rate = rate_of(message)
                if rate is None:
                    talk.garbage += 1
                elif rate[0] == seq:
                    return rate[1], rate[2]
                # a RATE for an older request: ignored

    def _run_request(self, case_no: str, seq: int, done: ResultCallback, cancelled: threading.Event) -> None:
        if cancelled.is_set():
            return
        try:
            scale, level = self._with_port(lambda talk: self._evaluate(talk, seq), cancelled)
            try:
                rating = level_to_rating(scale, level)
            except ValueError:
                raise UserFacingError(EvaluatorErrors.GARBLED, port=self.port) from None
        except _Cancelled:
            return
        except UserFacingError as exc:
            logger.info("evaluator: request %d failed: %s", seq, exc.code)
            done(EvaluatorResult(case_no, error=exc))
            return
        except Exception as exc:  # never let a device fault vanish silently on the worker thread
            logger.exception("evaluator: unexpected failure")
            done(
                EvaluatorResult(case_no, error=UserFacingError(EvaluatorErrors.DEVICE_ERROR, detail=type(exc).__name__))
            )
            return
        logger.info("evaluator: request %d answered (%d-key pad, key %d)", seq, scale, level)
        done(EvaluatorResult(case_no, rating, scale=scale, level=level))

    def _ping(self) -> str:
        def work(talk: _Conversation) -> str:
            talk.send("PING")
            message = talk.next_message(time.monotonic() + self.ack_s)
            if message is None:
                raise UserFacingError(
                    EvaluatorErrors.GARBLED if talk.garbage else EvaluatorErrors.NO_ANSWER, port=self.port
                )
            if message.verb != "PONG":
                raise UserFacingError(EvaluatorErrors.GARBLED, port=self.port)
            return " ".join(message.args)

        return str(self._with_port(work))

    # Any thread ------------------------------------------------------------------------

    def request(self, case_no: str, done: ResultCallback) -> None:
        self._cancelled.set()  # one request at a time: a newer one replaces the older
        self._cancelled = threading.Event()
        self._seq = self._seq % 9999 + 1
        self._executor.submit(self._run_request, case_no, self._seq, done, self._cancelled)

    def cancel(self) -> None:
        self._cancelled.set()

    def check(self) -> str:
        future = self._executor.submit(self._ping)
        try:
            model = future.result(timeout=self.ack_s + 5.0)
        except FutureTimeout:
            raise UserFacingError(EvaluatorErrors.NO_ANSWER, port=self.port) from None
        return f"{self.port} ({model})" if model else self.port

    def close(self) -> None:
        self._cancelled.set()
        self._executor.shutdown(wait=False, cancel_futures=True)


class _Cancelled(Exception):
    """The clerk withdrew the request (next case, fallback to the screen): no answer is sent."""
