"""Vendor libraries through ctypes: the SDT API (``sdtapi``), ``termb`` and the WLT photo decoder.

For readers that are USB-HID only (no serial port), the vendor's library talks to the device.
Two call sequences are supported, as the vendors' SDK manuals publish them (docs/devices.md):

``sdtapi`` — the SAM interface functions shipped by most vendors (sdtapi.dll / libsdtapi.so)::

    SDT_OpenPort(port) → 0x90;  SDT_GetSAMStatus(port, 0) → 0x90
    SDT_StartFindIDCard(port, buf, 0) → 0x9F;  SDT_SelectIDCard(port, buf, 0) → 0x90
    SDT_ReadBaseMsg(port, text, &text_len, photo, &photo_len, 0) → 0x90;  SDT_ClosePort(port)

  The return codes are the frame protocol's SW3 values, and the two blocks are the same
  256-byte text and 1024-byte WLT photo, so the same parser and messages apply.

``termb`` — InitComm(port) → 1;  Authenticate() → 1;  Read_Content(1) → 1;  CloseComm().
  Read_Content writes ``wz.txt`` (the same 256-byte text block) into the library's folder (or
  the folder configured as ``output_dir``); it is read at once and deleted together with the
  photo files the library leaves (wz.txt, xp.wlt, zp.bmp), so no personal data stays on disk.

``cvr`` — 华视 (Chinese Vision, chinaidcard.com) termb.dll / libtermb.so: the same calls with a
  ``CVR_`` prefix, chosen whenever the configured library exports ``CVR_InitComm``::

    CVR_InitComm(port) → 1;  CVR_Authenticate() → 1 (anything else: no card on the reader)
    CVR_Read_Content(1) → 1 (or CVR_Read_FPContent() where only that is exported)
    GetPeopleName / GetPeopleSex / GetPeopleNation / GetPeopleBirthday / GetPeopleAddress /
    GetPeopleIDCode / GetDepartment / GetStartDate / GetEndDate (char *buf, int *len) → 1, GBK
    text; GetCertType (the card kind's marker), GetPeopleChineseName (foreigners' cards),
    GetBMPData (unsigned char *bmp, int *len) → 1: the photo the library decoded itself;
    CVR_CloseComm().

  As the vendor's CVR100UD SDK examples call them (docs/devices.md). The files the library may
  leave beside itself (wz.txt, zp.bmp…) are deleted as for ``termb``.

Ports: 1–16 serial (COM1–COM16), 1001–1016 USB. On Windows the functions are ``__stdcall``
(WinDLL); elsewhere cdecl. Calls run on the driver's own single thread, bounded by a time-out.

The WLT photo is encrypted; only a licensed decoder turns it into a BMP. ``WltDecoder`` calls
one configured by path with the buffer interface ``int unpack(char *wlt, char *bmp, int save)``
(returning 1 and a 38,862-byte 102×126 BMP), as the Linux decoder libraries (libwlt2bmp.so)
export it. Without one the counter says 照片不可用.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import logging
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any

from models.errors import UserFacingError

from .base import IdCardData, IdCardErrors, IdCardEventCallback, IdCardKind, IdReadResult
from .frames import SW_CARD_FOUND, SW_OK
from .session import WLT_LEN, PhotoDecoder, result_from_blocks, result_from_data, status_error
from .text import TEXT_LEN

logger = logging.getLogger(__name__)

FLAVOURS = ("sdtapi", "termb", "cvr")
BMP_LEN = 38862
TERMB_FILES = ("wz.txt", "xp.wlt", "zp.bmp", "zp.jpg")


def _load(path: Path) -> Any:
    if not path.exists():
        raise UserFacingError(IdCardErrors.LIBRARY_NOT_FOUND, path=str(path))
    loader = ctypes.WinDLL if sys.platform == "win32" else ctypes.CDLL  # type: ignore[attr-defined]
    try:
        return loader(str(path))
    except OSError as exc:
        logger.warning("idcard: cannot load %s: %s", path, exc)
        raise UserFacingError(IdCardErrors.LIBRARY_ERROR, path=str(path), rc="load") from exc


def guess_flavour(path: Path) -> str:
    return "termb" if "termb" in path.name.lower() else "sdtapi"


class WltDecoder:
    """A licensed WLT decoder library (configured by path), called on the caller's thread."""

    def __init__(self, library: str | Path, function: str = "unpack") -> None:
        self.library = Path(library)
        self.function_name = function
        self._fn: Any = None

    def __call__(self, wlt: bytes) -> bytes:
        if self._fn is None:
            lib = _load(self.library)
            try:
                fn = getattr(lib, self.function_name)
            except AttributeError as exc:
                raise UserFacingError(IdCardErrors.LIBRARY_ERROR, path=str(self.library), rc="symbol") from exc
            fn.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]
            fn.restype = ctypes.c_int
            self._fn = fn
        if len(wlt) != WLT_LEN:
            raise ValueError("WLT block must be 1024 bytes")
        src = ctypes.create_string_buffer(wlt, WLT_LEN)
        dst = ctypes.create_string_buffer(BMP_LEN + 1024)
        rc = int(self._fn(src, dst, 0))
        if rc != 1:
            raise RuntimeError(f"decoder returned {rc}")
        bmp = dst.raw
        if bmp[:2] != b"BM":
            raise RuntimeError("decoder output is not a BMP")
        size = int.from_bytes(bmp[2:6], "little")
        if not 54 < size <= len(bmp):
            raise RuntimeError("decoder output has a bad size")
        return bmp[:size]


