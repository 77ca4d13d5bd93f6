"""Which cases a batch print covers: one document kind for the cases accepted on some days.

Qt-free (desktop/batch_print.py shows the count and prints; bench and tests call it directly).
A kind applies to an item when the item's catalog forms include the kind's sample form (表8 for
the 参保凭证, 表11 for the 备案表 …) or the item is named in the rule; ``receipt`` applies to
every item. The 一次性告知书 and 不予受理通知书 belong to cases that were not accepted and the
同步对账单 to a sync batch, so they are not batch kinds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import clock
from models.errors import ValidationError
from models.lifecycle import CaseState
from models.orm import Case, PrintLog

#: The longest range a batch may span (a month of a small station is a few hundred cases).
MAX_DAYS = 62

#: Accepted cases that are no longer going anywhere get nothing printed in a batch.
EXCLUDED_STATES = frozenset({CaseState.WITHDRAWN, CaseState.REVIEW_REJECTED})


@dataclass(frozen=True)
class BatchRule:
    """Items a document kind applies to: by catalog sample form, by item code; neither = every item."""

    forms: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    #: Where the rule comes from (the catalog's forms, or the seed line for an item rule).
    why: str = ""

    @property
    def every_item(self) -> bool:
        return not self.forms and not self.items


BATCH_RULES: dict[str, BatchRule] = {
    "certificate": BatchRule(forms=("表8",), why="003 表8 基本医疗保险参保凭证"),
    "contribution-proof": BatchRule(
        items=("002036002002",),
        why="002#161 个人持身份证或社会保障卡通过黔南州服务大厅窗口查询打印参保缴费证明（个人权益记录）",
    ),
    "receipt": BatchRule(why="every accepted case gets a 受理回执 (issue 7)"),
    "assistance-slip": BatchRule(
        forms=("表13", "贵州救助申请表"),
        why="the 核定单 of an assistance application: 003 表13 依申请救助申请表, 001 附件1",
    ),
    "assistance-application": BatchRule(forms=("贵州救助申请表",), why="001 附件1 XX城乡医疗救助申请表"),
    "assistance-review": BatchRule(forms=("贵州救助审批表",), why="001 附件2 XX城乡医疗救助申请审核审批表"),
    "filing": BatchRule(forms=("表11",), why="003 表11 异地就医登记备案表"),
    "transfer": BatchRule(forms=("表9",), why="003 表9 基本医疗保险关系转移接续申请表"),
    "chronic": BatchRule(forms=("表12",), why="003 表12 门诊慢特病病种待遇认定申请表"),
    "registration": BatchRule(forms=("表3",), why="003 表3 城乡居民基本医疗保险参保登记表"),
    # printing/sample: the rest of the seeds' sample forms, by the catalog items' ``forms``.
    "unit-registration": BatchRule(forms=("表1",), why="003 表1 基本医疗保险单位参保信息登记表"),
    "employee-registration": BatchRule(forms=("表2",), why="003 表2 职工基本医疗保险参保登记表"),
    "unit-change": BatchRule(forms=("表4",), why="003 表4 基本医疗保险参保单位信息变更登记表"),
    "employee-change": BatchRule(forms=("表5",), why="003 表5 基本医疗保险职工参保信息变更登记表"),
    "resident-change": BatchRule(forms=("表6",), why="003 表6 基本医疗保险城乡居民参保信息变更登记表"),
    "account-withdrawal": BatchRule(forms=("表7",), why="003 表7 职工基本医疗保险个人账户一次性支取申请表"),
    "transfer-info": BatchRule(forms=("表10",), why="003 表10 参保人员基本医疗保险信息表"),
    "assistance-request": BatchRule(forms=("表13",), why="003 表13 依申请救助申请表"),
    "institution-application": BatchRule(forms=("表14",), why="003 表14 医疗机构申请定点协议管理申请表"),
    "pharmacy-application": BatchRule(forms=("表15",), why="003 表15 零售药店申请定点协议管理申请表"),
    "personal-promise": BatchRule(
        forms=("表16",),
        items=("002036002003", "002036006001", "002036006002"),
        why="003 表16 个人承诺书; the items whose materials take a 个人承诺书 in their place (promise_substitute)",
    ),
    "waiver-promise": BatchRule(forms=("表17",), why="003 表17 主动放弃承诺书"),
    "filing-promise": BatchRule(forms=("表18",), why="003 表18 基本医疗保险异地就医备案个人承诺书"),
    "evaluation-list": BatchRule(
        items=("002036009001", "002036009002"),
        why="003 表20 配合评估材料清单: 出具受理回执及配合评估材料清单(表19、表20) of both 定点 items",
    ),
    "gz-chronic": BatchRule(items=("002036005001",), why="001#1768 贵州省门诊慢特病病种待遇认定申请表"),
    "gz-annual-review": BatchRule(forms=("贵州年审表",), why="001#1815 《医疗证》年审表"),
    "gz-entrust-promise": BatchRule(forms=("贵州委托承诺书",), why="001#1848 《医疗证》委托承诺书"),
    "gz-filing": BatchRule(
        items=("002036004001", "002036004002", "002036004003", "002036004004", "002036004005"),
        why="001#1226 附件1 异地就医登记备案表 (Guizhou's 表11)",
    ),
}

#: A national form and Guizhou's variant of it (001): a Guizhou station prints the variant.
GUIZHOU_VARIANTS: dict[str, str] = {"chronic": "gz-chronic", "filing": "gz-filing"}
#: Guizhou-only forms, not printed by a station elsewhere in the country.
GUIZHOU_ONLY = frozenset(GUIZHOU_VARIANTS.values())
GUIZHOU = "52"  # GB/T 2260 province code of 贵州省


def for_station(kind: str, admdvs: str) -> str | None:
    """The kind a station prints in place of ``kind``: Guizhou's variant where 001 has one (the
    station's 行政区划 says the province), ``None`` for a Guizhou form elsewhere."""
    guizhou = admdvs.startswith(GUIZHOU)
    if guizhou:
        return GUIZHOU_VARIANTS.get(kind, kind)
    return None if kind in GUIZHOU_ONLY else kind


