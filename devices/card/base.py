"""Value types and the driver protocol for the social security card (社保卡) readers.

Everything here is plain Python: the PC/SC driver, the 人社部 ``iReadCardBas`` driver and the
virtual card all return these frozen dataclasses, and desktop/ turns them into signals.
Personal fields are left out of ``repr`` so that a result that slips into a log line shows no
name or 社会保障号码 in clear (DEVELOPERS.md privacy rule).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, Protocol, runtime_checkable

from models.errors import UserFacingError
from models.masking import mask_id_list

#: Fields that identify the person; masked in output unless the clerk asks for them.
PERSONAL_FIELDS = ("ssn", "name", "gender", "nation", "birthplace", "birth_date")


def mask_ssn(ssn: str | None) -> str | None:
    """``110105********002X``: region and the last four characters, as receipts print it; any
    shorter number (a 通行证号码) is masked too (models/masking.py ``mask_id_list``)."""
    if not ssn:
        return ssn
    return mask_id_list(ssn)


def mask_name(name: str | None) -> str | None:
    """Keep the first character (the surname, usually) and hide the rest."""
    if not name:
        return name
    return name[0] + "*" * max(1, len(name) - 1)


@dataclass(frozen=True)
class CardData:
    """What a 社保卡 holds (EF05 card data, EF06 personal data). ``None`` means not read."""

    card_identifier: str | None = None  # 卡识别码, 32 hex digits; the first 6 are the region
    region_code: str | None = None  # 发卡地区行政区划代码
    card_type: str | None = None  # 卡类别
    spec_version: str | None = None  # 规范版本, "1.00" / "2.00" / "3.00"
    init_org: str | None = None  # 初始化机构编号
    issue_date: dt.date | None = None  # 发卡日期
    expiry_date: dt.date | None = None  # 卡有效期
    card_number: str | None = None  # 卡号
    atr: str | None = None  # 卡复位信息 (hex)
    ssn: str | None = field(default=None, repr=False)  # 社会保障号码
    name: str | None = field(default=None, repr=False)  # 姓名 (with 姓名扩展 appended)
    gender: str | None = field(default=None, repr=False)  # "1" male, "2" female
    nation: str | None = field(default=None, repr=False)  # 民族 code, "01" = 汉族
    birthplace: str | None = field(default=None, repr=False)  # 出生地 region code
    birth_date: dt.date | None = field(default=None, repr=False)

    @property
    def generation(self) -> int | None:
        """1, 2 or 3, from the first character of the specification version."""
        if self.spec_version and self.spec_version[:1] in ("1", "2", "3"):
            return int(self.spec_version[0])
        return None

    @property
    def has_personal_data(self) -> bool:
        return bool(self.ssn or self.name)

    def masked(self) -> CardData:
        """A copy safe to show on a shared screen or in a log."""
        return CardData(
            **{
                **{f.name: getattr(self, f.name) for f in fields(self)},
                "ssn": mask_ssn(self.ssn),
                "name": mask_name(self.name),
                "birthplace": self.birthplace[:2] + "****" if self.birthplace else self.birthplace,
                "birth_date": None,
            }
        )

    def is_expired(self, today: dt.date | None = None) -> bool:
        if self.expiry_date is None:
            return False
        return self.expiry_date < (today or dt.date.today())

    def to_dict(self, *, show_personal: bool = False) -> dict[str, Any]:
        """English keys for JSON; personal fields masked unless ``show_personal``."""
        src = self if show_personal else self.masked()
        out: dict[str, Any] = {}
        for f in fields(src):
            value = getattr(src, f.name)
            out[f.name] = value.isoformat() if isinstance(value, dt.date) else value
        if not show_personal:
            out["birth_date"] = None
        out["generation"] = self.generation
        return out


@dataclass(frozen=True)
class CardReadResult:
    """One read of one card.

    ``personal_data_requires_authorised_interface`` is set when the card refused EF06 or the
    dates with ``6982`` (3rd-generation cards without PSAM/HSM external authentication): the
    card number, identifier, version and region are still here, and personal data has to come
    through the authorised interface (the vendor's iReadCardBas library with a PSAM).
    """

    data: CardData
    reader: str
    backend: str
    personal_data_requires_authorised_interface: bool = False
    unreadable_fields: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # codes such as "card.ssn_invalid", "card.expired"
    elapsed_ms: float = 0.0
    apdu_count: int = 0

    @property
    def generation(self) -> int | None:
        return self.data.generation

    def to_dict(self, *, show_personal: bool = False) -> dict[str, Any]:
        return {
            "reader": self.reader,
            "backend": self.backend,
            "generation": self.generation,
            "personal_data_requires_authorised_interface": self.personal_data_requires_authorised_interface,
            "personal_data_shown": show_personal,
            "unreadable_fields": list(self.unreadable_fields),
            "warnings": list(self.warnings),
            "elapsed_ms": round(self.elapsed_ms, 1),
            "apdu_count": self.apdu_count,
            "card": self.data.to_dict(show_personal=show_personal),
        }


@dataclass(frozen=True)
class ReaderInfo:
    name: str
    card_present: bool = False
    atr: str | None = None
    backend: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "card_present": self.card_present, "atr": self.atr, "backend": self.backend}


class CardEventKind(enum.StrEnum):
    READER_ADDED = "reader_added"
    READER_REMOVED = "reader_removed"
    CARD_INSERTED = "card_inserted"
    CARD_REMOVED = "card_removed"
    CARD_READ = "card_read"
    CARD_ERROR = "card_error"


@dataclass(frozen=True)
class CardEvent:
    """Reported by a driver's monitor, on the driver's thread, through a plain callback."""

    kind: CardEventKind
    reader: str
    result: CardReadResult | None = None
    error: UserFacingError | None = None


CardEventCallback = Callable[[CardEvent], None]


@runtime_checkable
class CardDriver(Protocol):
    """A way to read a 社保卡. Implementations run their I/O on their own single thread."""

    name: str

    def list_readers(self) -> list[ReaderInfo]: ...

    def read(self, reader: str | None = None) -> CardReadResult:
        """Read the card in ``reader`` (or the first reader with a card); raises UserFacingError."""
        ...

    def start_monitoring(self, callback: CardEventCallback, *, auto_read: bool = True) -> bool:
        """Report reader and card changes; returns False when the driver cannot monitor."""
        ...

    def stop_monitoring(self) -> None: ...

    def close(self) -> None: ...


class CardErrors:
    """The error codes devices/card raises (text in desktop/messages/card.py)."""

    NO_READER = "card.no_reader"
    READER_NOT_FOUND = "card.reader_not_found"
    READER_BUSY = "card.reader_busy"
    READER_ERROR = "card.reader_error"
    NO_CARD = "card.no_card"
    REMOVED = "card.removed"
    UNRESPONSIVE = "card.unresponsive"
    UNSUPPORTED = "card.unsupported"
    AUTH_REQUIRED = "card.auth_required"
    AUTH_FAILED = "card.auth_failed"
    PSAM_MISSING = "card.psam_missing"
    PSAM_ERROR = "card.psam_error"
    PIN_WRONG = "card.pin_wrong"
    PIN_LOCKED = "card.pin_locked"
    PIN_CANCELLED = "card.pin_cancelled"
    EXPIRED = "card.expired"
    INVALID_DATA = "card.invalid_data"
    READ_ERROR = "card.read_error"
    TIMEOUT = "card.timeout"
    PCSC_UNAVAILABLE = "card.pcsc_unavailable"
    DRIVER_UNAVAILABLE = "card.driver_unavailable"
    LIBRARY_NOT_FOUND = "card.library_not_found"
    LIBRARY_ERROR = "card.library_error"
    SSN_INVALID = "card.ssn_invalid"  # a warning on a result, not raised
