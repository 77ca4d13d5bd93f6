"""The application's one task manager (STYLE.md sections 3-4, as Anki's aqt/taskman.py).

Every thread desktop/ runs work on belongs to this object (devices keep their own device
threads, STYLE.md section 5):

- **the DB executor**, a single worker: ops that open sessions on the station's database run
  here one after another, so writers never race and a screen's reads see the writes queued
  before them;
- **the pool**, a few workers for I/O and rendering (painting PDFs, image work, network probes,
  a sync run's network phase). A pool task that opens sessions itself (``uses_db=True``, the
  sync engine's short phases) says so, so that an exclusive op can wait for it;
- **exclusive ops** (a data-key rotation) run on the DB executor once every DB op queued before
  them has run and every ``uses_db`` pool task has finished; pool tasks that use the database
  wait until the exclusive op is over;
- **changes**: each op runs inside ``models.changes.track_changes()``; when it has committed
  writes, ``changes_applied`` carries an ``OpChanges`` (the tables, and the ``initiator`` the
  caller named), after the op's own callback — screens refresh on what changed and skip their
  own edits;
- **progress**: ``progress()`` gives a ``ProgressReporter`` with a ``CancelToken``; reports from
  the worker are throttled to 10 a second and delivered on the GUI thread, and its dialog (if
  any) appears only when the work is still going after ``SHOW_PROGRESS_AFTER_MS``.

Results come back on the GUI thread through one queued signal; the GUI thread never waits on
a future (a window closing waits for its own ops, see ``Operations.shutdown``). Create the
manager in the GUI thread: ``task_manager()`` makes it on first use.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from models.changes import OpChanges, track_changes
from models.progress import PROGRESS_HZ, CancelToken, Progress, ProgressThrottle

logger = logging.getLogger(__name__)

T = TypeVar("T")

POOL_WORKERS = 3
#: STYLE.md section 4: a progress dialog only for work still going after this long.
SHOW_PROGRESS_AFTER_MS = 600

Done = Callable[[Future[Any], OpChanges], None]
#: Puts a callback on the GUI thread (``TaskManager.run_on_main``, or a window's own relay).
Deliver = Callable[[Callable[[], None]], None]


class _Gate:
    """Shared for ``uses_db`` pool tasks, exclusive for exclusive ops; a waiting exclusive op
    goes first (new shared holders wait behind it), so it cannot be starved."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._holders = threading.local()  # does this thread hold the gate shared?
        self._shared = 0
        self._exclusive_waiting = 0
        self._exclusive = False

    @contextmanager
    def shared(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._exclusive and not self._exclusive_waiting)
            self._shared += 1
        self._holders.shared = True
        try:
            yield
        finally:
            self._holders.shared = False
            with self._cond:
                self._shared -= 1
                self._cond.notify_all()

    def held_here(self) -> bool:
        return bool(getattr(self._holders, "shared", False))

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._cond:
            self._exclusive_waiting += 1
            self._cond.wait_for(lambda: not self._exclusive and self._shared == 0)
            self._exclusive_waiting -= 1
            self._exclusive = True
        try:
            yield
        finally:
            with self._cond:
                self._exclusive = False
                self._cond.notify_all()


