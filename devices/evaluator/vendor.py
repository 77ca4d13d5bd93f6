"""An evaluator pad driven through its vendor's library (DLL / .so) with ctypes.

"柜外清" pads that are USB-HID only come with a library whose start-evaluation call blocks until
the applicant presses a key and returns the key. Vendors name and shape that call differently and
publish none of it, so the call is configured, not guessed: ``evaluator_library`` (the file),
``evaluator_function`` (the exported name) and ``evaluator_scale`` (3: 满意/一般/不满意, 5: five
levels). The call Tongban makes is::

    int <function>(int timeout_seconds);

returning the key (1 = worst … ``scale`` = best), 0 when no key was pressed within the time,
and a negative number for a device fault. A library whose call takes other arguments is adapted
with a few lines of C (docs/devices.md shows one). The call runs on the driver's own thread; it
cannot be interrupted, so a cancelled request's late answer is dropped, not delivered.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from models.errors import UserFacingError

from .base import EvaluatorErrors, EvaluatorResult, ResultCallback, level_to_rating

logger = logging.getLogger(__name__)


def load_function(path: str, function: str) -> Any:
    if not path or not Path(path).exists():
        raise UserFacingError(EvaluatorErrors.LIBRARY_NOT_FOUND, path=path)
    try:
        library = ctypes.WinDLL(path) if hasattr(ctypes, "WinDLL") else ctypes.CDLL(path)
    except OSError as exc:
        raise UserFacingError(EvaluatorErrors.LIBRARY_NOT_FOUND, path=path) from exc
    try:
        fn = getattr(library, function)
    except AttributeError:
        raise UserFacingError(EvaluatorErrors.LIBRARY_FUNCTION, function=function, path=path) from None
    fn.argtypes = [ctypes.c_int]
    fn.restype = ctypes.c_int
    return fn


class LibraryEvaluator:
    name = "library"

    def __init__(self, path: str, function: str, *, scale: int = 5, timeout: float = 60.0) -> None:
        if scale not in (3, 5):
            raise ValueError("scale must be 3 or 5")
        self.path = path
        self.function = function
        self.scale = scale
        self.timeout = timeout
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="evaluator-library")
        self._cancelled = threading.Event()
        self._cancelled.set()

    def describe(self) -> str:
        return f"{Path(self.path).name}:{self.function}"

    def _call(self) -> int:
        fn = load_function(self.path, self.function)
        return int(fn(max(1, round(self.timeout))))

    def _run_request(self, case_no: str, done: ResultCallback, cancelled: threading.Event) -> None:
        if cancelled.is_set():
            return
        try:
            code = self._call()
            if code == 0:
                raise UserFacingError(EvaluatorErrors.TIMEOUT, seconds=round(self.timeout))
            if code < 0:
                raise UserFacingError(EvaluatorErrors.LIBRARY_CODE, result=code)
            try:
                rating = level_to_rating(self.scale, code)
            except ValueError:
                raise UserFacingError(EvaluatorErrors.LIBRARY_CODE, result=code) from None
        except UserFacingError as exc:
            if not cancelled.is_set():
                done(EvaluatorResult(case_no, error=exc))
            return
        except Exception as exc:  # a foreign library: anything it does is reported, never lost
            logger.exception("evaluator: library call failed")
            if not cancelled.is_set():
                done(
                    EvaluatorResult(
                        case_no, error=UserFacingError(EvaluatorErrors.DEVICE_ERROR, detail=type(exc).__name__)
                    )
                )
            return
        if cancelled.is_set():
            logger.info("evaluator: a withdrawn request was answered late; dropped")
            return
        done(EvaluatorResult(case_no, rating, scale=self.scale, level=code))

    def request(self, case_no: str, done: ResultCallback) -> None:
        self._cancelled.set()
        self._cancelled = threading.Event()
        self._executor.submit(self._run_request, case_no, done, self._cancelled)

    def cancel(self) -> None:
        self._cancelled.set()

    def check(self) -> str:
        """Loads the library and finds the call (without starting an evaluation)."""
        future = self._executor.submit(load_function, self.path, self.function)
        future.result(timeout=10.0)
        return self.describe()

    def close(self) -> None:
        self._cancelled.set()
        self._executor.shutdown(wait=False, cancel_futures=True)
