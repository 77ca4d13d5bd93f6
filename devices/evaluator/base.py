"""Value types, the driver protocol and the level mapping for evaluator pads (no Qt).

Pads come with three keys (满意 / 一般 / 不满意) or five. Both are mapped onto the national five
levels of 好差评 (国办发〔2019〕51号; models/rating.RATINGS: 非常满意 满意 基本满意 不满意 非常不满意).
Key numbers count up from the worst: on a five-key pad 1 = 非常不满意 … 5 = 非常满意, on a
three-key pad 1 = 不满意, 2 = 一般, 3 = 满意. A three-key 一般 is stored as 基本满意 and its
满意 as 满意 (not 非常满意): the pad offered no stronger praise, so none is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from models.errors import UserFacingError
from models.rating import RATINGS

#: five-key pad: key → national level (RATINGS is ordered best first)
FIVE_LEVELS = {5: RATINGS[0], 4: RATINGS[1], 3: RATINGS[2], 2: RATINGS[3], 1: RATINGS[4]}
#: three-key pad (满意 / 一般 / 不满意)
THREE_LEVELS = {3: "满意", 2: "基本满意", 1: "不满意"}
SCALES = {3: THREE_LEVELS, 5: FIVE_LEVELS}


def level_to_rating(scale: int, level: int) -> str:
    """A pad's key on its scale → one of models.rating.RATINGS; ValueError for anything else."""
    levels = SCALES.get(scale)
    if levels is None or level not in levels:
        raise ValueError(f"no level {level} on a {scale}-key pad")
    return levels[level]


class EvaluatorErrors:
    """Codes of the UserFacingErrors evaluators raise (text in desktop/messages/evaluator.py)."""

    NOT_CONFIGURED = "evaluator.not_configured"
    PORT_NOT_FOUND = "evaluator.port_not_found"
    PORT_BUSY = "evaluator.port_busy"
    PORT_LOST = "evaluator.port_lost"
    TIMEOUT = "evaluator.timeout"
    GARBLED = "evaluator.garbled"
    DEVICE_ERROR = "evaluator.device_error"
    NO_ANSWER = "evaluator.no_answer"
    LIBRARY_NOT_FOUND = "evaluator.library_not_found"
    LIBRARY_FUNCTION = "evaluator.library_function"
    LIBRARY_CODE = "evaluator.library_code"
    SERIAL_UNAVAILABLE = "evaluator.serial_unavailable"


@dataclass(frozen=True)
class EvaluatorResult:
    """One answer to one request: a rating, or why there is none (``error``)."""

    case_no: str
    rating: str = ""
    error: UserFacingError | None = None
    #: what the pad sent (its scale and key), for the log and the tests
    scale: int = 0
    level: int = 0

    @property
    def ok(self) -> bool:
        return bool(self.rating) and self.error is None


ResultCallback = Callable[[EvaluatorResult], None]


@runtime_checkable
class EvaluatorDriver(Protocol):
    """An evaluator pad. All I/O runs on the driver's own thread; ``request`` returns at once
    and ``done`` is called from that thread, exactly once per request that was not cancelled."""

    name: str

    def describe(self) -> str: ...

    def request(self, case_no: str, done: ResultCallback) -> None: ...

    def cancel(self) -> None: ...

    def check(self) -> str:
        """Blocking (for the CLI and a settings 测试 button): the pad answers, or UserFacingError."""
        ...

    def close(self) -> None: ...
