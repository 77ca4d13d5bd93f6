"""Picks the ID card driver for this station and falls back to a null one (as devices/card does).

Backends: ``serial`` (SAM frames on a serial port, pyserial), ``library`` (the vendor's
sdtapi/termb library via ctypes), ``virtual`` (the in-process virtual reader with a demo card)
and ``auto``: the library when one is configured, else the serial port when one is configured,
else the null driver that answers ``idcard.not_configured``. ``auto`` never picks the virtual
reader: fictitious data at a real counter would be worse than "no reader".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from models.errors import UserFacingError

from .base import IdCardDriver, IdCardErrors, IdCardEventCallback, IdReadResult
from .session import PhotoDecoder

logger = logging.getLogger(__name__)

T = TypeVar("T")

BACKENDS = ("auto", "serial", "library", "virtual")


@dataclass(frozen=True)
class IdCardConfig:
    """What settings.json says about this station's ID card reader."""

    backend: str = "auto"
    port: str = ""  # COM3, /dev/ttyUSB0
    baudrate: int = 115200
    library: str = ""  # sdtapi.dll, libtermb.so, …
    library_port: int = 1001  # 1–16 serial, 1001–1016 USB
    photo_decoder: str = ""  # licensed WLT decoder library
    virtual_card: str = "demo"
    timeout: float = 10.0


class NullIdCardDriver:
    name = "none"

    def __init__(self, reason: str = IdCardErrors.NOT_CONFIGURED) -> None:
        self.reason = reason

    def describe(self) -> str:
        return "—"

    def read(self) -> IdReadResult:
        raise UserFacingError(self.reason)

    def check(self) -> str:
        raise UserFacingError(self.reason)

    def start_monitoring(self, callback: IdCardEventCallback) -> bool:
        return False

    def stop_monitoring(self) -> None:
        return None

    def close(self) -> None:
        return None


def _decoder(config: IdCardConfig) -> PhotoDecoder | None:
    if not config.photo_decoder:
        return None
    from .vendor import WltDecoder

    return WltDecoder(config.photo_decoder)


def create_driver(config: IdCardConfig) -> IdCardDriver:
    if config.backend not in BACKENDS:
        raise ValueError(f"unknown ID card backend {config.backend!r}")
    backend = config.backend
    if backend == "auto":
        backend = "library" if config.library else "serial" if config.port else ""
    if backend == "library":
        if not config.library:
            raise UserFacingError(IdCardErrors.LIBRARY_NOT_FOUND, path="")
        from .vendor import VendorLibraryDriver

        return VendorLibraryDriver(
            config.library, port=config.library_port, timeout=config.timeout, photo_decoder=_decoder(config)
        )
    if backend == "serial":
        if not config.port:
            raise UserFacingError(IdCardErrors.NOT_CONFIGURED)
        from .serial_driver import SamReaderDriver

        return SamReaderDriver(
            config.port, baudrate=config.baudrate, timeout=config.timeout, photo_decoder=_decoder(config)
        )
    if backend == "virtual":
        from .serial_driver import SamReaderDriver
        from .virtual import DEMO_CARDS, LoopbackTransport, SamReaderEngine

        engine = SamReaderEngine(card=DEMO_CARDS.get(config.virtual_card, DEMO_CARDS["demo"]))
        return SamReaderDriver(
            "虚拟身份证阅读器",
            opener=lambda: LoopbackTransport(engine),
            backend="virtual",
            timeout=config.timeout,
            photo_decoder=_decoder(config),
        )
    return NullIdCardDriver()


class IdCardManager:
    """The one place desktop/ and the CLI get an ID card driver from (created on first use).

    ``read_async``/``check_async`` are for a GUI: the blocking call waits on the manager's own
    request thread, one request at a time, while the driver talks to the reader on its device
    thread (STYLE.md section 5; desktop/ starts no thread for devices), as devices/card does.
    """

    def __init__(self, config: IdCardConfig | None = None) -> None:
        self.config = config or IdCardConfig()
        self._driver: IdCardDriver | None = None
        self._requests: ThreadPoolExecutor | None = None

    @property
    def driver(self) -> IdCardDriver:
        if self._driver is None:
            self._driver = create_driver(self.config)
            logger.info("idcard: using the %s driver", self._driver.name)
        return self._driver

    def read(self) -> IdReadResult:
        return self.driver.read()

    def check(self) -> str:
        return self.driver.check()

    def _submit(self, fn: Callable[[], T]) -> Future[T]:
        if self._requests is None:
            self._requests = ThreadPoolExecutor(max_workers=1, thread_name_prefix="idcard-request")
        return self._requests.submit(fn)

    def read_async(self) -> Future[IdReadResult]:
        """``read`` without waiting: the future completes on the manager's request thread."""
        return self._submit(self.read)

    def check_async(self) -> Future[str]:
        """``check`` (the 测试 button) without waiting."""
        return self._submit(self.check)

    def start_monitoring(self, callback: IdCardEventCallback) -> bool:
        return self.driver.start_monitoring(callback)

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


def config_path_ok(path: str) -> bool:
    return bool(path) and Path(path).exists()
