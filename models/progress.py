"""Progress reporting and cancellation for long work (STYLE.md section 4)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from models.errors import Cancelled


@dataclass(frozen=True)
class Progress:
    done: int
    total: int | None = None
    label: str = ""


ProgressFn = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    """Default progress callback that ignores reports."""


class CancelToken:
    """A flag set by the GUI (or a signal handler) and checked by the worker between chunks."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()


#: STYLE.md section 4: a progress display is updated at most this many times a second.
PROGRESS_HZ = 10


class ProgressThrottle:
    """Which reports to pass on: at most ``hz`` a second, but always the first and the last
    (``done >= total``), and with ``phases`` every change of label (the label names a phase, not
    an item). For one reporting thread."""

    def __init__(
        self, hz: float = PROGRESS_HZ, now: Callable[[], float] = time.monotonic, *, phases: bool = False
    ) -> None:
        self.interval = 1.0 / hz
        self.now = now
        self.phases = phases
        self._last: float | None = None
        self._label: str | None = None

    def due(self, step: Progress) -> bool:
        t = self.now()
        final = step.total is not None and step.done >= step.total
        changed = self.phases and step.label != self._label
        if self._last is not None and not (final or changed) and t - self._last < self.interval:
            return False
        self._last, self._label = t, step.label
        return True

    def wrap(self, report: ProgressFn) -> ProgressFn:
        """``report`` called only for the reports that are due."""

        def throttled(step: Progress) -> None:
            if self.due(step):
                report(step)

        return throttled
