"""Money on paper: figures with two decimals, and Chinese capitals (大写) as forms ask.

The capitals follow 《支付结算办法》: 整 after 元 or 角 when nothing follows, one 零 for a
run of zeros in the middle, 壹拾 (not 拾) at the start of a group.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_GROUP_UNITS = ("", "万", "亿", "万亿")
CENT = Decimal("0.01")


def to_cents(amount: Decimal | int | str) -> Decimal:
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def figures(amount: Decimal | int | str | None) -> str:
    """``Decimal('1234.5')`` → ``1,234.50``; None prints as an empty field."""
    if amount is None:
        return ""
    return f"{to_cents(amount):,.2f}"


def _group(value: int) -> str:
    out = ""
    pending_zero = False
    for pos, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        digit = value // pos % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out += "零"
            pending_zero = False
        out += _DIGITS[digit] + unit
    return out


def _integer(value: int) -> str:
    groups: list[int] = []
    while value:
        groups.append(value % 10000)
        value //= 10000
    if len(groups) > len(_GROUP_UNITS):
        raise ValueError("amount too large")
    out = ""
    pending_zero = False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if group == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or group < 1000):
            out += "零"
        out += _group(group) + _GROUP_UNITS[index]
        pending_zero = False
    return out


def rmb_upper(amount: Decimal | int | str) -> str:
    """``1004.05`` → ``壹仟零肆元零伍分``; ``0`` → ``零元整``; negative amounts are refused."""
    cents = int(to_cents(amount) * 100)
    if cents < 0:
        raise ValueError("negative amount")
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    head = _integer(yuan)
    if not head and not rest:
        return "零元整"
    text = head + "元" if head else ""
    if jiao == 0 and fen == 0:
        return text + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
        return text + (_DIGITS[fen] + "分" if fen else "整")
    return text + ("零" if head else "") + _DIGITS[fen] + "分"
