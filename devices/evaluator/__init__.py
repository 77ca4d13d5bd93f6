"""Evaluator pads (评价器, "柜外清"): the applicant's 好差评 by key, on a serial line or a vendor library."""

from __future__ import annotations

from .base import (
    EvaluatorDriver,
    EvaluatorErrors,
    EvaluatorResult,
    level_to_rating,
)
from .manager import BACKENDS, EvaluatorConfig, EvaluatorManager, create_evaluator

__all__ = [
    "BACKENDS",
    "EvaluatorConfig",
    "EvaluatorDriver",
    "EvaluatorErrors",
    "EvaluatorManager",
    "EvaluatorResult",
    "create_evaluator",
    "level_to_rating",
]
