"""A window's handle on the task manager (desktop/taskman.py; STYLE.md section 3).

``Operations`` starts no thread: ``run`` puts an op on the application's DB executor,
``background`` a task on its pool; ``success`` and ``failure`` run on the GUI thread (without
``failure``, the window's ``on_error``). An op never touches a widget. ``changes_applied``
re-emits the manager's ``OpChanges`` of every op in the application (this window's and
others'), so a screen refreshes on what changed; pass ``initiator=self`` to recognise its own
edits. Closing a window (``shutdown``) drops its queued ops and waits for its running ones.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from concurrent.futures import Future, wait
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from desktop.taskman import TaskManager, task_manager
from models.changes import OpChanges

logger = logging.getLogger(__name__)

T = TypeVar("T")


class Operations(QObject):
    changes_applied = Signal(object)  # OpChanges

    # worker → GUI thread, queued on this object: once it is deleted, nothing more is delivered
    _relay = Signal(object)

    def __init__(
        self,
        on_error: Callable[[BaseException], None],
        manager: TaskManager | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.manager = manager or task_manager()
        self._relay.connect(self._on_relay)
        self._on_error = on_error
        self._futures: set[Future[Any]] = set()
        self._closed = False
        self.manager.changes_applied.connect(self._changed)

    @property
    def busy(self) -> bool:
        return bool(self._futures)

    def run(
        self,
        op: Callable[[], T],
        success: Callable[[T], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        *,
        initiator: object = None,
        exclusive: bool = False,
    ) -> Future[T]:
        """``op`` on the DB executor (``exclusive``: alone, see desktop/taskman.py)."""
        if self._closed:
            return self._refused(op)
        future = self.manager.run_db(
            op, self._done(success, failure), initiator=initiator, exclusive=exclusive, deliver=self._deliver()
        )
        return self._track(future)

    def background(
        self,
        task: Callable[[], T],
        success: Callable[[T], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        *,
        uses_db: bool = False,
        initiator: object = None,
    ) -> Future[T]:
        """``task`` on the pool: rendering, image work, network I/O."""
        if self._closed:
            return self._refused(task)
        future = self.manager.run_pool(
            task, self._done(success, failure), uses_db=uses_db, initiator=initiator, deliver=self._deliver()
        )
        return self._track(future)

    def shutdown(self) -> None:
        """The window is closing: queued ops are dropped, running ones finish; nothing new starts."""
        self._closed = True
        for future in list(self._futures):
            future.cancel()
        wait(list(self._futures))
        self._futures.clear()  # all over: their callbacks, still queued, report nothing

    # --- plumbing -------------------------------------------------------------------------

    def _track(self, future: Future[T]) -> Future[T]:
        if not future.done():
            self._futures.add(future)
        return future

    def _refused(self, op: Callable[..., Any]) -> Future[Any]:
        # The window is closing: a late refresh or timer has nothing to do.
        logger.debug("op asked for after the window closed: %s", _name(op))
        future: Future[Any] = Future()
        future.cancel()
        return future

    def _done(
        self, success: Callable[[Any], None] | None, failure: Callable[[BaseException], None] | None
    ) -> Callable[[Future[Any], OpChanges], None]:
        def finished(fut: Future[Any], _changes: OpChanges) -> None:
            self._futures.discard(fut)
            if fut.cancelled():  # dropped when the window closed: nothing to report
                return
            exc = fut.exception()
            if exc is not None:
                (failure or self._on_error)(exc)
            elif success is not None:
                success(fut.result())

        return finished

    def _deliver(self) -> Callable[[Callable[[], None]], None]:
        """Queues a callback on this object, holding it only weakly: a worker thread must never
        drop the last reference to a QObject of the GUI thread."""
        ref = weakref.ref(self)

        def deliver(callback: Callable[[], None]) -> None:
            me = ref()
            if me is None:
                raise RuntimeError("the window's handle is gone")
            me._relay.emit(callback)

        return deliver

    def _on_relay(self, callback: Callable[[], None]) -> None:
        callback()

    def _changed(self, changes: OpChanges) -> None:
        if not self._closed:
            self.changes_applied.emit(changes)


def _name(op: Callable[..., Any]) -> str:
    return getattr(op, "__qualname__", type(op).__name__)