class VendorLibraryDriver:
    """Reads through the vendor's library. No monitoring: the clerk presses 读身份证."""

    def __init__(
        self,
        library: str | Path,
        *,
        flavour: str | None = None,
        port: int = 1001,
        timeout: float = 15.0,
        photo_decoder: PhotoDecoder | None = None,
        output_dir: str | Path | None = None,
    ) -> None:
        self.library = Path(library)
        self.flavour = flavour or guess_flavour(self.library)
        if self.flavour not in FLAVOURS:
            raise ValueError(f"unknown vendor library flavour {self.flavour!r}")
        self.name = self.flavour
        #: the flavour was guessed from the file name: a library exporting CVR_InitComm is 华视's
        self._guessed = flavour is None
        self.port = port
        self.timeout = timeout
        self.photo_decoder = photo_decoder
        self.output_dir = Path(output_dir) if output_dir else self.library.parent
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="idcard-vendor")
        self._lib: Any = None  # worker thread only

    def describe(self) -> str:
        return f"{self.library.name}（{self.flavour}，端口 {self.port}）"

    # Worker thread -------------------------------------------------------------------------

    def _library(self) -> Any:
        if self._lib is None:
            lib = _load(self.library)
            if self._guessed and hasattr(lib, "CVR_InitComm"):
                self.flavour = self.name = "cvr"
            try:
                if self.flavour == "cvr":
                    _declare_cvr(lib)
                elif self.flavour == "sdtapi":
                    for fname in ("SDT_OpenPort", "SDT_ClosePort", "SDT_GetSAMStatus"):
                        getattr(lib, fname).argtypes = [ctypes.c_int] * (1 if "Port" in fname else 2)
                    for fname in ("SDT_StartFindIDCard", "SDT_SelectIDCard"):
                        getattr(lib, fname).argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
                    lib.SDT_ReadBaseMsg.argtypes = [
                        ctypes.c_int,
                        ctypes.c_char_p,
                        ctypes.POINTER(ctypes.c_uint),
                        ctypes.c_char_p,
                        ctypes.POINTER(ctypes.c_uint),
                        ctypes.c_int,
                    ]
                else:
                    lib.InitComm.argtypes = [ctypes.c_int]
                    lib.Authenticate.argtypes = []
                    lib.Read_Content.argtypes = [ctypes.c_int]
                    lib.CloseComm.argtypes = []
            except AttributeError as exc:
                raise UserFacingError(IdCardErrors.LIBRARY_ERROR, path=str(self.library), rc="symbol") from exc
            self._lib = lib
        return self._lib

    def _sdt(self, lib: Any, check_only: bool) -> tuple[bytes, bytes]:
        port = self.port
        rc = int(lib.SDT_OpenPort(port))
        if rc != SW_OK:
            raise UserFacingError(IdCardErrors.LIBRARY_PORT_NOT_FOUND, port=str(port))
        try:
            rc = int(lib.SDT_GetSAMStatus(port, 0))
            if rc != SW_OK:
                raise status_error(rc, "SAM status")
            if check_only:
                return b"", b""
            manage = ctypes.create_string_buffer(16)
            rc = int(lib.SDT_StartFindIDCard(port, manage, 0))
            if rc != SW_CARD_FOUND:
                raise status_error(rc if rc else 0x80, "find")
            rc = int(lib.SDT_SelectIDCard(port, manage, 0))
            if rc != SW_OK:
                raise status_error(rc, "select")
            text = ctypes.create_string_buffer(TEXT_LEN + 64)
            photo = ctypes.create_string_buffer(WLT_LEN + 64)
            text_len, photo_len = ctypes.c_uint(0), ctypes.c_uint(0)
            rc = int(lib.SDT_ReadBaseMsg(port, text, ctypes.byref(text_len), photo, ctypes.byref(photo_len), 0))
            if rc != SW_OK:
                raise status_error(rc, "read")
            if text_len.value != TEXT_LEN or photo_len.value > WLT_LEN:
                raise UserFacingError(IdCardErrors.INVALID_DATA, field="lengths")
            return text.raw[:TEXT_LEN], photo.raw[: photo_len.value]
        finally:
            lib.SDT_ClosePort(port)

    def _termb(self, lib: Any, check_only: bool) -> tuple[bytes, bytes]:
        if int(lib.InitComm(self.port)) != 1:
            raise UserFacingError(IdCardErrors.LIBRARY_PORT_NOT_FOUND, port=str(self.port))
        try:
            if check_only:
                return b"", b""
            if int(lib.Authenticate()) != 1:
                raise UserFacingError(IdCardErrors.NO_CARD)
            try:
                rc = int(lib.Read_Content(1))
                if rc != 1:
                    raise UserFacingError(IdCardErrors.REMOVED, sw=str(rc))
                try:
                    text = (self.output_dir / "wz.txt").read_bytes()
                except OSError as exc:
                    raise UserFacingError(IdCardErrors.LIBRARY_ERROR, path=str(self.library), rc="wz.txt") from exc
                try:
                    wlt = (self.output_dir / "xp.wlt").read_bytes()
                except OSError:
                    wlt = b""
            finally:
                for name in TERMB_FILES:  # personal data must not stay on disk
                    (self.output_dir / name).unlink(missing_ok=True)
            if len(text) < TEXT_LEN:
                raise UserFacingError(IdCardErrors.INVALID_DATA, field="lengths")
            return text[:TEXT_LEN], wlt if len(wlt) == WLT_LEN else b""
        finally:
            lib.CloseComm()

    def _cvr(self, lib: Any, check_only: bool) -> tuple[IdCardData, bytes | None] | None:
        """华视: open, authenticate (find and select), read, then the getters; always closed."""
        if int(lib.CVR_InitComm(self.port)) != 1:
            raise UserFacingError(IdCardErrors.LIBRARY_PORT_NOT_FOUND, port=str(self.port))
        try:
            if check_only:
                return None
            rc = int(lib.CVR_Authenticate())
            if rc != 1:  # the vendor's demo: "未放卡或卡片放置不正确"
                raise UserFacingError(IdCardErrors.NO_CARD)
            try:
                read = getattr(lib, "CVR_Read_Content", None)
                rc = int(read(1)) if read is not None else int(lib.CVR_Read_FPContent())
                if rc != 1:
                    raise UserFacingError(IdCardErrors.REMOVED, sw=str(rc))
                return _cvr_card(lib), _cvr_photo(lib)
            finally:
                for name in TERMB_FILES:  # personal data must not stay on disk
                    (self.output_dir / name).unlink(missing_ok=True)
        finally:
            lib.CVR_CloseComm()

    def _run(self, check_only: bool) -> tuple[bytes, bytes]:
        lib = self._library()
        return self._sdt(lib, check_only) if self.flavour == "sdtapi" else self._termb(lib, check_only)

    def _read_now(self) -> IdReadResult:
        started = time.perf_counter()
        lib = self._library()
        if self.flavour == "cvr":
            read = self._cvr(lib, False)
            assert read is not None
            data, bmp = read
            return result_from_data(
                data,
                b"",
                reader=self.describe(),
                backend=self.name,
                photo_decoder=None,
                started=started,
                photo_bmp=bmp,
            )
        text, wlt = self._run(False)
        return result_from_blocks(
            text, wlt, reader=self.describe(), backend=self.name, photo_decoder=self.photo_decoder, started=started
        )

    def _check_now(self) -> str:
        lib = self._library()  # decides the flavour (华视 when CVR_InitComm is exported)
        if self.flavour == "cvr":
            self._cvr(lib, True)
        else:
            self._run(True)
        return self.describe()

    # Any thread ----------------------------------------------------------------------------

    def _call(self, fn: Any) -> Any:
        future = self._executor.submit(fn)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            raise UserFacingError(IdCardErrors.TIMEOUT, seconds=self.timeout) from None

    def read(self) -> IdReadResult:
        return self._call(self._read_now)

    def check(self) -> str:
        return self._call(self._check_now)

    def start_monitoring(self, callback: IdCardEventCallback) -> bool:
        return False

    def stop_monitoring(self) -> None:
        return None

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


