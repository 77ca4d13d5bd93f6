"""Masking personal data for lists, logs and receipts (only the case detail shows it whole)."""

from __future__ import annotations


def mask_id(number: str | None, keep_last: int = 4) -> str:
    """``522701199001011234`` → ``**************1234`` (receipts keep only the last four)."""
    if not number:
        return ""
    keep = min(keep_last, len(number))
    return "*" * (len(number) - keep) + number[len(number) - keep :]


def mask_id_list(number: str | None) -> str:
    """Lists show region and last four: ``522701********1234``.

    Every identity number is masked whatever its length: 14 characters and more keep the first
    six and the last four; shorter ones (a 港澳台 通行证号码 such as ``H12345678``, 9 characters)
    keep about a fifth at the front and a quarter at the back (``H******78``), so that at least
    half is always hidden.
    """
    if not number:
        return ""
    n = len(number)
    head, tail = (6, 4) if n >= 14 else (n // 5, n // 4)
    return number[:head] + "*" * (n - head - tail) + number[n - tail :]


def mask_phone(number: str | None) -> str:
    if not number:
        return ""
    if len(number) == 11:
        return number[:3] + "****" + number[-4:]
    return mask_id(number)


def mask_name(name: str | None) -> str:
    """``张三丰`` → ``张**``: the family name is enough to recognise a case at the counter."""
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1)
