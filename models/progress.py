"""Progress reporting and cancellation for long work (STYLE.md section 4)."""

from __future__ import annotations

import threading
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
