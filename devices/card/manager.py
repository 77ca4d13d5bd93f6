"""Picks the card driver for this station and falls back to a null one (vorta keyring/abc.py).

Backends: ``pcsc`` (pyscard; any PC/SC reader), ``sscard`` (the vendor's iReadCardBas library,
by path), ``virtual`` (the in-process demo card) and ``auto``: sscard when a library is
configured, else PC/SC when pyscard imports, else the null driver that answers every read with
``card.no_reader`` / ``card.driver_unavailable``. ``auto`` never picks the virtual card: fictitious
data at a real counter would be worse than "no reader".
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from models.errors import UserFacingError

from .base import CardDriver, CardErrors, CardEventCallback, CardReadResult, ReaderInfo

logger = logging.getLogger(__name__)

BACKENDS = ("auto", "pcsc", "sscard", "virtual")
#: Station-level override of the vendor library path (settings may pass it explicitly instead).
ENV_SSCARD_LIBRARY = "TONGBAN_SSCARD_LIBRARY"


class NullCardDriver:
    """No usable reader stack: says so on every call, never hangs."""

    name = "none"

    def __init__(self, reason: str = CardErrors.NO_READER, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail

    def list_readers(self) -> list[ReaderInfo]:
        return []

    def read(self, reader: str | None = None) -> CardReadResult:
        raise UserFacingError(self.reason, detail=self.detail)

    def start_monitoring(self, callback: CardEventCallback, *, auto_read: bool = True) -> bool:
        return False

    def stop_monitoring(self) -> None:
        return None

    def close(self) -> None:
        return None


def pcsc_available() -> str | None:
    """None when pyscard imports, else why not."""
    try:
        import smartcard.scard  # noqa: F401
    except ImportError as exc:  # pragma: no cover - pyscard is a dependency
        return str(exc)
    return None


def create_driver(
    backend: str = "auto", *, sscard_library: str | Path | None = None, timeout: float = 10.0
) -> CardDriver:
    if backend not in BACKENDS:
        raise ValueError(f"unknown card backend {backend!r}")
    library = sscard_library or os.environ.get(ENV_SSCARD_LIBRARY) or None
    if backend == "sscard" or (backend == "auto" and library):
        if not library:
            raise UserFacingError(CardErrors.LIBRARY_NOT_FOUND, path="")
        from .sscard import SscardDriver

        return SscardDriver(library, timeout=timeout)
    if backend == "virtual":
        from .virtual_card import VirtualCardDriver

        return VirtualCardDriver()
    problem = pcsc_available()
    if problem is not None:
        if backend == "pcsc":
            raise UserFacingError(CardErrors.DRIVER_UNAVAILABLE, detail=problem)
        logger.warning("card: pyscard unavailable (%s); no card reader", problem)
        return NullCardDriver(CardErrors.DRIVER_UNAVAILABLE, problem)
    from .pcsc import PcscDriver

    return PcscDriver(timeout=timeout)


class CardManager:
    """The one place desktop/ and the CLI get a card driver from.

    The driver is created on first use and kept (it owns the device thread); connections to
    cards are never kept: each read asks the reader again (hot-plug). ``read_async`` is for a
    GUI: the blocking read waits on the manager's own request thread, one request at a time
    (the device side's threads, STYLE.md section 5; desktop/ starts none for devices).
    """

    def __init__(
        self, backend: str = "auto", *, sscard_library: str | Path | None = None, timeout: float = 10.0
    ) -> None:
        self.backend = backend
        self.sscard_library = sscard_library
        self.timeout = timeout
        self._driver: CardDriver | None = None
        self._requests: ThreadPoolExecutor | None = None

    @property
    def driver(self) -> CardDriver:
        if self._driver is None:
            self._driver = create_driver(self.backend, sscard_library=self.sscard_library, timeout=self.timeout)
            logger.info("card: using the %s driver", self._driver.name)
        return self._driver

    def list_readers(self) -> list[ReaderInfo]:
        return self.driver.list_readers()

    def read(self, reader: str | None = None) -> CardReadResult:
        return self.driver.read(reader)

    def read_async(self, reader: str | None = None) -> Future[CardReadResult]:
        """``read`` without waiting: the future completes on the manager's request thread."""
        if self._requests is None:
            self._requests = ThreadPoolExecutor(max_workers=1, thread_name_prefix="card-request")
        return self._requests.submit(self.read, reader)

    def start_monitoring(self, callback: CardEventCallback, *, auto_read: bool = True) -> bool:
        return self.driver.start_monitoring(callback, auto_read=auto_read)

    def stop_monitoring(self) -> None:
        if self._driver is not None:
            self._driver.stop_monitoring()

    def close(self) -> None:
        if self._requests is not None:
            self._requests.shutdown(wait=True)
            self._requests = None
        if self._driver is not None:
            self._driver.close()
            self._driver = None