# 华视 (CVR_) -----------------------------------------------------------------------------------

#: The getters of 华视's library: (char *buf, int *len) → 1, GBK text (as the CVR100UD SDK's C#
#: and Delphi examples and the Go/Python wrappers cited in docs/devices.md declare them).
CVR_GETTERS = (
    "GetPeopleName",
    "GetPeopleChineseName",
    "GetPeopleSex",
    "GetPeopleNation",
    "GetNationCode",
    "GetPeopleBirthday",
    "GetPeopleAddress",
    "GetPeopleIDCode",
    "GetDepartment",
    "GetStartDate",
    "GetEndDate",
    "GetCertType",
)
_CVR_BUFFER = 256
#: GetCertType's marker → card kind (the text block's type markers, devices/idcard/text.py)
_CVR_KINDS = {"I": IdCardKind.FOREIGN_PERMANENT, "J": IdCardKind.HMT_RESIDENCE, "Y": IdCardKind.FOREIGN_PERMANENT_2023}


def _declare_cvr(lib: Any) -> None:
    lib.CVR_InitComm.argtypes = [ctypes.c_int]
    lib.CVR_Authenticate.argtypes = []
    lib.CVR_CloseComm.argtypes = []
    if hasattr(lib, "CVR_Read_Content"):
        lib.CVR_Read_Content.argtypes = [ctypes.c_int]
    else:
        lib.CVR_Read_FPContent.argtypes = []  # AttributeError: neither exported
    for name in (*CVR_GETTERS, "GetBMPData"):
        fn = getattr(lib, name, None)
        if fn is not None:
            fn.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
            fn.restype = ctypes.c_int


