"""表16 个人承诺书 (003#9865-9883): the 承诺书 the catalog accepts in place of a material the
applicant cannot provide (e.g. 520000017062 遗失《医疗证》, 002036006001/2 意外伤害, 002036002003
死亡信息). Printed from the case for the applicant to sign; 签名、指印 stay for the hand."""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.layout import A4, RenderOptions, build, date_cn, gap, para, right, title
from printing.sample.base import FormData, SampleForm

FORM = SampleForm("personal-promise", "表16", "个人承诺书", "003#9865")


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    blank = "　" * 8
    missing = data.missing_material or data.v("missing_material") or blank
    story: list[Flowable] = [
        title(FORM.title, 18),
        gap(12),
        para(
            f"本人{data.name or blank}(证件号码：{data.id_number or blank})，办理{data.item_name or blank}业务，"
            f"无法提供{missing}，本人保证符合此业务办理条件，所述信息真实、准确、完整、有效，"
            "由此产生的一切法律责任均由本人承担。",
            13,
        ),
        gap(16),
        para(f"联系电话：{data.phone}", 12),
        para(f"通讯地址：{data.address}", 12),
        gap(14),
        right("承诺人(签名、指印)：                    ", 12),
        gap(3),
        right(date_cn(None) + "        ", 12),
    ]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.number)
