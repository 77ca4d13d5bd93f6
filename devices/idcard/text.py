"""The 256-byte text block of an ID card (UCS-2 little-endian), per card kind.

Byte layouts (offset, length in bytes), as published with the readers' SDKs (docs/devices.md):

居民身份证 (marker blank)::
    0 姓名 30 | 30 性别 2 | 32 民族 4 | 36 出生 16 | 52 住址 70 | 122 公民身份号码 36 |
    158 签发机关 30 | 188 有效期起始 16 | 204 有效期截止 16 (or "长期") | 220 预留 36

港澳台居民居住证 (marker "J" at 248): as above, but 民族 blank and 220 通行证号码 18 |
    238 签发次数 4 | 242 预留 6 | 248 证件类型 2 | 250 预留 6

外国人永久居留身份证, 2017 edition (marker "I" at 248)::
    0 英文姓名 120 | 120 性别 2 | 122 证件号码 30 | 152 国籍 6 | 158 中文姓名 30 |
    188 签发日期 16 | 204 终止日期 16 | 220 出生日期 16 | 236 证件版本 4 |
    240 受理机关代码 8 | 248 证件类型 2 | 250 预留 6

外国人永久居留身份证, 2023 edition (marker "Y" at 248; issued since 2023-12-01)::
    0 中文姓名 30 | 30 性别 2 | 32 换证次数 4 | 36 出生日期 16 | 52 英文姓名 (characters 1-35) 70 |
    122 证件号码 36 | 158 预留 30 | 188 签发日期 16 | 204 终止日期 16 |
    220 英文姓名 (characters 36-46) 22 | 242 国籍代码 6 | 248 证件类型 2 |
    250 既往版本永居证号码关联项 6

  The 2023 layout follows the 国家移民管理局 rule 《新版外国人永久居留身份证机读信息规则（2023版）》
  as republished by the reader vendor DONSEE/东信 (http://www.eastcoms.com/service/pro/840.html)
  and the same block as a reader integrator declares it (Johann356/readinfo PCSCGetData.h,
  ``tagIDCardInfor2023``): it puts the fields where a resident card has them (name, gender,
  birth date, number, validity) so that readers parse it like one.

UCS-2 carries only the Basic Multilingual Plane. Characters outside the card's character set
reach the reader as code points the counter cannot show (Private Use Area code points drawn
by the police system's own font, or, from a misbehaving device, surrogate halves or U+FFFD).
The parser never guesses: it records their positions (``unreadable_name_positions``), shows
them as □ and the counter asks the clerk to type the name as printed on the card face (the
database stores UTF-8, so characters outside the BMP typed with an IME are kept as typed).
"""

from __future__ import annotations

import datetime as dt

from models.errors import UserFacingError

from .base import IdCardData, IdCardErrors, IdCardKind

TEXT_LEN = 256
MARKER_OFFSET = 248


_PUA = range(0xE000, 0xF900)
_SURROGATES = range(0xD800, 0xE000)


def decode_ucs2(raw: bytes) -> tuple[str, tuple[int, ...]]:
    """Strict UCS-2 LE: returns the text (trailing blanks/NULs removed) and unreadable positions.

    Surrogate halves (UCS-2 has none), U+FFFD, Private Use Area code points and control
    characters are kept out of the text as U+FFFD and their positions reported.
    """
    chars: list[str] = []
    bad: list[int] = []
    for i in range(0, len(raw) - 1, 2):
        unit = raw[i] | (raw[i + 1] << 8)
        if unit in _SURROGATES or unit in _PUA or unit == 0xFFFD or (unit < 0x20 and unit != 0):
            bad.append(len(chars))
            chars.append("\ufffd")
        else:
            chars.append(chr(unit))
    text = "".join(chars)
    stripped = text.rstrip(" \x00\u3000")
    return stripped, tuple(p for p in bad if p < len(stripped))


def _field(block: bytes, offset: int, length: int) -> str:
    text, _bad = decode_ucs2(block[offset : offset + length])
    return text.replace("\x00", "").strip()


