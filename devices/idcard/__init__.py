"""Resident ID card readers (居民身份证阅读器): GA 467 SAM frames over serial, vendor libraries."""

from __future__ import annotations

from .base import (
    IdCardData,
    IdCardDriver,
    IdCardErrors,
    IdCardEvent,
    IdCardEventKind,
    IdCardKind,
    IdReadResult,
    PhotoStatus,
)
from .manager import BACKENDS, IdCardConfig, IdCardManager, create_driver

__all__ = [
    "BACKENDS",
    "IdCardConfig",
    "IdCardData",
    "IdCardDriver",
    "IdCardErrors",
    "IdCardEvent",
    "IdCardEventKind",
    "IdCardKind",
    "IdCardManager",
    "IdReadResult",
    "PhotoStatus",
    "create_driver",
]
