"""Background work, one mechanism (STYLE.md section 3, as Anki's aqt/operations).

DB work runs on a single-worker executor, so writers are serialised; ``success`` and
``failure`` run on the GUI thread. An op never touches a widget. After a mutating op,
``changes_applied`` is emitted once so screens refresh what changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

logger = logging.getLogger(__name__)

T = TypeVar("T")


class _Relay(QObject):
    """Created in the GUI thread: a signal emitted from the worker is delivered there."""

    deliver = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.deliver.connect(self._run)

    @Slot(object)
    def _run(self, callback: Callable[[], None]) -> None:
        callback()


class Operations(QObject):
    changes_applied = Signal(object)  # the op's result, or None

    def __init__(self, on_error: Callable[[BaseException], None]) -> None:
        super().__init__()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-op")
        self._relay = _Relay()
        self._on_error = on_error
        self._pending = 0
        self._closed = False

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(
        self,
        op: Callable[[], T],
        success: Callable[[T], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        mutates: bool = False,
    ) -> Future[T]:
        if self._closed:  # the window is closing: a late refresh or timer has nothing to do
            if mutates:
                logger.warning("a change asked for after the window closed was not made: %s", _name(op))
            future: Future[T] = Future()
            future.cancel()
            return future
        self._pending += 1
        future = self._executor.submit(op)

        def finished(fut: Future[T]) -> None:
            self._relay.deliver.emit(lambda: self._finish(fut, success, failure, mutates))

        future.add_done_callback(finished)
        return future

    def _finish(
        self,
        fut: Future[Any],
        success: Callable[[Any], None] | None,
        failure: Callable[[BaseException], None] | None,
        mutates: bool,
    ) -> None:
        self._pending -= 1
        if fut.cancelled():  # queued when the window closed (shutdown cancels it): nothing to report
            return
        exc = fut.exception()
        if exc is not None:
            (failure or self._on_error)(exc)
            return
        result = fut.result()
        if success:
            success(result)
        if mutates:
            self.changes_applied.emit(result)

    def shutdown(self) -> None:
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)


def _name(op: Callable[..., Any]) -> str:
    return getattr(op, "__qualname__", type(op).__name__)
