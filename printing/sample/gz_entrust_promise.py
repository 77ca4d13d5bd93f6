"""贵州省基本医疗保险慢性特殊疾病门诊《医疗证》委托承诺书 (001#1848-1860), for 520000017060
门诊慢特病病种委托书登记.

Labels readable in 001: 委托人基本信息 (姓名, 性别, 年龄, 社会保障号, 委托定点医疗机构名称,
委托人联系电话, 病种名称), 受委托人基本信息 (姓名, 年龄, 与委托人关系, 身份证号码, 受委托人联系电话),
委托原因, 受委托人承诺事项 (受委托人签名), 定点医疗机构审核意见 (经办人, 签章). The 承诺事项 text
is garbled in 001; what prints is its legible words joined: 开药时出示本人身份证、委托人《社会保障卡》、
《医疗证》及《承诺书》，由定点医疗机构查验，确保"卡、证、书"相符 … 不得出现将《医疗证》转借他人使用等违规行为.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.layout import A4, ID, L, RenderOptions, V, build, content_width, gap, grid, title
from printing.sample.base import FormData, SampleForm

FORM = SampleForm(
    "gz-entrust-promise", "贵州委托承诺书", "贵州省基本医疗保险慢性特殊疾病门诊《医疗证》委托承诺书", "001#1848"
)
LABELS = (
    "委托人基本信息",
    "姓名",
    "性别",
    "年龄",
    "社会保障号",
    "委托定点医疗机构名称",
    "委托人联系电话",
    "病种名称",
    "受委托人基本信息",
    "与委托人关系",
    "身份证号码",
    "受委托人联系电话",
    "委托原因",
    "受委托人承诺事项",
    "定点医疗机构审核意见",
)
PROMISE = (
    "开药时出示本人身份证、委托人《社会保障卡》、《医疗证》及《承诺书》，由定点医疗机构查验，确保“卡、证、书”相符。"
    "同时严格按照贵州省基本医疗保险相关政策开药，不得出现将《医疗证》转借他人使用等违规行为。\n\n"
    "受委托人签名：                              年   月   日"
)


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    w = content_width(A4) / 7
    v = data.v
    rows = [
        [L("委托人基本信息"), L("姓名"), V(data.name), L("性别"), V(data.gender), L("年龄"), V(data.age)],
        [L(""), L("社会保障号"), ID(v("social_security_no") or data.id_number, 3), L("委托人联系电话"), ID(data.phone)],
        [L(""), L("委托定点医疗机构名称"), V(v("entrusted_institution"), 5)],
        [L(""), L("病种名称"), V(v("disease_name").replace(",", "、"), 5)],
        [
            L("受委托人基本信息"),
            L("姓名"),
            V(v("trustee_name")),
            L("年龄"),
            V(v("trustee_age")),
            L("与委托人关系"),
            V(v("trustee_relation")),
        ],
        [L(""), L("身份证号码"), ID(v("trustee_id_number"), 3), L("受委托人联系电话"), ID(v("trustee_phone"))],
        [L("委托原因"), V(v("entrust_reason"), 6)],
        [L("受委托人承诺事项"), V(PROMISE, 6)],
        [L("定点医疗机构审核意见"), V("\n\n经办人：                签章：                年   月   日", 6)],
    ]
    story: list[Flowable] = [
        title(FORM.title, 15),
        gap(4),
        grid(rows, [w * 0.9, w * 1.1, w * 1.0, w * 0.8, w * 1.0, w * 1.0, w * 1.2], size=9.5),
    ]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.source)
