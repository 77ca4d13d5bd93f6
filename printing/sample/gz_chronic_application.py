"""贵州省门诊慢特病病种待遇认定申请表 (001#1768-1783, 附件 of 门诊慢特病病种待遇认定): Guizhou's
variant of 003 表12, printed at a Guizhou station for 002036005001.

001's text is OCR-garbled in places; the labels used are the ones readable there:
姓名, 性别, 年龄, 社会保障号/身份证号码 ("社会保障 章号/身份 异码"), 单位名称, 联系电话,
申请慢性疾病病种名称, 申请规定疾病病种名称, 选定医疗机构名称, 疾病诊断及治疗情况, 经治医师,
定点医疗机构审核意见, 省医疗保障事务中心审核意见, 副主任(及以上)医师, 医保处(科)经办人, 初审人,
复审人, 中心领导, 签名.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.layout import A4, ID, L, RenderOptions, V, build, content_width, gap, grid, title
from printing.sample.base import FormData, SampleForm

FORM = SampleForm("gz-chronic", "贵州慢特病申请表", "贵州省门诊慢特病病种待遇认定申请表", "001#1768")
LABELS = (
    "姓名",
    "性别",
    "年龄",
    "社会保障号/身份证号码",
    "单位名称",
    "联系电话",
    "申请慢性疾病病种名称",
    "申请规定疾病病种名称",
    "选定医疗机构名称",
    "疾病诊断及治疗情况",
    "经治医师",
    "定点医疗机构审核意见",
    "省医疗保障事务中心审核意见",
    "初审人",
    "复审人",
    "中心领导",
)


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    w = content_width(A4) / 5
    v = data.v
    diseases = v("disease_name").replace(",", "、")
    rows = [
        [L("姓名"), V(data.name), L("性别"), V(data.gender, 2)],
        [L("年龄"), V(data.age), L("社会保障号/身份证号码"), ID(v("social_security_no") or data.id_number, 2)],
        [L("单位名称"), V(v("unit_name")), L("联系电话"), ID(data.phone, 2)],
        [L("申请慢性疾病病种名称"), V(v("chronic_disease") or diseases, 4)],
        [L("申请规定疾病病种名称"), V(v("special_disease"), 4)],
        [L("选定医疗机构名称"), V(v("hospital", "designated_hospital"), 4)],
        [V("疾病诊断及治疗情况：\n\n\n\n经治医师：\n年   月   日", 5)],
        [L("定点医疗机构审核意见", 2), L("省医疗保障事务中心审核意见", 3)],
        [L("副主任(及以上)医师："), L("医保处(科)经办人：(盖章)"), L("初审人："), L("复审人："), L("中心领导：")],
        [V("\n签名：\n\n年  月  日") for _ in range(5)],
    ]
    story: list[Flowable] = [title(FORM.title, 16), gap(4), grid(rows, [w * 1.1, w, w, w * 0.9, w], size=9.5)]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.source)
