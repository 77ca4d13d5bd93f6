"""Qt bridge for the evaluator pad: created in the GUI thread, re-emits the pad's answers.

The driver (devices/evaluator) waits for the applicant's key on its own thread and calls back
from there; because this QObject lives in the GUI thread, the signals it emits from that thread
are queued and delivered on the GUI thread (STYLE.md §5). Nothing here blocks: a pad that never
answers ends in ``failed`` after its time-out, and the case stays as it was.
"""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import QObject, Signal

from devices.evaluator import EvaluatorManager, EvaluatorResult
from models.errors import UserFacingError
from models.rating import DEVICE

logger = logging.getLogger(__name__)


class EvaluatorBridge(QObject):
    #: case_no, rating (one of models.rating.RATINGS), channel ("device:serial", …)
    rated = Signal(str, str, str)
    #: case_no, UserFacingError (timeout, unplugged, garbled, …)
    failed = Signal(str, object)

    def __init__(self, manager: EvaluatorManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.manager = manager
        #: the case the pad was last asked about ("" when none is waiting)
        self.waiting_for = ""

    @property
    def active(self) -> bool:
        return self.manager.uses_device

    def request(self, case_no: str) -> None:
        try:
            driver = self.manager.driver
        except UserFacingError as exc:
            self.failed.emit(case_no, exc)
            return
        self.waiting_for = case_no
        driver.request(case_no, self._answered)  # returns at once; answers on the device thread

    def cancel(self) -> None:
        self.waiting_for = ""
        if self.active:
            with contextlib.suppress(UserFacingError):  # a pad never set up has nothing to cancel
                self.manager.driver.cancel()

    def shutdown(self) -> None:
        self.waiting_for = ""
        self.manager.close()

    # Device thread --------------------------------------------------------------------------

    def _answered(self, result: EvaluatorResult) -> None:
        self.waiting_for = ""
        if result.ok:
            self.rated.emit(result.case_no, result.rating, f"{DEVICE}:{self.manager.config.backend}")
        else:
            self.failed.emit(result.case_no, result.error)
