"""Message templates (消息推送模板) filled with case data for the notification outbox.

The seeds write placeholders as asterisks: ``【经办机构落款】尊敬的***,您于****年**月**日已完成…
原因为：***。如有疑问，请咨询******(电话)``. Each one is replaced by a named value; a template
that still holds asterisks after filling is refused rather than sent half-filled.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from models.catalog.catalog import CatalogError


@dataclass(frozen=True)
class MessageData:
    agency: str  # 经办机构落款
    name: str  # 尊敬的***
    date: dt.date  # ****年**月**日
    phone: str  # 咨询******(电话)
    reason: str | None = None  # 原因为：***
    validity: str | None = None  # 备案有效期为***
    amount: str | None = None  # 报销金额***元
    payee: str | None = None  # 已划入***的***银行尾号为***的账户
    bank: str | None = None
    account_tail: str | None = None
    institution: str | None = None  # ***(医疗机构名称)


_RULES: tuple[tuple[str, str], ...] = (
    (r"【经办机构落款】", "agency"),
    (r"\*{4}年\*{2}月\*{2}日", "date"),
    (r"尊敬的\*{3}", "name"),
    (r"原因为[：:]\s*\*{3}", "reason"),
    (r"有效期为\s*\*{3}", "validity"),
    (r"金额\s*\*{3}\s*元", "amount"),
    (r"\*{3}\((?:医疗机构|零售药店)名称\)", "institution"),
    (r"划入\*{3}的\*{3}银行尾号为\*{3}的账户", "payee"),
    (r"\*{5,}\s*\(电话\)", "phone"),
)


def render_message(template: str, data: MessageData) -> str:
    text = template
    for pattern, attr in _RULES:
        if not re.search(pattern, text):
            continue
        value = getattr(data, attr)
        if attr == "payee":
            value = _payee(data)
        if value is None or value == "":
            raise CatalogError("catalog.template_value_missing", value=attr)
        text = re.sub(pattern, _fill(attr, value).replace("\\", "\\\\"), text)
    if "**" in text:
        raise CatalogError("catalog.template_unfilled", template=template[:40])
    return text


def _fill(attr: str, value: object) -> str:
    if attr == "agency":
        return f"【{value}】"
    if attr == "date":
        assert isinstance(value, dt.date)
        return f"{value.year}年{value.month:02d}月{value.day:02d}日"
    if attr == "payee":
        return str(value)
    if attr == "name":
        return f"尊敬的{value}"
    if attr == "reason":
        return f"原因为：{value}"
    if attr == "validity":
        return f"有效期为{value}"
    if attr == "amount":
        return f"金额{value}元"
    return f"{value}"


def _payee(data: MessageData) -> str | None:
    if not (data.payee and data.bank and data.account_tail):
        return None
    return f"划入{data.payee}的{data.bank}银行尾号为{data.account_tail}的账户"
