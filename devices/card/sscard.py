"""The 人社部 universal interface ``long iReadCardBas(int iType, char* pOutInfo)`` via ctypes.

Counters usually have the reader vendor's library (SSCardDriver.dll and similar) implementing
it; with its PSAM it can read 3rd-generation cards' personal data, which raw PC/SC cannot.
The library path is per-station configuration. On Windows the function is ``__stdcall``
(WinDLL); elsewhere (test builds) cdecl. Calls run on the driver's own single thread and are
bounded by a time-out: a vendor library that never returns costs a thread, not the counter.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import logging
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from models.errors import UserFacingError

from .base import CardData, CardErrors, CardEventCallback, CardReadResult, ReaderInfo
from .reading import ssn_warnings

logger = logging.getLogger(__name__)

FIELD_COUNT = 11
OUTPUT_BUFFER = 4096
CARD_TYPES = {"contact": 1, "contactless": 2, "auto": 3, "auto_contactless_first": 4}

#: Return codes published with the interface (SI_3rdCard; see DOMAIN-NOTES.md) → error codes.
RETURN_CODES: dict[int, str] = {
    -1: CardErrors.UNSUPPORTED,  # 卡类型不对
    -2: CardErrors.NO_CARD,
    -3: CardErrors.UNRESPONSIVE,  # 有卡未上电
    -4: CardErrors.UNRESPONSIVE,  # 卡无应答
    -5: CardErrors.LIBRARY_ERROR,  # 加载动态库错误
    -11: CardErrors.NO_READER,  # 读卡器连接错误
    -12: CardErrors.NO_READER,  # 未建立连接
    -13: CardErrors.LIBRARY_ERROR,  # 不支持该功能
    -14: CardErrors.LIBRARY_ERROR,  # 参数错误
    -15: CardErrors.READ_ERROR,  # 校验错误
    -20: CardErrors.INVALID_DATA,  # 卡识别码格式错
    -21: CardErrors.AUTH_FAILED,  # 内部认证失败
    -22: CardErrors.INVALID_DATA,  # 数据不一致
    -23: CardErrors.INVALID_DATA,  # 数据无效
    -24: CardErrors.PSAM_ERROR,  # PSAM 卡密钥级别不够
    -25: CardErrors.AUTH_FAILED,  # 加密机与卡不匹配
    -31: CardErrors.PIN_CANCELLED,
    -32: CardErrors.PIN_CANCELLED,
    -33: CardErrors.PIN_CANCELLED,
    -34: CardErrors.PIN_CANCELLED,
    -35: CardErrors.PIN_CANCELLED,
    -36: CardErrors.PIN_CANCELLED,
    -51: CardErrors.PIN_WRONG,
    -52: CardErrors.PIN_LOCKED,
    -2201: CardErrors.PSAM_MISSING,
    -2202: CardErrors.PSAM_ERROR,
    -2203: CardErrors.PSAM_ERROR,
}

#: Card status words returned as -(SW), e.g. -27010 = -0x6982.
STATUS_WORD_CODES: dict[int, str] = {
    0x6982: CardErrors.AUTH_REQUIRED,
    0x6983: CardErrors.PIN_LOCKED,
    0x6A81: CardErrors.UNSUPPORTED,
    0x6A82: CardErrors.UNSUPPORTED,
    0x6A83: CardErrors.READ_ERROR,
}


def error_for_return_code(rc: int) -> UserFacingError:
    """A negative iReadCardBas return code as a UserFacingError."""
    if rc in RETURN_CODES:
        return UserFacingError(RETURN_CODES[rc], rc=rc)
    if -0xFFFF <= rc <= -0x6000:
        sw = -rc
        if sw >> 8 == 0x63 and (sw & 0xF0) == 0xC0:
            return UserFacingError(CardErrors.PIN_WRONG, rc=rc, tries=sw & 0x0F)
        return UserFacingError(STATUS_WORD_CODES.get(sw, CardErrors.READ_ERROR), rc=rc, sw=f"{sw:04X}")
    return UserFacingError(CardErrors.LIBRARY_ERROR, rc=rc)


def _date(text: str) -> dt.date | None:
    text = text.strip()
    if not text or set(text) == {"0"}:
        return None
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError as exc:
        raise UserFacingError(CardErrors.INVALID_DATA, field="date") from exc


def parse_read_card_bas(output: bytes | str, *, reader: str = "", elapsed_ms: float = 0.0) -> CardReadResult:
    """Parse the 11 ``|``-terminated fields of iReadCardBas into a CardReadResult.

    发卡地区行政区划代码|社会保障号码|卡号|卡识别码|姓名|卡复位信息|规范版本|发卡日期|卡有效期|终端机编号|终端设备号|
    """
    text = output.split(b"\x00", 1)[0].decode("gbk", errors="replace") if isinstance(output, bytes) else output
    parts = text.strip().split("|")
    if parts and parts[-1] == "":
        parts.pop()
    if len(parts) < FIELD_COUNT - 2:  # the two terminal fields are left empty by some vendors
        raise UserFacingError(CardErrors.INVALID_DATA, fields=len(parts))
    parts += [""] * (FIELD_COUNT - len(parts))
    region, ssn, card_number, identifier, name, atr, version, issued, expires = (p.strip() for p in parts[:9])
    data = CardData(
        card_identifier=identifier or None,
        region_code=region or (identifier[:6] if identifier else None),
        spec_version=version or None,
        issue_date=_date(issued),
        expiry_date=_date(expires),
        card_number=card_number or None,
        atr=atr or None,
        ssn=ssn or None,
        name=name or None,
    )
    warnings = ssn_warnings(data.ssn)
    if data.is_expired():
        warnings += (CardErrors.EXPIRED,)
    return CardReadResult(
        data=data, reader=reader, backend="sscard", warnings=warnings, elapsed_ms=elapsed_ms, apdu_count=0
    )


class SscardDriver:
    """Reads through the vendor's iReadCardBas library. No reader list and no events."""

    name = "sscard"

    def __init__(self, library: str | Path, *, card_type: int = 3, timeout: float = 15.0) -> None:
        self.library = Path(library)
        self.card_type = card_type
        self.timeout = timeout
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="card-sscard")
        self._function: Callable[[int, ctypes.Array[ctypes.c_char]], int] | None = None  # worker thread only

    def _load(self) -> Callable[[int, ctypes.Array[ctypes.c_char]], int]:
        if self._function is None:
            if not self.library.exists():
                raise UserFacingError(CardErrors.LIBRARY_NOT_FOUND, path=str(self.library))
            loader = ctypes.WinDLL if sys.platform == "win32" else ctypes.CDLL  # type: ignore[attr-defined]
            try:
                lib = loader(str(self.library))
                function = lib.iReadCardBas
            except (OSError, AttributeError) as exc:
                logger.warning("sscard: cannot load %s: %s", self.library, exc)
                raise UserFacingError(CardErrors.LIBRARY_ERROR, path=str(self.library)) from exc
            function.argtypes = [ctypes.c_int, ctypes.c_char_p]
            function.restype = ctypes.c_long
            self._function = function
        return self._function

    def _read_now(self) -> CardReadResult:
        function = self._load()
        buffer = ctypes.create_string_buffer(OUTPUT_BUFFER)
        started = time.perf_counter()
        rc = int(function(self.card_type, buffer))
        elapsed = (time.perf_counter() - started) * 1000
        if rc != 0:
            logger.info("sscard: iReadCardBas returned %d", rc)
            raise error_for_return_code(rc)
        return parse_read_card_bas(buffer.raw, reader=self.library.name, elapsed_ms=elapsed)

    def read(self, reader: str | None = None) -> CardReadResult:
        future = self._executor.submit(self._read_now)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            raise UserFacingError(CardErrors.TIMEOUT, seconds=self.timeout) from None

    def list_readers(self) -> list[ReaderInfo]:
        # The interface has no reader enumeration; report the library as one "reader".
        return [ReaderInfo(self.library.name, card_present=False, backend=self.name)]

    def start_monitoring(self, callback: CardEventCallback, *, auto_read: bool = True) -> bool:
        return False

    def stop_monitoring(self) -> None:
        return None

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
