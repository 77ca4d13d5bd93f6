"""Picks this station's evaluator pad (settings ``evaluator_*``) and falls back to none.

Backends: ``screen`` (the default: no pad, the customer screen collects the rating, see
desktop/customer_view.py), ``serial`` (TBEV/1 on a serial port), ``library`` (a vendor library
through ctypes) and ``virtual`` (the demo pad on a pseudo-terminal: give its port as for serial).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from models.errors import UserFacingError

from .base import EvaluatorDriver, EvaluatorErrors

logger = logging.getLogger(__name__)

BACKENDS = ("screen", "serial", "library", "virtual")


@dataclass(frozen=True)
class EvaluatorConfig:
    backend: str = "screen"
    port: str = ""
    baudrate: int = 9600
    library: str = ""
    function: str = ""
    scale: int = 5
    timeout: float = 60.0

    @property
    def uses_device(self) -> bool:
        return self.backend in ("serial", "library", "virtual")


def create_evaluator(config: EvaluatorConfig) -> EvaluatorDriver | None:
    """The configured pad, or None for ``screen``; UserFacingError when it is half configured."""
    if config.backend not in BACKENDS:
        raise UserFacingError(EvaluatorErrors.NOT_CONFIGURED)
    if config.backend in ("serial", "virtual"):
        if not config.port:
            raise UserFacingError(EvaluatorErrors.NOT_CONFIGURED)
        from .serial_driver import SerialEvaluator

        return SerialEvaluator(config.port, baudrate=config.baudrate, timeout=config.timeout)
    if config.backend == "library":
        if not config.library or not config.function:
            raise UserFacingError(EvaluatorErrors.NOT_CONFIGURED)
        from .vendor import LibraryEvaluator

        return LibraryEvaluator(config.library, config.function, scale=config.scale, timeout=config.timeout)
    return None


class EvaluatorManager:
    """The one place desktop/ and the CLI get the evaluator pad from (created on first use)."""

    def __init__(self, config: EvaluatorConfig | None = None) -> None:
        self.config = config or EvaluatorConfig()
        self._driver: EvaluatorDriver | None = None

    @property
    def uses_device(self) -> bool:
        return self.config.uses_device

    @property
    def driver(self) -> EvaluatorDriver:
        if self._driver is None:
            driver = create_evaluator(self.config)
            if driver is None:
                raise UserFacingError(EvaluatorErrors.NOT_CONFIGURED)
            self._driver = driver
            logger.info("evaluator: using the %s pad", driver.name)
        return self._driver

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None
