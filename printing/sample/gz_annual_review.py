"""贵州省基本医疗保险慢性特殊疾病门诊《医疗证》年审表 (001#1815-1830), for 520000017059
门诊慢特病病种年审.

Labels readable in 001 (garbled in places): 姓名, 性别, 年龄, 社会保障号/身份证号码, 单位名称,
联系电话, 慢性疾病病种名称 (001 lists the diseases with boxes, of which only 肺结核 and 支气管哮喘 are
legible: the case's disease is printed), 疾病诊断及治疗情况, 经治医师, 定点医疗机构审核意见, 签名, 盖章.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.layout import A4, ID, L, RenderOptions, V, build, content_width, gap, grid, title
from printing.sample.base import FormData, SampleForm

FORM = SampleForm("gz-annual-review", "贵州年审表", "贵州省基本医疗保险慢性特殊疾病门诊《医疗证》年审表", "001#1815")
LABELS = (
    "姓名",
    "性别",
    "年龄",
    "社会保障号/身份证号码",
    "单位名称",
    "联系电话",
    "慢性疾病病种名称",
    "疾病诊断及治疗情况",
    "经治医师",
    "定点医疗机构审核意见",
)


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    w = content_width(A4) / 4
    v = data.v
    rows = [
        [L("姓名"), V(data.name), L("性别"), V(data.gender)],
        [L("年龄"), V(data.age), L("社会保障号/身份证号码"), ID(v("social_security_no") or data.id_number)],
        [L("单位名称"), V(v("unit_name")), L("联系电话"), ID(data.phone)],
        [L("慢性疾病病种名称"), V(v("disease_name").replace(",", "、"), 3)],
        [V("疾病诊断及治疗情况：\n\n\n\n\n经治医师：\n年   月   日", 4)],
        [V("定点医疗机构审核意见：\n\n\n\n签名：                    盖章：\n年   月   日", 4)],
    ]
    story: list[Flowable] = [title(FORM.title, 15), gap(4), grid(rows, [w * 0.9, w * 1.1, w * 0.9, w * 1.1])]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.source)
