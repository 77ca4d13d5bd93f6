"""表7 职工基本医疗保险个人账户一次性支取申请表 (003#8986-9054), for 002036002003."""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.layout import A4, ID, L, RenderOptions, V, build, checks, content_width, date_cn, gap, grid, para, title
from printing.sample.base import FormData, SampleForm, id_of

FORM = SampleForm("account-withdrawal", "表7", "职工基本医疗保险个人账户一次性支取申请表", "003#8986")
REASONS = ("死亡", "出国(境)定居", "主动放弃", "其他")


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    w = content_width(A4) / 4
    v = data.v
    proxy = data.yes("by_proxy") == "是"
    rows = [
        [L("参保人员基本情况", 4)],
        [L("姓名"), V(data.name), L("证件类型及号码"), ID(id_of(data.id_type, data.id_number))],
        [L("支取原因"), V(checks(REASONS, v("withdrawal_reason")), 3)],
        [L("工作单位"), V(v("unit_name"), 3)],
        [L("账户号码"), ID(v("bank_account"), 3)],
        [L("开户行"), V(v("bank_name"), 3)],
        [L("领取人(继承人、代表人)基本情况", 4)],
        [L("姓名"), V(v("payee_name")), L("与参保人员关系"), V(v("payee_relation"))],
        [L("证件类型及号码"), ID(id_of(v("payee_id_type"), v("payee_id_number"))), L("联系电话"), V(v("payee_phone"))],
        [L("常住地址"), V(v("payee_address")), L("工作单位"), V(v("payee_unit"))],
        [L("账户号码"), ID(v("payee_bank_account"), 3)],
        [L("开户行"), V(v("payee_bank_name"), 3)],
        [
            V(
                f"经协商，由{v('payee_name') or '       '}代表全部继承人办理支取业务，有关款项汇入其名下银行账户，"
                "分配事宜自行解决，由此产生的法律纠纷由代表人自行负责。\n\n签字：          年   月   日",
                4,
            )
        ],
        [L("被委托人基本情况(如无被委托人，无需填写)", 4)],
        [
            L("姓名"),
            V(v("agent_name") if proxy else ""),
            L("证件类型及号码"),
            ID(v("agent_id_number") if proxy else ""),
        ],
        [L("联系电话"), V(v("agent_phone") if proxy else ""), L(""), V("")],
        [L("备注"), V(v("remark"), 3)],
    ]
    story: list[Flowable] = [
        title(FORM.title, 16),
        gap(3),
        para(f"支取人签字：                                        {date_cn(data.filled_on)}", 10),
        gap(2),
        grid(rows, [w * 0.9, w * 1.1, w * 0.9, w * 1.1], size=9.5),
    ]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.number)
