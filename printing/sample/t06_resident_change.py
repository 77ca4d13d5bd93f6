"""表6 基本医疗保险城乡居民参保信息变更登记表 (003#8908-8985), for 002036001006 城乡居民参保信息变更登记.

The list's row 1 is the case (证件号码, 姓名, 变更项目, 变更前, 变更后); 签字 stays for the hand.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4 as A4_PAGE
from reportlab.lib.pagesizes import landscape
from reportlab.platypus import Flowable

from printing.layout import A4, A4_MARGIN, L, RenderOptions, V, build, checks, date_cn, gap, grid, para, title
from printing.sample.base import FormData, SampleForm
from printing.sample.t05_employee_change import WIDTHS, change_rows

FORM = SampleForm("resident-change", "表6", "基本医疗保险城乡居民参保信息变更登记表", "003#8908")
PAGE = landscape(A4_PAGE)


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    width = PAGE[0] - 2 * A4_MARGIN
    flags = checks(("关键信息", "非关键信息"), data.v("key_info_flag"))
    story: list[Flowable] = [
        title(FORM.title, 16),
        gap(3),
        para(f"联系电话：{data.phone}        {flags}        {date_cn(data.filled_on)}", 10),
        gap(2),
        grid(change_rows(data), [w * width for w in WIDTHS], size=9.5),
        grid(
            [[L("经办机构意见"), V("\n\n经办工作人员                              (受理单位盖章)\n年   月   日")]],
            [width * 0.16, width * 0.84],
            size=9.5,
        ),
    ]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.number, pagesize=PAGE)
