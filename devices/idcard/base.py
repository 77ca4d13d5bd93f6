"""Value types and the driver protocol for resident ID card readers (居民身份证阅读器).

Plain Python, like devices/card/base.py: the serial SAM driver, the vendor-library driver and
the virtual reader all return these frozen dataclasses. Personal fields are left out of
``repr`` so that a result slipping into a log line shows no name or number in clear, and the
photo is never part of ``repr`` or ``to_dict``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from devices.card.base import mask_name, mask_ssn
from models.errors import UserFacingError

from .nations import NATIONS


class IdCardKind(enum.StrEnum):
    """What the reader returned, told apart by the type marker in the text block (byte 248)."""

    RESIDENT = "resident"  # 居民身份证 (marker: blank)
    HMT_RESIDENCE = "hmt_residence"  # 港澳台居民居住证 (marker "J")
    FOREIGN_PERMANENT = "foreign_permanent"  # 外国人永久居留身份证, 2017 edition (marker "I")
    FOREIGN_PERMANENT_2023 = "foreign_permanent_2023"  # 2023 edition (marker "Y")

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    IdCardKind.RESIDENT: "居民身份证",
    IdCardKind.HMT_RESIDENCE: "港澳台居民居住证",
    IdCardKind.FOREIGN_PERMANENT: "外国人永久居留身份证",
    IdCardKind.FOREIGN_PERMANENT_2023: "外国人永久居留身份证（2023版）",
}

GENDERS = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}

#: Placeholder shown where the card's name holds a character the counter cannot display.
UNREADABLE_MARK = "□"


@dataclass(frozen=True)
class IdCardData:
    """The text block of one card. ``None``/empty means the card kind has no such field."""

    kind: IdCardKind
    name: str = field(default="", repr=False)  # 中文姓名; U+FFFD where the card held an unshowable character
    gender: str = field(default="", repr=False)  # GB/T 2261.1 code: "1" 男, "2" 女
    nation: str = field(default="", repr=False)  # GB/T 3304 code, "01" 汉 (resident cards only)
    birth_date: dt.date | None = field(default=None, repr=False)
    address: str = field(default="", repr=False)  # 住址
    id_number: str = field(default="", repr=False)  # 公民身份号码 / 永久居留证号码
    issuer: str = ""  # 签发机关 (or 受理机关代码 on foreigners' cards)
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None  # None with long_term: 长期
    long_term: bool = False
    english_name: str = field(default="", repr=False)  # foreigners' cards
    nationality: str = ""  # ISO 3166-1 alpha-3, foreigners' cards
    pass_number: str = field(default="", repr=False)  # 港澳台 通行证号码
    issue_count: str = ""  # 港澳台 签发次数; 换证次数 on the 2023 永居证
    card_version: str = ""  # foreigners' cards (2017)
    former_number_ref: str = field(default="", repr=False)  # 2023 永居证: link to the 2017 card's number
    #: 0-based positions in ``name`` of characters the counter cannot show (see text.py)
    unreadable_name_positions: tuple[int, ...] = ()

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def gender_label(self) -> str:
        return GENDERS.get(self.gender, self.gender)

    @property
    def nation_label(self) -> str:
        return NATIONS.get(self.nation, self.nation)

    @property
    def display_name(self) -> str:
        """The name with unreadable characters shown as □ (never a guessed character)."""
        if not self.unreadable_name_positions:
            return self.name
        chars = list(self.name)
        for pos in self.unreadable_name_positions:
            if 0 <= pos < len(chars):
                chars[pos] = UNREADABLE_MARK
        return "".join(chars)

    def is_expired(self, today: dt.date | None = None) -> bool:
        if self.long_term or self.valid_until is None:
            return False
        return self.valid_until < (today or dt.date.today())

    def to_dict(self, *, show_personal: bool = False, today: dt.date | None = None) -> dict[str, Any]:
        """English keys for JSON; personal fields masked unless ``show_personal``."""

        def iso(d: dt.date | None) -> str | None:
            return d.isoformat() if d else None

        name = self.display_name
        return {
            "kind": self.kind.value,
            "kind_label": self.kind_label,
            "name": name if show_personal else mask_name(name),
            "english_name": self.english_name if show_personal else mask_name(self.english_name),
            "gender": self.gender_label if show_personal else None,
            "nation": self.nation_label if show_personal and self.nation else None,
            "birth_date": iso(self.birth_date) if show_personal else None,
            "address": self.address if show_personal else (self.address[:3] + "…" if self.address else ""),
            "id_number": self.id_number if show_personal else mask_ssn(self.id_number),
            "pass_number": self.pass_number if show_personal else mask_ssn(self.pass_number),
            "issuer": self.issuer,
            "nationality": self.nationality,
            "valid_from": iso(self.valid_from),
            "valid_until": "长期" if self.long_term else iso(self.valid_until),
            "expired": self.is_expired(today),
            "name_has_unreadable_characters": bool(self.unreadable_name_positions),
        }


class PhotoStatus(enum.StrEnum):
    DECODED = "decoded"  # a licensed decoder turned the WLT block into a BMP
    NOT_CONFIGURED = "not_configured"  # no decoder configured: 照片不可用
    DECODER_FAILED = "decoder_failed"
    ABSENT = "absent"  # the reader returned no photo block


@dataclass(frozen=True)
class IdReadResult:
    """One read of one card. ``photo_bmp`` lives in memory only (never logged, never stored)."""

    data: IdCardData
    reader: str
    backend: str
    warnings: tuple[str, ...] = ()  # codes such as "idcard.expired", "idcard.number_invalid"
    photo_status: PhotoStatus = PhotoStatus.ABSENT
    photo_bmp: bytes | None = field(default=None, repr=False)
    wlt_present: bool = False
    elapsed_ms: float = 0.0
    attempts: int = 1

    @property
    def expired(self) -> bool:
        return self.data.is_expired()

    def to_dict(self, *, show_personal: bool = False) -> dict[str, Any]:
        return {
            "reader": self.reader,
            "backend": self.backend,
            "kind": self.data.kind.value,
            "expired": self.data.is_expired(),
            "personal_data_shown": show_personal,
            "warnings": list(self.warnings),
            "photo": self.photo_status.value,
            "elapsed_ms": round(self.elapsed_ms, 1),
            "attempts": self.attempts,
            "card": self.data.to_dict(show_personal=show_personal),
        }


class IdCardEventKind(enum.StrEnum):
    CARD_READ = "card_read"
    CARD_ERROR = "card_error"
    CARD_REMOVED = "card_removed"
    READER_LOST = "reader_lost"
    READER_BACK = "reader_back"


@dataclass(frozen=True)
class IdCardEvent:
    """Reported by a driver's monitor, on the driver's thread, through a plain callback."""

    kind: IdCardEventKind
    reader: str
    result: IdReadResult | None = None
    error: UserFacingError | None = None


IdCardEventCallback = Callable[[IdCardEvent], None]


@runtime_checkable
class IdCardDriver(Protocol):
    """A way to read an ID card. Implementations run their I/O on their own single thread."""

    name: str

    def describe(self) -> str:
        """The port or library, for settings and messages."""
        ...

    def read(self) -> IdReadResult:
        """Find, select and read the card on the reader; raises UserFacingError."""
        ...

    def check(self) -> str:
        """The 测试 button: talk to the reader (SAM status) without a card; raises UserFacingError."""
        ...

    def start_monitoring(self, callback: IdCardEventCallback) -> bool:
        """Poll for cards placed on the reader and read each once; False when unsupported."""
        ...

    def stop_monitoring(self) -> None: ...

    def close(self) -> None: ...


class IdCardErrors:
    """The error codes devices/idcard raises (text in desktop/messages/idcard.py)."""

    PORT_NOT_FOUND = "idcard.port_not_found"
    #: the vendor library could not open its port number (1001-1016 USB, 1-16 serial)
    LIBRARY_PORT_NOT_FOUND = "idcard.library_port_not_found"
    PORT_BUSY = "idcard.port_busy"
    PORT_LOST = "idcard.port_lost"
    NO_ANSWER = "idcard.no_answer"
    GARBAGE = "idcard.garbage"
    CHECKSUM = "idcard.checksum"
    INCOMPLETE = "idcard.incomplete"
    NO_CARD = "idcard.no_card"
    SELECT_FAILED = "idcard.select_failed"
    REMOVED = "idcard.removed"
    AUTH_FAILED = "idcard.auth_failed"
    UNKNOWN_CARD = "idcard.unknown_card"
    KIND_UNSUPPORTED = "idcard.kind_unsupported"
    SAM_FAULT = "idcard.sam_fault"
    SAM_UNAUTHORISED = "idcard.sam_unauthorised"
    REJECTED = "idcard.rejected"
    INVALID_DATA = "idcard.invalid_data"
    TIMEOUT = "idcard.timeout"
    NOT_CONFIGURED = "idcard.not_configured"
    LIBRARY_NOT_FOUND = "idcard.library_not_found"
    LIBRARY_ERROR = "idcard.library_error"
    SERIAL_UNAVAILABLE = "idcard.serial_unavailable"
    # warnings on a result, not raised
    EXPIRED = "idcard.expired"
    NUMBER_INVALID = "idcard.number_invalid"
    RARE_CHARACTER = "idcard.rare_character"
    PHOTO_UNAVAILABLE = "idcard.photo_unavailable"
    PHOTO_DECODER_FAILED = "idcard.photo_decoder_failed"