def _date(text: str, what: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise UserFacingError(IdCardErrors.INVALID_DATA, field=what) from None


def card_kind(block: bytes) -> IdCardKind:
    if len(block) != TEXT_LEN:
        raise UserFacingError(IdCardErrors.INVALID_DATA, field="length")
    marker = _field(block, MARKER_OFFSET, 2)
    if marker == "":
        return IdCardKind.RESIDENT
    if marker == "J":
        return IdCardKind.HMT_RESIDENCE
    if marker == "I":
        return IdCardKind.FOREIGN_PERMANENT
    if marker == "Y":
        return IdCardKind.FOREIGN_PERMANENT_2023
    raise UserFacingError(IdCardErrors.UNKNOWN_CARD, marker=marker[:2])


def _validity(block: bytes) -> tuple[dt.date | None, dt.date | None, bool]:
    start = _date(_field(block, 188, 16), "valid_from")
    end_text = _field(block, 204, 16)
    if end_text == "长期":
        return start, None, True
    return start, _date(end_text, "valid_until"), False


def _english_2023(block: bytes) -> str:
    """The 2023 card's English name: characters 1-35 at 52, 36-46 at 220 (a full first part
    keeps its trailing blank when the name goes on)."""
    rest = _field(block, 220, 22)
    first = _field(block, 52, 70)
    return (first.ljust(35) + rest) if rest else first


def parse_text(block: bytes) -> IdCardData:
    """Parse the text block; raises ``idcard.invalid_data`` / ``idcard.kind_unsupported``."""
    kind = card_kind(block)
    valid_from, valid_until, long_term = _validity(block)
    if kind is IdCardKind.FOREIGN_PERMANENT_2023:
        name, bad = decode_ucs2(block[0:30])
        data = IdCardData(
            kind=kind,
            name=name,
            unreadable_name_positions=bad,
            gender=_field(block, 30, 2),
            issue_count=_field(block, 32, 4),  # 换证次数
            birth_date=_date(_field(block, 36, 16), "birth_date"),
            english_name=_english_2023(block),
            id_number=_field(block, 122, 36).upper(),
            valid_from=valid_from,
            valid_until=valid_until,
            long_term=long_term,
            nationality=_field(block, 242, 6),
            former_number_ref=_field(block, 250, 6),
        )
        if not data.id_number:
            raise UserFacingError(IdCardErrors.INVALID_DATA, field="empty")
        return data
    if kind is IdCardKind.FOREIGN_PERMANENT:
        name, bad = decode_ucs2(block[158:188])
        return IdCardData(
            kind=kind,
            english_name=_field(block, 0, 120),
            gender=_field(block, 120, 2),
            id_number=_field(block, 122, 30),
            nationality=_field(block, 152, 6),
            name=name,
            unreadable_name_positions=bad,
            valid_from=valid_from,
            valid_until=valid_until,
            long_term=long_term,
            birth_date=_date(_field(block, 220, 16), "birth_date"),
            card_version=_field(block, 236, 4),
            issuer=_field(block, 240, 8),
        )
    name, bad = decode_ucs2(block[0:30])
    data = IdCardData(
        kind=kind,
        name=name,
        unreadable_name_positions=bad,
        gender=_field(block, 30, 2),
        nation=_field(block, 32, 4) if kind is IdCardKind.RESIDENT else "",
        birth_date=_date(_field(block, 36, 16), "birth_date"),
        address=_field(block, 52, 70),
        id_number=_field(block, 122, 36).upper(),
        issuer=_field(block, 158, 30),
        valid_from=valid_from,
        valid_until=valid_until,
        long_term=long_term,
        pass_number=_field(block, 220, 18) if kind is IdCardKind.HMT_RESIDENCE else "",
        issue_count=_field(block, 238, 4) if kind is IdCardKind.HMT_RESIDENCE else "",
    )
    if not data.name and not data.id_number:
        raise UserFacingError(IdCardErrors.INVALID_DATA, field="empty")
    return data


# Building blocks (the virtual reader and tests) ----------------------------------------------


def encode_ucs2(text: str, length: int) -> bytes:
    """Pad with spaces to ``length`` bytes; characters outside the BMP cannot be encoded."""
    raw = bytearray()
    for ch in text:
        if ord(ch) > 0xFFFF:
            raise ValueError("UCS-2 cannot carry characters outside the BMP")
        raw += ord(ch).to_bytes(2, "little")
    if len(raw) > length:
        raise ValueError(f"{text!r} is longer than {length // 2} characters")
    while len(raw) < length:
        raw += b" \x00"
    return bytes(raw)


def _d(value: dt.date | None) -> str:
    return value.strftime("%Y%m%d") if value else ""


def build_text(data: IdCardData) -> bytes:
    """The text block a reader returns for ``data`` (inverse of parse_text)."""
    end = "长期" if data.long_term else _d(data.valid_until)
    if data.kind is IdCardKind.FOREIGN_PERMANENT:
        parts = [
            (data.english_name, 120), (data.gender, 2), (data.id_number, 30), (data.nationality, 6),
            (data.name, 30), (_d(data.valid_from), 16), (end, 16), (_d(data.birth_date), 16),
            (data.card_version, 4), (data.issuer, 8), ("I", 2), ("", 6),
        ]  # fmt: skip
    elif data.kind is IdCardKind.FOREIGN_PERMANENT_2023:
        english = data.english_name
        parts = [
            (data.name, 30), (data.gender, 2), (data.issue_count, 4), (_d(data.birth_date), 16),
            (english[:35], 70), (data.id_number, 36), ("", 30), (_d(data.valid_from), 16), (end, 16),
            (english[35:46], 22), (data.nationality, 6), ("Y", 2), (data.former_number_ref, 6),
        ]  # fmt: skip
    else:
        hmt = data.kind is IdCardKind.HMT_RESIDENCE
        parts = [
            (data.name, 30), (data.gender, 2), ("" if hmt else data.nation, 4), (_d(data.birth_date), 16),
            (data.address, 70), (data.id_number, 36), (data.issuer, 30), (_d(data.valid_from), 16), (end, 16),
        ]  # fmt: skip
        parts += [(data.pass_number, 18), (data.issue_count, 4), ("", 6), ("J", 2), ("", 6)] if hmt else [("", 36)]
    block = b"".join(encode_ucs2(text, n) for text, n in parts)
    assert len(block) == TEXT_LEN, len(block)
    return block


# Number checks per card kind ------------------------------------------------------------------


_REASONS = {
    "id.bad_check_digit": "check_digit",
    "permit.bad_check_digit": "check_digit",
    "id.bad_birth_date": "birth_date",
    "id.bad_region": "region",
    "permit.bad_province": "region",
    "permit.birth_date_mismatch": "birth_date_mismatch",
}


def number_problem(data: IdCardData) -> str | None:
    """None when the number passes the check for its card kind, else a short reason.

    The counter's one check (models/validation.py ``check_identity_number``), with the card's
    birth date: GB 11643 for 居民身份证 and 港澳台居民居住证 (whose numbers must also start
    81/82/83), the 外国人永久居留身份证 rules for the 2017 (15 characters) and 2023 (18 digits
    starting with 9) editions, each only on its own card kind; the 2017 number's letters must be
    the card's nationality.
    """
    from models.errors import ValidationError
    from models.validation import check_identity_number, number_kind

    number = data.id_number
    expected = {
        IdCardKind.RESIDENT: "resident",
        IdCardKind.HMT_RESIDENCE: "resident",
        IdCardKind.FOREIGN_PERMANENT: "foreign_2017",
        IdCardKind.FOREIGN_PERMANENT_2023: "foreign_2023",
    }[data.kind]
    if not number or number_kind(number) != expected:
        return "format"
    try:
        check_identity_number(number, birth_date=data.birth_date)
    except ValidationError as exc:
        return _REASONS.get(exc.code, "format")
    if data.kind is IdCardKind.HMT_RESIDENCE and number[:2] not in ("81", "82", "83"):
        return "region"
    if data.kind is IdCardKind.RESIDENT and number[:2] in ("81", "82", "83"):
        return "region"
    if data.kind is IdCardKind.FOREIGN_PERMANENT and data.nationality and number[:3] != data.nationality:
        return "nationality_mismatch"
    return None
