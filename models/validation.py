"""Checks of identifiers and typed values, on maintained libraries (python-stdnum).

Each ``check_*`` returns the normalised value or raises ValidationError with a code that
desktop/messages/core.py turns into Chinese. Checks run in the order a clerk can act on:
length and characters first, then birth date, region, and the check digit last.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from stdnum import luhn
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

from models import fontset
from models.errors import ValidationError

_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
_ID_OR_OLD_ID = re.compile(r"^(\d{15}|\d{17}[\dXx]|[A-Za-z]{3}\d{12})$", re.ASCII)
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
_REGION = re.compile(r"^\d{6}(\d{3}(\d{3})?)?$")


#: Unicode categories no name may hold: controls (Cc: tab, newline, NUL…), format characters
#: (Cf: the bidi overrides U+202A–U+202E and isolates U+2066–U+2069 that make a name read
#: differently on screen, zero-width characters, soft hyphen), line/paragraph separators and
#: lone surrogates. Rare characters of names (生僻字, GB 18030-2022, mostly in the CJK extension
#: planes U+20000–U+3134F) are allowed as long as a shipped font draws them (below).
_NAME_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})

#: What stands for a character the ID card reader could not carry (devices/idcard/text.py shows
#: it as □; U+FFFD is the decoder's replacement character, a Private Use Area code point the
#: police system's font draws): never a person's name.
_NAME_PLACEHOLDERS = frozenset({"\u25a1", "\ufffd"})
_PRIVATE_USE = "Co"


def check_name(raw: str) -> str:
    """A person's, clerk's or station's name, stripped. Raises (with the code point, never the
    name) ``name.unreadable`` for the □ an ID card read shows where the reader could not carry a
    character (or a Private Use Area code point), ``name.bad_character`` for a control or
    bidi/format character and ``name.no_glyph``
    for a character no shipped font can draw (it would print as an empty box and could not be
    shown on screen: models/fontset.py). The one place names are checked: intake (typed or read
    from a card), batch lists, clerks, stations."""
    name = raw.strip()
    for char in name:
        if char in _NAME_PLACEHOLDERS or unicodedata.category(char) == _PRIVATE_USE:
            raise ValidationError("name.unreadable", codepoint=f"U+{ord(char):04X}")
        if unicodedata.category(char) in _NAME_FORBIDDEN_CATEGORIES:
            raise ValidationError("name.bad_character", codepoint=f"U+{ord(char):04X}")
    for char in fontset.undrawable(name):
        raise ValidationError("name.no_glyph", codepoint=f"U+{ord(char):04X}")
    return name


@dataclass(frozen=True)
class IdInfo:
    """What a valid citizen ID number says about its holder."""

    number: str
    birth_date: dt.date
    gender: str  # 男 / 女 ("" when the number does not say: 2017 永居证)
    province: str
    county: str
    #: which number this is (NUMBER_KINDS): a 公民身份号码 (resident cards and 港澳台居民居住证)
    #: or a 外国人永久居留身份证 number of the 2017 or the 2023 edition
    kind: str = "resident"
    nationality: str = ""  # foreigners' numbers: the 2017 letters (ISO 3166-1 alpha-3) or the 2023 digits

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.birth_date.year
        return years - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))


def normalise_id(raw: str) -> str:
    return raw.strip().replace(" ", "").upper()


def looks_like_id_number(raw: str) -> bool:
    """The shape of a 公民身份号码, 18 digits (last may be X) or the old 15 digits, or of a 2017
    外国人永久居留身份证 number (3 letters + 12 digits; the 2023 one is 18 digits); nothing checked."""
    return bool(_ID_OR_OLD_ID.match(raw.strip()))


def upgrade_first_generation(raw: str) -> str:
    """A 15-digit first-generation number as the 18-digit number it became (GB 11643-1999).

    The two-digit birth year gains "19" (15-digit numbers were issued to people born in the
    1900s) and the check digit is computed by python-stdnum; the result is then checked in full.
    """
    number = normalise_id(raw)
    if len(number) != 15 or not number.isdigit():
        raise ValidationError("id.bad_length", length=len(number))
    body = number[:6] + "19" + number[6:]
    return body + ric.calc_check_digit(body + "0")  # stdnum wants a placeholder check digit


def check_id_number(raw: str, today: dt.date | None = None) -> IdInfo:
    """Validate a GB 11643 公民身份号码 and derive birth date, gender and region."""
    number = normalise_id(raw)
    if len(number) == 15:
        raise ValidationError("id.first_generation")
    if len(number) != 18:
        raise ValidationError("id.bad_length", length=len(number))
    if not _ID_SHAPE.match(number):
        raise ValidationError("id.bad_characters")
    try:
        birth = ric.get_birth_date(number)
    except StdnumError as exc:
        raise ValidationError("id.bad_birth_date", value=number[6:14]) from exc
    if birth > (today or dt.date.today()) or birth.year < 1880:
        raise ValidationError("id.bad_birth_date", value=number[6:14])
    place = _HMT_PERMIT_REGIONS.get(number[:6]) or _issuing_region(number, birth.year)
    if place is None:
        raise ValidationError("id.bad_region", value=number[:6])
    if ric.calc_check_digit(number) != number[-1]:
        raise ValidationError("id.bad_check_digit")
    gender = "男" if int(number[16]) % 2 == 1 else "女"
    return IdInfo(number, birth, gender, place.get("province", ""), _clean(place["county"]))


#: IdInfo.kind values
NUMBER_KINDS = ("resident", "foreign_2017", "foreign_2023")

_FOREIGN_2017 = re.compile(r"^[A-Z]{3}\d{12}$")
_FOREIGN_2023 = re.compile(r"^9\d{16}[\dX]$")


def number_kind(raw: str) -> str:
    """Which check a number of this shape takes (nothing checked yet).

    A 公民身份号码 starts with its province's digit 1-8; the 2023 外国人永久居留身份证 number is
    18 characters starting with 9; the 2017 one starts with three letters (sources: see
    ``check_foreign_number``).
    """
    number = normalise_id(raw)
    if number[:1].isalpha():
        return "foreign_2017"
    if number[:1] == "9":
        return "foreign_2023"
    return "resident"


#: The card a number belongs to, by its official name (what paper prints as the 证件类型)
RESIDENT_CARD, HMT_PERMIT, FOREIGN_PERMIT = "居民身份证", "港澳台居民居住证", "外国人永久居留身份证"


def document_name(raw: str) -> str:
    """The card a number of this shape belongs to (nothing checked): 外国人永久居留身份证 for the
    foreigners' numbers, 港澳台居民居住证 for the 810000/820000/830000 ones, else 居民身份证."""
    number = normalise_id(raw)
    if number_kind(number) != "resident":
        return FOREIGN_PERMIT
    if number[:6] in _HMT_PERMIT_REGIONS:
        return HMT_PERMIT
    return RESIDENT_CARD


