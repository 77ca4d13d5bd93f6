"""The documents one case hands the applicant, printed together with one key (issue 15 item 7).

Qt-free: which kinds, in which order, for a case's state and item. desktop/case_printing.py
renders and sends them to the configured printers.

- 退回补正: the 一次性告知书 (003: 一次性告知, in writing).
- 不予受理: the 不予受理通知书.
- accepted (受理, 转报, 审核, 办结): the 受理回执; a 容缺 case also the 一次性告知书 of what is
  owed; the item's sample forms for the applicant to sign (表3, 表9, 表11, 表12, the county's
  医疗救助申请表: ``models.print_batch.BATCH_RULES``); and, once finished, the result
  document the seeds name: the 参保凭证 (表8, 003 出具《参保凭证》 "业务办结 出具《参保凭证》"),
  the 参保缴费证明 (002#161 "查询打印参保缴费证明（个人权益记录）"), else the 办结通知书 (the
  item's 办结 消息推送模板 filled in, 003 "告知办理结果"; left out when the case cannot fill it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from models.lifecycle import CaseState
from models.print_batch import applies, for_station

#: Forms the applicant signs (or is handed) at intake, in the order they are handed over. The
#: 承诺书 (表16, 表17, 表18) are not here: they are printed from the materials step when the
#: applicant chooses one in place of a material.
INTAKE_FORMS = (
    "registration",
    "transfer",
    "filing",
    "chronic",
    "assistance-application",
    "unit-registration",
    "employee-registration",
    "unit-change",
    "employee-change",
    "resident-change",
    "account-withdrawal",
    "assistance-request",
    "institution-application",
    "pharmacy-application",
    "evaluation-list",
    "gz-annual-review",
    "gz-entrust-promise",
)
#: The 承诺书 an applicant signs in place of a material (catalog ``promise_substitute``) or as
#: the material itself (表17 情况说明, 001 委托承诺书): printed from the materials step on demand.
PROMISES = ("personal-promise", "waiver-promise", "filing-promise", "gz-entrust-promise")


def promise_kinds(item_code: str, form_numbers: Iterable[str] = (), *, admdvs: str = "") -> list[str]:
    """The 承诺书 the materials step offers for an item at a station of 行政区划 ``admdvs``."""
    forms = tuple(form_numbers)
    kinds = [for_station(kind, admdvs) for kind in PROMISES if applies(kind, item_code, forms)]
    return [k for k in kinds if k]


#: Result documents of a finished case.
RESULT_DOCUMENTS = ("certificate", "contribution-proof")
#: The 办结通知书 (the item's 办结 message template on paper) for a finished case that has no
#: result document of its own: "告知办理结果" (003 业务办结及反馈), e.g. a 登记 confirmed.
COMPLETION = "completion"

_ACCEPTED = frozenset(
    {CaseState.ACCEPTED, CaseState.FORWARDED, CaseState.APPROVED, CaseState.PAID, CaseState.COMPLETED}
)


@dataclass(frozen=True)
class SetDocument:
    kind: str
    #: A 受理回执 may go to the receipt printer (80 mm roll); everything else is A4.
    roll: bool = False


def document_set(
    state: CaseState,
    item_code: str,
    form_numbers: Iterable[str] = (),
    *,
    owes_materials: bool = False,
    admdvs: str = "",
) -> list[SetDocument]:
    """The documents for a case in ``state`` of item ``item_code`` (its catalog sample forms) at
    a station of 行政区划 ``admdvs`` (a Guizhou station prints 001's variants of 表11 and 表12)."""
    forms = tuple(form_numbers)
    if state is CaseState.SUPPLEMENT:
        return [SetDocument("missing-notice")]
    if state is CaseState.REFUSED:
        return [SetDocument("refusal")]
    if state not in _ACCEPTED:
        return []
    out = [SetDocument("receipt", roll=True)]
    if owes_materials:
        out.append(SetDocument("missing-notice"))
    intake = [for_station(kind, admdvs) for kind in INTAKE_FORMS if applies(kind, item_code, forms)]
    out += [SetDocument(kind) for kind in dict.fromkeys(k for k in intake if k)]
    if state is CaseState.COMPLETED:
        results = [SetDocument(kind) for kind in RESULT_DOCUMENTS if applies(kind, item_code, forms)]
        out += results or [SetDocument(COMPLETION)]
    return out
