"""医保电子凭证 QR token: offline shape check and masking.

The payload is an opaque 28-character token — ``424`` + 17 digits + 2 digits + a 2-digit
province code + ``0000`` (DOMAIN-NOTES.md, e.g. ``4243754826492874240001130000``). It is resolved
to a person only online, so offline we check the shape, say clearly what else was scanned,
and never let the token reach a log unmasked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.errors import ValidationError

TOKEN_LENGTH = 28
PREFIX = "424"
SUFFIX = "0000"

#: Province-level 行政区划 codes (GB/T 2260 first two digits) that the token can carry.
PROVINCE_CODES: frozenset[str] = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://|^www\.", re.ASCII)
_CITIZEN_ID = re.compile(r"^\d{17}[\dXx]$", re.ASCII)


@dataclass(frozen=True)
class EVoucherToken:
    """A token of valid shape, still to be verified online (a credential pending verification)."""

    token: str
    province_code: str

    @property
    def masked(self) -> str:
        return mask_token(self.token)

    def __repr__(self) -> str:  # keeps the token out of tracebacks and log lines
        return f"EVoucherToken({self.masked!r}, province={self.province_code})"

    __str__ = __repr__


def mask_token(text: str) -> str:
    """Keep the first 4 and last 4 characters; safe to log and to show on a receipt."""
    t = text.strip()
    if len(t) <= 8:
        return "*" * len(t)
    return f"{t[:4]}{'*' * (len(t) - 8)}{t[-4:]}"


def _describe_other(text: str) -> str:
    """A short, non-personal label for what was scanned instead (goes into the message)."""
    if _URL.match(text):
        return "url"
    if _CITIZEN_ID.match(text):
        return "id_number"
    if text.isdigit():
        return "digits"
    return "text"


def validate_token(raw: str) -> EVoucherToken:
    """Return the token if it has the e-voucher shape, else raise ``ValidationError``.

    Codes: ``evoucher.empty``, ``evoucher.not_evoucher`` (another kind of code: a URL, an ID
    number, payment code…; param ``kind``), ``evoucher.bad_length`` (``length``),
    ``evoucher.not_digits``, ``evoucher.bad_suffix``,
    ``evoucher.bad_province`` (``province``).
    """
    text = raw.strip()
    if not text:
        raise ValidationError("evoucher.empty")
    if not text.startswith(PREFIX):
        # Not ours at all: a 健康码 URL, a payment code, an ID number, a product barcode.
        raise ValidationError("evoucher.not_evoucher", kind=_describe_other(text), length=len(text))
    if len(text) != TOKEN_LENGTH:
        raise ValidationError("evoucher.bad_length", length=len(text), expected=TOKEN_LENGTH)
    if not text.isascii() or not text.isdigit():
        raise ValidationError("evoucher.not_digits")
    if not text.endswith(SUFFIX):
        raise ValidationError("evoucher.bad_suffix")
    province = text[22:24]
    if province not in PROVINCE_CODES:
        raise ValidationError("evoucher.bad_province", province=province)
    return EVoucherToken(token=text, province_code=province)


def is_token(raw: str) -> bool:
    try:
        validate_token(raw)
    except ValidationError:
        return False
    return True