def check_identity_number(raw: str, today: dt.date | None = None, birth_date: dt.date | None = None) -> IdInfo:
    """The number a person is identified by at the counter, through the check that fits it:
    GB 11643 for 居民身份证 and 港澳台居民居住证 numbers (810000/820000/830000), the 外国人永久居留
    身份证 rules for the foreigners' numbers. ``birth_date``: the card's, when read on a reader."""
    kind = number_kind(raw)
    if kind == "resident":
        info = check_id_number(raw, today)
        if birth_date is not None and info.birth_date != birth_date:
            raise ValidationError("permit.birth_date_mismatch")
        return info
    return check_foreign_number(raw, today, birth_date)


def check_foreign_number(raw: str, today: dt.date | None = None, birth_date: dt.date | None = None) -> IdInfo:
    """A 外国人永久居留身份证 number.

    2023 edition (issued since 2023-12-01): 18 characters, "9" (the foreigner's mark; citizens'
    numbers start 1-8), the 2-digit province of the office that took the application, the
    3-digit code of the nationality, the birth date YYYYMMDD, a sequence and a check digit by
    MOD 11-2, "the same as the 公民身份号码" -- 国家移民管理局《新版外国人永久居留身份证机读信息
    规则（2023版）》 as republished by the reader vendor DONSEE/东信
    (http://www.eastcoms.com/service/pro/840.html); the positions of province, nationality and
    birth date as parsed by xiahaimoyu/credentialkit (ForeignerPermanentResidenceIdNumberProcessor).

    2017 edition: 15 characters, the 3-letter nationality code and 12 digits (same 2023 rule text:
    "15 位(3 位拉丁字母+12 位数字)"), the 2-digit province of the office, then the birth date
    YYMMDD, a sequence and a check character. No public rule for that check character was found
    (credentialkit computes an ICAO 9303 7-3-1 digit and reads a 4-digit office code, placing the
    birth date two characters later), so only the shape, a real birth date and the province are
    checked; the birth date is accepted at either position, and when the card's own birth date is
    known (a reader read) it must be one of them.
    """
    number = normalise_id(raw)
    today = today or dt.date.today()
    kind = number_kind(number)
    if kind == "resident":  # a 公民身份号码 (or nothing) where the 证件类型 says 外国人永久居留证
        raise ValidationError("permit.not_foreign_number")
    if kind == "foreign_2023":
        if len(number) != 18:
            raise ValidationError("permit.bad_length", length=len(number), expected=18)
        if not _FOREIGN_2023.match(number):
            raise ValidationError("permit.bad_characters_2023")
        try:
            birth = dt.datetime.strptime(number[6:14], "%Y%m%d").date()
        except ValueError:
            raise ValidationError("id.bad_birth_date", value=number[6:14]) from None
        if birth > today or birth.year < 1880:
            raise ValidationError("id.bad_birth_date", value=number[6:14])
        province = _province(number[1:3])
        if province is None:
            raise ValidationError("permit.bad_province", value=number[1:3])
        if ric.calc_check_digit(number) != number[-1]:
            raise ValidationError("permit.bad_check_digit")
        if birth_date is not None and birth != birth_date:
            raise ValidationError("permit.birth_date_mismatch")
        gender = "男" if int(number[16]) % 2 == 1 else "女"
        return IdInfo(number, birth, gender, province, "", kind=kind, nationality=number[3:6])
    if len(number) != 15:
        raise ValidationError("permit.bad_length", length=len(number), expected=15)
    if not _FOREIGN_2017.match(number):
        raise ValidationError("permit.bad_characters_2017")
    province = _province(number[3:5])
    if province is None:
        raise ValidationError("permit.bad_province", value=number[3:5])
    candidates = _birth_candidates_2017(number, today)
    if birth_date is not None:
        if birth_date not in candidates:
            raise ValidationError("permit.birth_date_mismatch")
        birth = birth_date
    elif candidates:
        birth = candidates[0]
    else:
        raise ValidationError("id.bad_birth_date", value=number[5:11])
    return IdInfo(number, birth, "", province, "", kind=kind, nationality=number[:3])


