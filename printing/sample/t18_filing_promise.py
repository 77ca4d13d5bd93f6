"""表18 基本医疗保险异地就医备案个人承诺书 (003#9898-9946): the 承诺书 that replaces the
认定材料 of 002036004001/2/3 (catalog ``promise_substitute``)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.layout import A4, ID, L, RenderOptions, V, build, checks, content_width, gap, grid, title
from printing.sample.base import FormData, SampleForm, place

FORM = SampleForm("filing-promise", "表18", "基本医疗保险异地就医备案个人承诺书", "003#9898")
CATEGORIES = ("异地安置退休人员", "异地长期居住人员", "常驻异地工作人员", "异地转诊就医人员", "其他临时外出就医人员")
PROMISE = (
    "承诺事项：\n本人申请办理异地就医备案业务，已阅读并知晓《备案告知书》所述内容，同意遵守相关规定。因个人原因"
    "无法提供异地就医备案相关证明材料，本人保证符合此业务办理条件，所述信息真实、准确、完整、有效，愿意接受"
    "信息共享查询核验，由此产生的一切经济损失和法律责任均由本人承担。\n\n\n承诺人(签名)：\n\n年    月    日"
)


def category(item_name: str, chosen: str = "") -> str:
    """The 人员类别 of a 备案 item (异地安置退休人员备案 → 异地安置退休人员)."""
    if chosen:
        return chosen
    name = item_name.removesuffix("备案")
    return "异地转诊就医人员" if name == "异地转诊人员" else name


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    w = content_width(A4) / 6
    v = data.v
    insured = v("insured_place") or place(v("insured_region")) or data.station.name
    rows = [
        [L("姓名"), V(data.name), L("性别"), V(data.gender), L("联系电话"), ID(data.phone)],
        [L("身份证件号码"), ID(data.id_number), L("参保地"), V(insured), L("就医地"), V(place(v("treatment_place")))],
        [
            L("人员类别"),
            V("\n".join(checks((c,), category(data.item_name, v("person_category"))) for c in CATEGORIES), 2),
            V("参保地异地就医备案告知书\n(由参保地经办机构填写)\n\n" + v("filing_notice"), 3),
        ],
        [V(PROMISE, 6)],
        [L("说明"), V("本表由参保人员填写，由医保经办部门存档，两年内不得销毁。", 5)],
    ]
    story: list[Flowable] = [
        title(FORM.title, 16),
        gap(4),
        grid(rows, [w * 0.9, w * 1.35, w * 0.7, w * 1.05, w * 0.8, w * 1.2], size=9.5),
    ]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.number)