class TaskManager(QObject):
    changes_applied = Signal(object)  # OpChanges, after the op's own callback

    _deliver = Signal(object)  # worker → GUI thread (queued: emitted from other threads)

    def __init__(self, pool_workers: int = POOL_WORKERS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-op")
        self._pool = ThreadPoolExecutor(max_workers=pool_workers, thread_name_prefix="task-pool")
        self._gate = _Gate()
        self._db_thread: threading.Thread | None = None
        self._closed = False
        self._deliver.connect(self._on_deliver)

    # --- running work ---------------------------------------------------------------------

    def run_db(
        self,
        op: Callable[[], T],
        on_done: Done | None = None,
        *,
        initiator: object = None,
        exclusive: bool = False,
        deliver: Deliver | None = None,
    ) -> Future[T]:
        """``op`` on the DB executor; ``on_done(future, changes)`` on the GUI thread (through
        ``deliver``: a window's relay, so that nothing is delivered once the window is gone)."""
        return self._submit(self._db, op, on_done, initiator, deliver, exclusive=exclusive, uses_db=False, on_db=True)

    def run_pool(
        self,
        task: Callable[[], T],
        on_done: Done | None = None,
        *,
        initiator: object = None,
        uses_db: bool = False,
        deliver: Deliver | None = None,
    ) -> Future[T]:
        """``task`` on the pool (I/O, rendering); ``uses_db``: it opens sessions itself."""
        return self._submit(
            self._pool, task, on_done, initiator, deliver, exclusive=False, uses_db=uses_db, on_db=False
        )

    def db_call(self, op: Callable[[], T]) -> T:
        """From a pool task: run ``op`` as a DB op and wait for its result (a short read or write
        between two pieces of pool work). Never from the GUI thread, the DB executor, or a
        ``uses_db`` task (an exclusive op queued meanwhile would wait for that task, and the task
        for the exclusive op)."""
        if threading.current_thread() is self._db_thread:
            raise RuntimeError("db_call on the DB executor would wait for itself")
        if self._gate.held_here():
            raise RuntimeError("db_call from a task that uses the database could deadlock an exclusive op")
        return self.run_db(op).result()

    def run_on_main(self, callback: Callable[[], None]) -> None:
        """``callback`` on the GUI thread (from any thread)."""
        self._deliver.emit(callback)

    def progress(
        self,
        parent: QWidget | None = None,
        *,
        title: str = "",
        text: str = "",
        total: int | None = None,
        label: Callable[[Progress], str] | None = None,
        cancel_text: str | None = None,
        dialog: bool = True,
    ) -> ProgressReporter:
        """A reporter for one piece of long work: its ``report`` goes to the worker, its
        ``token`` is set by the dialog's 取消 (or by closing it). ``text`` and ``total`` are shown
        until the first report; ``label`` makes the text of a report."""
        return ProgressReporter(
            self, parent, title=title, text=text, total=total, label=label, cancel_text=cancel_text, dialog=dialog
        )

    @property
    def closed(self) -> bool:
        return self._closed

    def shutdown(self) -> None:
        """At exit: queued work is dropped, running work finishes."""
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._db.shutdown(wait=True, cancel_futures=True)

    # --- plumbing -------------------------------------------------------------------------

    def _submit(
        self,
        executor: ThreadPoolExecutor,
        op: Callable[[], T],
        on_done: Done | None,
        initiator: object,
        deliver: Deliver | None,
        *,
        exclusive: bool,
        uses_db: bool,
        on_db: bool,
    ) -> Future[T]:
        outer: Future[T] = Future()
        changed: set[str] = set()
        # The op and the callback (closures over widgets) are released on the GUI thread, when
        # the result is handed over: a worker must not drop the last reference to a QObject.
        held: list[Any] = [op, on_done]

        def job() -> None:
            if on_db:
                self._db_thread = threading.current_thread()
            if not outer.set_running_or_notify_cancel():
                return
            try:
                with self._guard(exclusive, uses_db), track_changes() as sink:
                    try:
                        result = held[0]()
                    finally:
                        changed.update(sink)
            except BaseException as exc:  # delivered to the caller's failure callback
                outer.set_exception(exc)
            else:
                outer.set_result(result)

        def finished(fut: Future[T]) -> None:
            changes = OpChanges(frozenset(changed), initiator)

            def on_main() -> None:
                callback: Done | None = held[1] if held else None
                held.clear()
                if callback is not None:
                    callback(fut, changes)

            try:
                (deliver or self.run_on_main)(on_main)
            except RuntimeError:  # the window's relay is gone: nobody is left to tell
                logger.debug("op finished after its window was gone")
                self.run_on_main(held.clear)
            if changes:  # queued after the callback, on the same thread: delivered after it
                self._deliver.emit(lambda: self.changes_applied.emit(changes))

        outer.add_done_callback(finished)
        if self._closed:
            outer.cancel()
            return outer
        try:
            executor.submit(job)
        except RuntimeError:  # shut down meanwhile
            outer.cancel()
        return outer

    def _guard(self, exclusive: bool, uses_db: bool) -> Any:
        if exclusive:
            return self._gate.exclusive()
        if uses_db:
            return self._gate.shared()
        return _nothing()

    @Slot(object)
    def _on_deliver(self, callback: Callable[[], None]) -> None:
        callback()


@contextmanager
def _nothing() -> Iterator[None]:
    yield


class ProgressReporter(QObject):
    """Progress of one piece of work: ``report`` (any thread) → ``reported`` (GUI thread), at
    most ``PROGRESS_HZ`` a second; with ``dialog``, a ``QProgressDialog`` shown only if the work
    is still going after ``SHOW_PROGRESS_AFTER_MS``, whose 取消 (or closing) sets ``token``.

    Call ``finish()`` when the work is over and leave the object to its parent: do not
    ``deleteLater()`` it (PySide 6 was seen to crash in ``~QObject`` — "shared QObject was deleted
    directly" — when a reporter was deleted that way right after its batch)."""

    reported = Signal(object)  # Progress
    cancel_requested = Signal()

    def __init__(
        self,
        manager: TaskManager,
        parent: QWidget | None,
        *,
        title: str = "",
        text: str = "",
        total: int | None = None,
        label: Callable[[Progress], str] | None = None,
        cancel_text: str | None = None,
        dialog: bool = True,
        hz: float = PROGRESS_HZ,
    ) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self.latest: Progress | None = None
        self.dialog: QProgressDialog | None = None
        self._parent = parent
        self._title, self._text, self._total = title, text, total
        self._label, self._cancel_text = label, cancel_text
        self._throttle = ProgressThrottle(hz)
        self._lock = threading.Lock()
        self._done = False
        self._manager = manager
        if dialog:  # no QTimer kept as an attribute: this object may be deleteLater()'d
            QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, self, self._show)

    @property
    def callback(self) -> Callable[[Progress], None]:
        """``report`` for handing to the worker. It holds this object only weakly: a worker
        thread must never drop the last reference to a QObject that lives in the GUI thread
        (its deletion would then race the GUI thread's ``deleteLater``)."""
        ref = weakref.ref(self)

        def report(step: Progress) -> None:
            reporter = ref()
            if reporter is not None:
                reporter.report(step)

        return report

    def report(self, step: Progress) -> None:
        """Worker thread: throttled, then queued to the GUI thread."""
        with self._lock:
            due = self._throttle.due(step)
        if due:  # through the manager, which outlives this object: no event is left pending here
            self._manager.run_on_main(lambda: self._on_report(step))

    def cancel(self) -> None:
        self.token.cancel()
        self.cancel_requested.emit()

    def finish(self) -> None:
        """The work is over: no dialog any more (nor later)."""
        self._done = True  # a pending _show does nothing
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _on_report(self, step: Progress) -> None:
        if self._done:
            return
        self.latest = step
        self.reported.emit(step)
        self._update()

    def _show(self) -> None:
        if self._done or self.dialog is not None:
            return
        total = self.latest.total if self.latest is not None else self._total
        dialog = QProgressDialog(self._text, self._cancel_text or "", 0, max(total or 0, 1), self._parent)
        if self._cancel_text is None:
            dialog.setCancelButton(None)
        dialog.setWindowTitle(self._title)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.cancel)  # 取消, Esc and closing the dialog: the flag only
        self.dialog = dialog
        self._update()
        dialog.show()

    def _update(self) -> None:
        dialog, latest = self.dialog, self.latest
        if dialog is None or latest is None or self.token.cancelled:
            return
        dialog.setMaximum(max(latest.total or 0, 1))
        dialog.setValue(latest.done)
        if self._label is not None:
            dialog.setLabelText(self._label(latest))

    def set_label_text(self, text: str) -> None:
        if self.dialog is not None:
            self.dialog.setLabelText(text)


_instance: TaskManager | None = None


def task_manager() -> TaskManager:
    """The application's task manager (made on first use, in the GUI thread)."""
    global _instance
    if _instance is None or _instance.closed:
        _instance = TaskManager()
    return _instance