@dataclass(frozen=True)
class BatchCase:
    """One case a batch would print (no personal data: the dialog shows numbers and items)."""

    case_id: int
    case_no: str
    item_code: str
    item_name: str
    accepted_at: dt.datetime
    #: This kind was printed for the case before: printing it again is a reprint (needs a reason).
    printed_before: bool


def applies(kind: str, item_code: str, form_numbers: Iterable[str] = ()) -> bool:
    rule = BATCH_RULES.get(kind)
    if rule is None:
        return False
    if rule.every_item or item_code in rule.items:
        return True
    return any(number in rule.forms for number in form_numbers)


def applicable_items(kind: str, catalog: Iterable[object]) -> list[tuple[str, str]]:
    """(code, name) of the catalog items ``kind`` applies to, for the dialog's item filter."""
    out = []
    for item in catalog:
        code, name = str(getattr(item, "code", "")), str(getattr(item, "name", ""))
        if applies(kind, code, _form_numbers(item)):
            out.append((code, name))
    return out


def _form_numbers(item: object | None) -> tuple[str, ...]:
    return tuple(str(f.number) for f in getattr(item, "forms", ()) or ())


def day_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """UTC instants of local midnight at ``first`` and after ``last`` (the counter's days)."""
    if last < first:
        raise ValidationError("print.batch_bad_range", first=first.isoformat(), last=last.isoformat())
    if (last - first).days + 1 > MAX_DAYS:
        raise ValidationError("print.batch_range_too_long", days=MAX_DAYS)
    start = dt.datetime.combine(first, dt.time(), clock.CHINA).astimezone(dt.UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), clock.CHINA).astimezone(dt.UTC)
    return start, end


def find_batch(
    session: Session,
    kind: str,
    first: dt.date,
    last: dt.date,
    *,
    item_codes: Sequence[str] | None = None,
    catalog: Iterable[object] | None = None,
) -> list[BatchCase]:
    """Cases accepted from ``first`` to ``last`` (local days) that ``kind`` applies to, oldest first.

    ``item_codes`` narrows to those items; ``catalog`` (default: the catalog in use) gives each
    item's sample forms.
    """
    if kind not in BATCH_RULES:
        raise ValidationError("print.batch_unknown_kind", kind=kind)
    if catalog is None:
        from models.catalog import load_catalog

        catalog = load_catalog()
    forms = {str(getattr(i, "code", "")): _form_numbers(i) for i in catalog}
    start, end = day_bounds(first, last)
    query = (
        select(Case)
        .where(Case.accepted_at.is_not(None), Case.accepted_at >= start, Case.accepted_at < end)
        .where(Case.state.not_in(list(EXCLUDED_STATES)))
        .order_by(Case.accepted_at, Case.id)
    )
    if item_codes:
        query = query.where(Case.item_code.in_(list(item_codes)))
    cases = [c for c in session.scalars(query) if applies(kind, c.item_code, forms.get(c.item_code, ()))]
    printed = set()
    if cases:
        ids = [c.id for c in cases]
        query_printed = select(PrintLog.case_id).where(PrintLog.document == kind, PrintLog.case_id.in_(ids))
        printed = set(session.scalars(query_printed))
    return [
        BatchCase(c.id, c.case_no, c.item_code, c.item_name, c.accepted_at, c.id in printed)  # type: ignore[arg-type]
        for c in cases
    ]
