"""表4 基本医疗保险参保单位信息变更登记表 (003#8731-8826), for 002036001004 单位参保信息变更登记.

原登记事项 / 变更事项 side by side: the case holds the unit's new values (the catalog's fields);
the old ones print where the counter captured them (``old_*``), else stay for the unit's hand.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.layout import A4, ID, L, RenderOptions, V, build, checks, content_width, date_cn, gap, grid, para, title
from printing.sample.base import FormData, SampleForm, id_of

FORM = SampleForm("unit-change", "表4", "基本医疗保险参保单位信息变更登记表", "003#8731")


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    w = content_width(A4) / 6
    v = data.v

    def pair(label: str, key: str, sub: str = "") -> list:
        lab = [L(label)] if not sub else [L(label), L(sub)]
        span = 2 if not sub else 1
        return [*lab, V(v("old_" + key), span), *lab, V(v(key), span)]

    rows = [
        [L("原登记事项", 3), L("变更事项", 3)],
        [L("单位名称"), V(v("old_unit_name"), 2), L("单位名称"), V(v("unit_name"), 2)],
        [L("住所(地址)"), V(v("old_unit_address"), 2), L("住所(地址)"), V(v("unit_address"), 2)],
        [L("单位类型"), V(v("old_unit_type"), 2), L("单位类型"), V(v("unit_type"), 2)],
        pair("法定代表人(负责人)", "legal_rep_name", "姓名"),
        [
            L(""),
            L("证件号码"),
            ID(v("old_legal_rep_id_number")),
            L(""),
            L("证件号码"),
            ID(id_of(v("legal_rep_id_type"), v("legal_rep_id_number"))),
        ],
        [L(""), L("联系电话"), V(v("old_legal_rep_phone")), L(""), L("联系电话"), V(v("legal_rep_phone"))],
        pair("缴费单位经办人员", "unit_agent_name", "姓名"),
        [L(""), L("联系电话"), V(v("old_unit_agent_phone")), L(""), L("联系电话"), V(v("unit_agent_phone"))],
        [
            L("开户银行"),
            L("开户名"),
            V(v("old_bank_account_name")),
            L("开户银行"),
            L("开户名"),
            V(v("bank_account_name")),
        ],
        [L(""), L("账号"), V(v("old_bank_account")), L(""), L("账号"), V(v("bank_account"))],
        [L(""), L("开户行"), V(v("old_bank_name")), L(""), L("开户行"), V(v("bank_name", "unit_bank_info"))],
        [L("其他"), V(v("old_other"), 2), L("其他"), V(v("other"), 2)],
        [L("备注"), V(checks(("关键信息", "非关键信息"), v("key_info_flag")), 5)],
        [L("经办机构审核意见"), V("\n\n经办工作人员：               (受理单位盖章)\n年      月      日", 5)],
    ]
    story: list[Flowable] = [
        title(FORM.title, 16),
        gap(3),
        para(f"统一社会信用代码/单位编码：{v('unit_code', 'uscc')}", 10),
        para(f"填表日期：{date_cn(data.filled_on)}", 10),
        gap(2),
        grid(rows, [w * 1.05, w * 0.75, w * 1.2, w * 1.05, w * 0.75, w * 1.2], size=9.5),
    ]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.number)
