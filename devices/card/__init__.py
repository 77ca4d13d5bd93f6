"""The social security card (社保卡): value types, drivers (PC/SC, iReadCardBas, virtual), manager.

Importing this package does not import pyscard; the PC/SC driver is loaded by the manager.
"""

from __future__ import annotations

from .base import (
    CardData,
    CardDriver,
    CardErrors,
    CardEvent,
    CardEventCallback,
    CardEventKind,
    CardReadResult,
    ReaderInfo,
    mask_name,
    mask_ssn,
)
from .manager import BACKENDS, CardManager, NullCardDriver, create_driver

__all__ = [
    "BACKENDS",
    "CardData",
    "CardDriver",
    "CardErrors",
    "CardEvent",
    "CardEventCallback",
    "CardEventKind",
    "CardManager",
    "CardReadResult",
    "NullCardDriver",
    "ReaderInfo",
    "create_driver",
    "mask_name",
    "mask_ssn",
]
