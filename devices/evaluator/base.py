"""The evaluator protocol: how a 好差评 comes from the applicant, whatever gives it.

The counter asks one evaluator per service (一次一评, 国办发〔2019〕51号) with an
``EvaluationRequest`` and gets back one ``Evaluation`` (or none, when the applicant walks away
and the clerk moves on: ``cancel``). The customer screen implements it in
desktop/customer_view.py (``CustomerScreenEvaluator``); a serial or vendor evaluator pad
(the devices issue) implements the same protocol in ``devices/evaluator/<driver>.py`` and runs its
I/O on its own thread (STYLE.md §5): it may call ``done`` from that thread, and the Qt bridge
re-emits it on the GUI thread. Storing the rating is the core's (models/rating.py: checks the
level, the reason a bad rating needs, and that the case is not rated yet).

Rules an implementation keeps:
- ``rating`` is one of ``RATINGS`` (``rating_for_key`` maps a pad's keys 1–5, 1 = 非常满意);
- a 不满意/非常不满意 rating carries ``reason`` (one of ``request.reasons``) and/or ``comment``,
  or the core refuses it with ``rating.reason_required`` (a pad without a reason menu lets the
  clerk's screen ask for the reason);
- ``channel`` says who gave it: ``screen`` or ``device:<short name>`` (16 characters at most);
- nothing personal goes to a log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from models.rating import BAD_RATINGS, RATINGS


@dataclass(frozen=True)
class EvaluationRequest:
    case_no: str
    item_name: str
    #: the county's reasons for a bad rating (models/rating.bad_reasons())
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Evaluation:
    case_no: str
    rating: str
    reason: str = ""
    comment: str = ""
    channel: str = "screen"

    @property
    def is_bad(self) -> bool:
        return self.rating in BAD_RATINGS


EvaluationCallback = Callable[[Evaluation], None]


@runtime_checkable
class Evaluator(Protocol):
    #: short, for ``channel`` and the device settings ("screen", "device:xyz")
    name: str

    def request(self, request: EvaluationRequest, done: EvaluationCallback) -> None:
        """Ask the applicant to rate ``request.case_no``; call ``done`` once with the answer."""

    def cancel(self) -> None:
        """The clerk moved on: stop asking (no ``done`` after this)."""


def rating_for_key(key: int) -> str:
    """A pad's key 1–5 as the level: 1 非常满意 … 5 非常不满意."""
    if not 1 <= key <= len(RATINGS):
        raise ValueError(f"rating key {key} outside 1..{len(RATINGS)}")
    return RATINGS[key - 1]