def foreign_birth_dates(raw: str, today: dt.date | None = None) -> tuple[dt.date, ...]:
    """The birth dates a 外国人永久居留身份证 number may carry: one for the 2023 edition, one or
    two for the 2017 edition (its birth date position is not publicly documented; see
    ``check_foreign_number``). Empty when the number carries none; nothing else is checked. A list
    without the card's own birth date must not pick one of two (models/batch_import/checker.py)."""
    number = normalise_id(raw)
    today = today or dt.date.today()
    kind = number_kind(number)
    if kind == "foreign_2017" and _FOREIGN_2017.match(number):
        return tuple(dict.fromkeys(_birth_candidates_2017(number, today)))
    if kind == "foreign_2023" and _FOREIGN_2023.match(number):
        try:
            return (dt.datetime.strptime(number[6:14], "%Y%m%d").date(),)
        except ValueError:
            return ()
    return ()


def _birth_candidates_2017(number: str, today: dt.date) -> list[dt.date]:
    return [d for d in (_yymmdd(number[5:11], today), _yymmdd(number[7:13], today)) if d is not None]


def check_hmt_permit_number(raw: str, today: dt.date | None = None) -> IdInfo:
    """A 港澳台居民居住证 number: a GB 11643 number whose 地址码 is 810000, 820000 or 830000
    (``_HMT_PERMIT_REGIONS``); a 公民身份号码 of a mainland county is refused under that 证件类型."""
    info = check_id_number(raw, today)
    if info.number[:6] not in _HMT_PERMIT_REGIONS:
        raise ValidationError("permit.not_hmt_number", value=info.number[:6])
    return info


def _yymmdd(text: str, today: dt.date) -> dt.date | None:
    """A 2-digit-year date: the latest century that does not put it after ``today``."""
    for century in (2000, 1900):
        try:
            day = dt.date(century + int(text[:2]), int(text[2:4]), int(text[4:6]))
        except ValueError:
            return None
        if day <= today:
            return day
    return None


def _province(code2: str) -> str | None:
    from models.regions import region_name as table_name

    return table_name(code2 + "0000") or None


#: The 地址码 of 港澳台居民居住证 numbers: 香港居民 810000, 澳门居民 820000, 台湾居民 830000 (the
#: 公安部's rule for the 居住证 of 《港澳台居民居住证申领发放办法》, 国办发〔2018〕81号, as summarised
#: at https://cidian.kuaisou.com/居民居住证号): not counties of GB/T 2260, so not in the region
#: tables (python-stdnum's has no 830000: a 台湾居民's number was refused).
_HMT_PERMIT_REGIONS = {
    "810000": {"province": "香港特别行政区", "county": ""},
    "820000": {"province": "澳门特别行政区", "county": ""},
    "830000": {"province": "台湾", "county": ""},
}


