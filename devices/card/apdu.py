"""APDUs, status words and record parsing for the 社保卡 (pure: no I/O, no pyscard).

Layout (public readers agree, see DOMAIN-NOTES.md): the application is selected by name
``sx1.sh.`` + GBK ``社会保障``; EF05 holds the card data (tags 01-07), EF06 the personal data
(tags 08, 09, 4E, 0A-0D). Records are read by tag (``00 B2 tag 00 Le``: P2 = 0 means "first
record whose identifier is P1 in the current EF"), which works on every generation while the
record numbers do not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SSSE_NAME = b"sx1.sh." + "社会保障".encode("gbk")
SELECT_SSSE = bytes([0x00, 0xA4, 0x04, 0x00, len(SSSE_NAME)]) + SSSE_NAME
SELECT_EF05 = bytes.fromhex("00A4020002EF05")
SELECT_EF06 = bytes.fromhex("00A4020002EF06")

SW_OK = 0x9000
SW_SECURITY_NOT_SATISFIED = 0x6982
SW_FILE_NOT_FOUND = 0x6A82
SW_RECORD_NOT_FOUND = 0x6A83
#: Status words that mean "this is not a 社保卡" (or the application is absent/blocked).
SW_NOT_THIS_CARD = frozenset({0x6A82, 0x6A81, 0x6D00, 0x6E00, 0x6999, 0x6283})


@dataclass(frozen=True)
class RecordSpec:
    tag: int
    field: str
    length: int  # expected value length; 0 = unknown, ask with Le=00 and follow 6Cxx
    personal: bool


EF05_RECORDS = (
    RecordSpec(0x01, "card_identifier", 16, False),
    RecordSpec(0x02, "card_type", 1, False),
    RecordSpec(0x03, "spec_version", 4, False),
    RecordSpec(0x04, "init_org", 0, False),
    RecordSpec(0x05, "issue_date", 4, False),
    RecordSpec(0x06, "expiry_date", 4, False),
    RecordSpec(0x07, "card_number", 9, False),
)
EF06_RECORDS = (
    RecordSpec(0x08, "ssn", 18, True),
    RecordSpec(0x09, "name", 30, True),
    RecordSpec(0x4E, "name_extension", 0, True),
    RecordSpec(0x0A, "gender", 1, True),
    RecordSpec(0x0B, "nation", 1, True),
    RecordSpec(0x0C, "birthplace", 3, True),
    RecordSpec(0x0D, "birth_date", 4, True),
)


class ApduError(Exception):
    """A malformed response (too short, wrong tag); the reader maps it to card.read_error."""


def read_record_by_tag(tag: int, le: int) -> bytes:
    return bytes([0x00, 0xB2, tag, 0x00, le & 0xFF])


def get_response(le: int) -> bytes:
    return bytes([0x00, 0xC0, 0x00, 0x00, le & 0xFF])


def split_sw(response: bytes) -> tuple[bytes, int]:
    if len(response) < 2:
        raise ApduError(f"response of {len(response)} bytes has no status word")
    return response[:-2], (response[-2] << 8) | response[-1]


def sw_hex(sw: int) -> str:
    return f"{sw:04X}"


def parse_record(data: bytes, tag: int) -> bytes:
    """``tag len value`` → value (trailing bytes after the value are ignored)."""
    if len(data) < 2:
        raise ApduError(f"record {tag:02X}: {len(data)} bytes")
    if data[0] != tag:
        raise ApduError(f"record {tag:02X}: got tag {data[0]:02X}")
    length = data[1]
    if len(data) < 2 + length:
        raise ApduError(f"record {tag:02X}: length {length} but {len(data) - 2} bytes")
    return data[2 : 2 + length]


def bcd_digits(value: bytes) -> str:
    """Packed BCD to digits, stopping at the first F nibble (FF padding)."""
    out: list[str] = []
    for byte in value:
        for nibble in (byte >> 4, byte & 0x0F):
            if nibble == 0x0F:
                return "".join(out)
            if nibble > 9:
                raise ApduError(f"bad BCD nibble {nibble:X}")
            out.append(str(nibble))
    return "".join(out)


def bcd_date(value: bytes) -> dt.date | None:
    digits = bcd_digits(value)
    if not digits or set(digits) == {"0"}:
        return None
    if len(digits) != 8:
        raise ApduError(f"date of {len(digits)} digits")
    try:
        return dt.datetime.strptime(digits, "%Y%m%d").date()
    except ValueError as exc:
        raise ApduError("bad date") from exc


def ascii_text(value: bytes) -> str:
    return value.rstrip(b"\x00\xff ").decode("ascii", errors="replace").strip()


def gbk_text(value: bytes) -> str:
    return value.rstrip(b"\x00\xff").decode("gbk", errors="replace").strip()


def printable_or_hex(value: bytes) -> str:
    stripped = value.rstrip(b"\x00")
    if stripped and all(0x20 <= b < 0x7F for b in stripped):
        return stripped.decode("ascii").strip()
    return value.hex().upper()


def decode_field(field_name: str, value: bytes) -> object:
    """One record value → the CardData field value."""
    if field_name == "card_identifier":
        return value.hex().upper()
    if field_name in ("issue_date", "expiry_date", "birth_date"):
        return bcd_date(value)
    if field_name in ("nation", "birthplace"):
        return bcd_digits(value) or None
    if field_name in ("name", "name_extension"):
        return gbk_text(value) or None
    if field_name in ("card_type", "init_org"):
        return printable_or_hex(value) or None
    return ascii_text(value) or None


def encode_bcd(digits: str, length: int) -> bytes:
    """Digits → packed BCD, F-padded to ``length`` bytes (used by the virtual card)."""
    padded = digits + "F" * (length * 2 - len(digits))
    if len(padded) != length * 2:
        raise ValueError(f"{digits!r} does not fit in {length} bytes")
    return bytes.fromhex(padded)


def atr_historical_bytes(atr: bytes) -> bytes:
    """The historical bytes of an ATR (ISO 7816-3), what iReadCardBas calls 卡复位信息."""
    if len(atr) < 2:
        return b""
    t0 = atr[1]
    k = t0 & 0x0F
    i = 2
    y = t0 >> 4
    while True:
        i += bin(y & 0x07).count("1") + (1 if y & 0x08 else 0)
        if not y & 0x08:
            break
        y = atr[i - 1] >> 4 if i - 1 < len(atr) else 0
    return atr[i : i + k]
