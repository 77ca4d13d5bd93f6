"""表17 主动放弃承诺书 (003#9884-9897), for 002036002003 (主动放弃参加职工基本医疗保险的情况说明)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.layout import A4, RenderOptions, build, date_cn, gap, para, right, title
from printing.sample.base import FormData, SampleForm

FORM = SampleForm("waiver-promise", "表17", "主动放弃承诺书", "003#9884")


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    blank = "　" * 8
    v = data.v
    # 002036002003's material: "主动放弃参加职工基本医疗保险的，需提供主动放弃基本医疗保险关系的情况说明".
    default_rights = "基本医疗保险关系" if v("withdrawal_reason") == "主动放弃" else ""
    story: list[Flowable] = [
        title(FORM.title, 18),
        gap(12),
        para(
            f"本人{data.name or blank}(证件号码：{data.id_number or blank})，"
            f"因{v('waiver_reason') or blank * 2}等原因，"
            f"承诺主动放弃{v('waived_rights') or default_rights or blank * 2}等权利，所述信息真实、准确、完整、有效，"
            "由此产生的一切后果均由本人承担。",
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
