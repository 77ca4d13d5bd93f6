"""The PC/SC driver: pyscard over WinSCard (Windows) or pcsc-lite (Linux).

Every PC/SC call runs on one worker thread (``ThreadPoolExecutor(max_workers=1)``, as
electrum's ``runs_in_hwd_thread``): the PC/SC context and pyscard are not assumed thread-safe.
The monitor is a task on that same thread that blocks in ``SCardGetStatusChange`` for at most
``poll_ms`` and re-queues itself; a caller that wants the thread for a read queues its task and
calls ``SCardCancel`` (documented as callable from another thread) to wake the monitor at once.
No card handle is kept between reads (hot-plug: ask again each time).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from smartcard import scard

from models.errors import UserFacingError

from .base import CardErrors, CardEvent, CardEventCallback, CardEventKind, CardReadResult, ReaderInfo
from .reading import read_social_security_card

logger = logging.getLogger(__name__)

T = TypeVar("T")

PNP_NOTIFICATION = "\\\\?PnP?\\Notification"

_SERVICE_GONE = frozenset({scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED, scard.SCARD_E_INVALID_HANDLE})
_CARD_GONE = frozenset({scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD})

_CODES: dict[int, str] = {
    scard.SCARD_E_NO_SERVICE: CardErrors.PCSC_UNAVAILABLE,
    scard.SCARD_E_SERVICE_STOPPED: CardErrors.PCSC_UNAVAILABLE,
    scard.SCARD_E_NO_READERS_AVAILABLE: CardErrors.NO_READER,
    scard.SCARD_E_READER_UNAVAILABLE: CardErrors.NO_READER,
    scard.SCARD_E_UNKNOWN_READER: CardErrors.READER_NOT_FOUND,
    scard.SCARD_E_NO_SMARTCARD: CardErrors.NO_CARD,
    scard.SCARD_W_REMOVED_CARD: CardErrors.REMOVED,
    scard.SCARD_W_UNRESPONSIVE_CARD: CardErrors.UNRESPONSIVE,
    scard.SCARD_W_UNPOWERED_CARD: CardErrors.UNRESPONSIVE,
    scard.SCARD_W_UNSUPPORTED_CARD: CardErrors.UNSUPPORTED,
    scard.SCARD_E_PROTO_MISMATCH: CardErrors.UNSUPPORTED,
    scard.SCARD_E_SHARING_VIOLATION: CardErrors.READER_BUSY,
    scard.SCARD_E_TIMEOUT: CardErrors.TIMEOUT,
}


def pcsc_error(hr: int, **params: object) -> UserFacingError:
    """A PC/SC return code as a UserFacingError (the PC/SC text goes to ``detail`` for logs)."""
    code = _CODES.get(hr, CardErrors.READER_ERROR)
    return UserFacingError(code, detail=f"{hr & 0xFFFFFFFF:08X} {scard.SCardGetErrorMessage(hr)}", **params)


class PcscDriver:
    name = "pcsc"

    def __init__(self, *, timeout: float = 10.0, poll_ms: int = 1000) -> None:
        self.timeout = timeout
        self.poll_ms = poll_ms
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="card-pcsc", initializer=self._remember_thread
        )
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()
        self._queued = 0  # tasks waiting for the worker; the monitor does not block while > 0
        self._ctx: int | None = None  # worker thread only (read by _wake for SCardCancel)
        self._closed = False
        # Monitor state, worker thread only.
        self._monitoring = False
        self._callback: CardEventCallback | None = None
        self._auto_read = True
        self._states: dict[str, int] = {}
        self._present: dict[str, bool] = {}
        self._pnp_state = scard.SCARD_STATE_UNAWARE
        self._readers_known = False
        self._backoff = threading.Event()

    # ----------------------------------------------------------------- any thread
    def list_readers(self) -> list[ReaderInfo]:
        return self._call(self._list_readers)

    def read(self, reader: str | None = None) -> CardReadResult:
        return self._call(self._read, reader)

    def start_monitoring(self, callback: CardEventCallback, *, auto_read: bool = True) -> bool:
        self._callback, self._auto_read = callback, auto_read
        if not self._monitoring:
            self._monitoring = True
            self._backoff.clear()
            self._executor.submit(self._reset_monitor)
            self._executor.submit(self._poll)
        return True

    def stop_monitoring(self) -> None:
        self._monitoring = False
        self._backoff.set()
        self._wake()

    def close(self) -> None:
        if self._closed:
            return
        self.stop_monitoring()
        self._closed = True
        try:
            self._wait(self._executor.submit(self._release_context), self.timeout)
        except FutureTimeout:
            logger.warning("card: PC/SC worker still busy at close")
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _call(self, fn: Callable[..., T], *args: object) -> T:
        if threading.current_thread() is self._worker:
            return fn(*args)
        if self._closed:
            raise UserFacingError(CardErrors.READER_ERROR, detail="driver closed")
        with self._lock:
            self._queued += 1

        def task() -> T:
            with self._lock:
                self._queued -= 1
            return fn(*args)

        future: Future[T] = self._executor.submit(task)
        try:
            return self._wait(future, self.timeout)
        except FutureTimeout:
            if future.cancel():
                with self._lock:
                    self._queued -= 1
            logger.warning("card: PC/SC call did not finish within %.1f s", self.timeout)
            raise UserFacingError(CardErrors.TIMEOUT, seconds=self.timeout) from None

    def _wait(self, future: Future[T], timeout: float) -> T:
        """Wait for a queued task, waking the monitor until the worker picks the task up.

        SCardCancel only interrupts a call already blocking: one sent just before the monitor
        enters SCardGetStatusChange is lost, so it is repeated every 50 ms while we wait.
        """
        deadline = time.monotonic() + timeout
        while True:
            if not future.running() and not future.done():
                self._wake()  # only until it starts: the task itself may wait on status changes
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FutureTimeout
            try:
                return future.result(timeout=min(0.05, remaining))
            except FutureTimeout:
                continue

    def _wake(self) -> None:
        ctx = self._ctx
        if ctx is not None:
            scard.SCardCancel(ctx)

    def _remember_thread(self) -> None:
        self._worker = threading.current_thread()

    # ----------------------------------------------------------------- worker thread
    def _context(self) -> int:
        if self._ctx is None:
            hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hr != scard.SCARD_S_SUCCESS:
                raise pcsc_error(scard.SCARD_E_NO_SERVICE if hr in _SERVICE_GONE else hr)
            self._ctx = ctx
        return self._ctx

    def _release_context(self) -> None:
        ctx, self._ctx = self._ctx, None
        if ctx is not None:
            scard.SCardReleaseContext(ctx)

    def _reader_names(self) -> list[str]:
        for attempt in (1, 2):
            hr, names = scard.SCardListReaders(self._context(), [])
            if hr == scard.SCARD_S_SUCCESS:
                return list(names)
            if hr == scard.SCARD_E_NO_READERS_AVAILABLE:
                return []
            if hr in _SERVICE_GONE and attempt == 1:
                self._release_context()  # pcscd restarted: a new context may work
                continue
            raise pcsc_error(hr)
        return []  # pragma: no cover - the loop returns or raises

    def _list_readers(self) -> list[ReaderInfo]:
        names = self._reader_names()
        if not names:
            return []
        hr, states = scard.SCardGetStatusChange(self._context(), 0, [(n, scard.SCARD_STATE_UNAWARE) for n in names])
        if hr != scard.SCARD_S_SUCCESS:
            raise pcsc_error(hr)
        out = []
        for name, state, atr in states:
            present = bool(state & scard.SCARD_STATE_PRESENT)
            atr_hex = bytes(atr).hex().upper() if present and atr else None
            out.append(ReaderInfo(name, card_present=present, atr=atr_hex, backend=self.name))
        return out

    def _card_gone(self, reader: str, wait_ms: int = 1500) -> bool:
        """After a failed exchange: has the card been pulled out?

        The reader driver may report the failure before the daemon has seen the card go, so
        wait (on the PC/SC event, not a sleep) up to ``wait_ms`` for the state to change.
        """
        ctx = self._context()
        hr, states = scard.SCardGetStatusChange(ctx, 0, [(reader, scard.SCARD_STATE_UNAWARE)])
        if hr != scard.SCARD_S_SUCCESS:
            return True
        state = states[0][1] & ~scard.SCARD_STATE_CHANGED
        if not state & scard.SCARD_STATE_PRESENT:
            return True
        hr, states = scard.SCardGetStatusChange(ctx, wait_ms, [(reader, state)])
        return hr == scard.SCARD_S_SUCCESS and not states[0][1] & scard.SCARD_STATE_PRESENT

    def _read(self, reader: str | None) -> CardReadResult:
        readers = self._list_readers()
        if not readers:
            raise UserFacingError(CardErrors.NO_READER)
        if reader is not None:
            if reader not in {r.name for r in readers}:
                raise UserFacingError(CardErrors.READER_NOT_FOUND, reader=reader)
            target = reader
        else:
            with_card = [r.name for r in readers if r.card_present]
            if not with_card:
                raise UserFacingError(CardErrors.NO_CARD, reader=readers[0].name if len(readers) == 1 else "")
            target = with_card[0]
        return self._read_reader(target)

    def _read_reader(self, target: str) -> CardReadResult:
        ctx = self._context()
        hr, hcard, protocol = scard.SCardConnect(
            ctx, target, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
        )
        if hr != scard.SCARD_S_SUCCESS:
            raise pcsc_error(hr, reader=target)
        try:
            hr = scard.SCardBeginTransaction(hcard)
            if hr != scard.SCARD_S_SUCCESS:
                raise pcsc_error(hr, reader=target)
            hr, _name, _state, _proto, atr = scard.SCardStatus(hcard)
            if hr != scard.SCARD_S_SUCCESS:
                raise pcsc_error(scard.SCARD_W_REMOVED_CARD if hr in _CARD_GONE else hr, reader=target)
            pci = scard.SCARD_PCI_T0 if protocol == scard.SCARD_PROTOCOL_T0 else scard.SCARD_PCI_T1

            def transmit(command: bytes) -> bytes:
                hr, response = scard.SCardTransmit(hcard, pci, list(command))
                if hr == scard.SCARD_S_SUCCESS and len(response) >= 2:
                    return bytes(response)
                # Pulled out mid-read: the reader may answer nothing, "not transacted" or a
                # communication error before the daemon reports the card gone.
                if hr in _CARD_GONE or self._card_gone(target):
                    raise UserFacingError(CardErrors.REMOVED, reader=target)
                if hr == scard.SCARD_S_SUCCESS:
                    raise UserFacingError(CardErrors.UNRESPONSIVE, reader=target)
                raise pcsc_error(hr, reader=target)

            result = read_social_security_card(transmit, atr=bytes(atr), reader=target, backend=self.name)
            scard.SCardEndTransaction(hcard, scard.SCARD_LEAVE_CARD)
            return result
        finally:
            # Reset: leave no application selected and no security state behind for the next user.
            scard.SCardDisconnect(hcard, scard.SCARD_RESET_CARD)

    # ----------------------------------------------------------------- monitor (worker thread)
    def _reset_monitor(self) -> None:
        self._states.clear()
        self._present.clear()
        self._pnp_state = scard.SCARD_STATE_UNAWARE
        self._readers_known = False

    def _poll(self) -> None:
        if not self._monitoring:
            return
        try:
            self._poll_once()
        except UserFacingError as exc:
            logger.warning("card monitor: %s", exc.code)
            self._release_context()
            # pcscd is gone: wait (interruptibly) before trying again instead of spinning.
            self._backoff.wait(self.poll_ms / 1000)
        except Exception:
            logger.exception("card monitor failed")
            self._backoff.wait(self.poll_ms / 1000)
        if self._monitoring and not self._closed:
            with contextlib.suppress(RuntimeError):  # the executor was shut down meanwhile
                self._executor.submit(self._poll)

    def _emit(self, event: CardEvent) -> None:
        callback = self._callback
        if callback is None or not self._monitoring:
            return
        try:
            callback(event)
        except Exception:
            logger.exception("card event callback failed")

    def _sync_readers(self) -> None:
        names = self._reader_names()
        for gone in [n for n in self._states if n not in names]:
            del self._states[gone]
            if self._present.pop(gone, False):
                self._emit(CardEvent(CardEventKind.CARD_REMOVED, gone))
            self._emit(CardEvent(CardEventKind.READER_REMOVED, gone))
        for new in [n for n in names if n not in self._states]:
            self._states[new] = scard.SCARD_STATE_UNAWARE
            self._present[new] = False
            self._emit(CardEvent(CardEventKind.READER_ADDED, new))
        self._readers_known = True

    def _poll_once(self) -> None:
        ctx = self._context()
        if not self._readers_known:
            self._sync_readers()
        with self._lock:
            timeout = 0 if self._queued or not self._monitoring else self.poll_ms
        watch = [(n, s) for n, s in self._states.items()] + [(PNP_NOTIFICATION, self._pnp_state)]
        hr, changes = scard.SCardGetStatusChange(ctx, timeout, watch)
        if hr in (scard.SCARD_E_TIMEOUT, scard.SCARD_E_CANCELLED):
            return
        if hr in (scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE):
            self._readers_known = False
            return
        if hr != scard.SCARD_S_SUCCESS:
            raise pcsc_error(hr)
        for name, event_state, _atr in changes:
            if name == PNP_NOTIFICATION:
                if event_state & scard.SCARD_STATE_CHANGED:
                    self._pnp_state = event_state & ~scard.SCARD_STATE_CHANGED
                    self._readers_known = False
                continue
            if name not in self._states:
                continue
            self._states[name] = event_state & ~scard.SCARD_STATE_CHANGED
            present = bool(event_state & scard.SCARD_STATE_PRESENT)
            was_present = self._present.get(name, False)
            self._present[name] = present
            if present and not was_present:
                self._card_inserted(name)
            elif was_present and not present:
                self._emit(CardEvent(CardEventKind.CARD_REMOVED, name))
        if not self._readers_known:
            self._sync_readers()

    def _card_inserted(self, reader: str) -> None:
        self._emit(CardEvent(CardEventKind.CARD_INSERTED, reader))
        if not self._auto_read:
            return
        try:
            result = self._read_reader(reader)
        except UserFacingError as exc:
            self._emit(CardEvent(CardEventKind.CARD_ERROR, reader, error=exc))
        else:
            self._emit(CardEvent(CardEventKind.CARD_READ, reader, result=result))