def _cvr_text(lib: Any, name: str) -> str:
    """One getter's text ("" when the library lacks it or says no); GBK, as the vendor's examples
    decode it. A character GBK cannot carry comes back as "?" or undecodable: U+FFFD here, so the
    name shows □ and the clerk types it (devices/idcard/text.py)."""
    fn = getattr(lib, name, None)
    if fn is None:
        return ""
    buf = ctypes.create_string_buffer(_CVR_BUFFER)
    size = ctypes.c_int(_CVR_BUFFER)
    if int(fn(buf, ctypes.byref(size))) != 1:
        return ""
    raw = buf.raw[: max(0, min(size.value, _CVR_BUFFER))].split(b"\0", 1)[0]
    return raw.decode("gbk", errors="replace").strip()


def _cvr_date(text: str) -> dt.date | None:
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) != 8:
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise UserFacingError(IdCardErrors.INVALID_DATA, field="date") from None


def _cvr_card(lib: Any) -> IdCardData:
    """The card as the getters tell it, in the same value type the text block parses into."""
    from models.validation import number_kind

    number = _cvr_text(lib, "GetPeopleIDCode").upper()
    marker = _cvr_text(lib, "GetCertType").strip()[:1].upper()
    kind = _CVR_KINDS.get(marker)
    if kind is None:  # no GetCertType: the number's shape tells the foreigners' cards
        shape = number_kind(number) if number else "resident"
        if shape == "foreign_2017":
            kind = IdCardKind.FOREIGN_PERMANENT
        elif shape == "foreign_2023":
            kind = IdCardKind.FOREIGN_PERMANENT_2023
        elif number[:2] in ("81", "82", "83"):
            kind = IdCardKind.HMT_RESIDENCE
        else:
            kind = IdCardKind.RESIDENT
    foreign = kind in (IdCardKind.FOREIGN_PERMANENT, IdCardKind.FOREIGN_PERMANENT_2023)
    name = _cvr_text(lib, "GetPeopleChineseName" if foreign else "GetPeopleName")
    name = name.replace("?", "\ufffd")
    unreadable = tuple(i for i, ch in enumerate(name) if ch == "\ufffd")
    sex = _cvr_text(lib, "GetPeopleSex")
    gender = {"男": "1", "女": "2"}.get(sex, sex if sex in ("0", "1", "2", "9") else "")
    end = _cvr_text(lib, "GetEndDate")
    nation_code = _cvr_text(lib, "GetNationCode")
    data = IdCardData(
        kind=kind,
        name=name,
        unreadable_name_positions=unreadable,
        gender=gender,
        nation=nation_code.zfill(2) if kind is IdCardKind.RESIDENT and nation_code.isdigit() else "",
        birth_date=_cvr_date(_cvr_text(lib, "GetPeopleBirthday")),
        address="" if foreign else _cvr_text(lib, "GetPeopleAddress"),
        id_number=number,
        issuer=_cvr_text(lib, "GetDepartment"),
        valid_from=_cvr_date(_cvr_text(lib, "GetStartDate")),
        valid_until=_cvr_date(end),
        long_term="长期" in end,
        english_name=_cvr_text(lib, "GetPeopleName") if foreign else "",
        nationality=(nation_code or _cvr_text(lib, "GetPeopleNation")) if foreign else "",
    )
    if not data.id_number:
        raise UserFacingError(IdCardErrors.INVALID_DATA, field="empty")
    return data


def _cvr_photo(lib: Any) -> bytes | None:
    """The photo 华视's library decoded itself (GetBMPData: a 102×126 BMP), or None."""
    fn = getattr(lib, "GetBMPData", None)
    if fn is None:
        return None
    buf = ctypes.create_string_buffer(BMP_LEN + 1024)
    size = ctypes.c_int(BMP_LEN + 1024)
    if int(fn(buf, ctypes.byref(size))) != 1:
        return None
    bmp = buf.raw[: max(0, min(size.value, len(buf.raw)))]
    if bmp[:2] != b"BM" or not 54 < int.from_bytes(bmp[2:6], "little") <= len(bmp):
        return None
    return bmp[: int.from_bytes(bmp[2:6], "little")]