def _issuing_region(number: str, birth_year: int) -> dict[str, str] | None:
    """The province and county of the number's 地址码, or None when the code never was a county.

    GB 11643's 地址码 is the county of the person's registered household when the number was
    given, not the county at birth: a 浦东新区 (310115, since 1992) resident born in 1950 holds
    310115. stdnum's ``get_birth_place`` accepts only a county that existed in the birth year,
    which refuses most numbers of people older than their district, so the county is looked up
    here among every period of the code: the one current at birth when there is one, otherwise
    the latest.
    """
    from stdnum import numdb

    info = {key: value for _part, props in numdb.get("cn/loc").info(number[:6]) for key, value in props.items()}
    if "county" not in info:
        return None
    periods: list[tuple[int, int, str]] = []
    for entry in info["county"].split(","):
        if not entry.startswith("["):
            periods.append((0, 9999, entry))
            continue
        span, name = entry[1:].split("]", 1)
        start, end = span.split("-")
        periods.append((int(start or 0), int(end or 9999), name))
    at_birth = [period for period in periods if period[0] <= birth_year <= period[1]]
    _start, _end, county = at_birth[0] if at_birth else max(periods, key=lambda period: (period[1], period[0]))
    return {"province": info.get("province", ""), "county": county}


def check_uscc(raw: str) -> str:
    """统一社会信用代码 (GB 32100)."""
    value = raw.strip().upper()
    if len(value) != 18:
        raise ValidationError("uscc.bad_length", length=len(value))
    try:
        return str(uscc.validate(value))
    except StdnumError as exc:
        raise ValidationError("uscc.invalid") from exc


def check_mobile(raw: str) -> str:
    value = re.sub(r"[\s-]", "", raw)
    if value.startswith("+86"):
        value = value[3:]
    if not _MOBILE.match(value):
        raise ValidationError("phone.bad_mobile")
    return value


def check_phone(raw: str) -> str:
    """A mobile number or a landline with its area code (0854-8222222)."""
    value = raw.strip()
    try:
        return check_mobile(value)
    except ValidationError:
        if _LANDLINE.match(value):
            return value
        raise ValidationError("phone.bad_number") from None


def check_bank_card(raw: str) -> str:
    value = re.sub(r"\s", "", raw)
    if not value.isdigit() or not 12 <= len(value) <= 19:
        raise ValidationError("bank.bad_length")
    if not luhn.is_valid(value):
        raise ValidationError("bank.bad_check_digit")
    return value


@lru_cache(maxsize=1)
def _region_db() -> object:
    from stdnum import numdb

    return numdb.get("cn/loc")


def region_name(code: str) -> str | None:
    """The name of a 行政区划代码's county (GB/T 2260 table, models/regions.py), or None when
    unknown; codes the table no longer lists fall back to python-stdnum's historical data."""
    from models.regions import region_name as table_name

    named = table_name(code)
    if named:
        return named
    info = _region_db().info(code[:6])  # type: ignore[attr-defined]
    merged: dict[str, str] = {}
    for _, props in info:  # [('52', {'province': …}), ('2701', {'county': …})]
        merged.update(props)
    if "county" not in merged:
        return None
    return merged.get("province", "") + _clean(merged["county"])


def check_region_code(raw: str) -> str:
    """行政区划代码: 6 digits (county), 9 (township) or 12 (village); the county part must exist.

    Township and village lists come from the statistics bureau and change yearly, so only
    their county prefix is checked here (against models/regions.py's GB/T 2260 table).
    """
    value = raw.strip()
    if not _REGION.match(value):
        raise ValidationError("region.bad_shape")
    if region_name(value) is None:
        raise ValidationError("region.unknown", value=value[:6])
    return value


def parse_date(raw: str) -> dt.date:
    value = raw.strip()
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValidationError("date.invalid", value=value)


def parse_money(raw: str) -> Decimal:
    value = raw.strip().replace(",", "").replace("，", "")
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise ValidationError("money.invalid", value=raw) from exc
    if amount < 0 or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValidationError("money.invalid", value=raw)
    return amount.quantize(Decimal("0.01"))


def _clean(name: str) -> str:
    """numdb marks historical names with a date range: "[1983-]市辖区" → "市辖区"."""
    return re.sub(r"^\[[^\]]*\]", "", name)
