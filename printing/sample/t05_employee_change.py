"""表5 基本医疗保险职工参保信息变更登记表 (003#8827-8905), for 002036001005 职工参保信息变更登记.

The list's row 1 is the case (证件号码, 姓名, 变更项目, 变更前, 变更后); 签字 stays for the hand.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4 as A4_PAGE
from reportlab.lib.pagesizes import landscape
from reportlab.platypus import Flowable

from printing.layout import A4, A4_MARGIN, ID, L, RenderOptions, V, build, checks, date_cn, gap, grid, para, title
from printing.sample.base import FormData, SampleForm

FORM = SampleForm("employee-change", "表5", "基本医疗保险职工参保信息变更登记表", "003#8827")
PAGE = landscape(A4_PAGE)
WIDTHS = (0.06, 0.18, 0.1, 0.12, 0.16, 0.16, 0.1, 0.12)


def change_rows(data: FormData, rows: int = 6) -> list[list]:
    v = data.v
    head = [L(t) for t in ("序号", "证件号码", "姓名", "变更项目", "变更前", "变更后", "签字", "备注")]
    first = [
        V("1"),
        ID(data.id_number),
        V(data.name),
        V(v("change_item")),
        V(v("value_before")),
        V(v("value_after")),
        V(""),
        V(v("remark")),
    ]
    return [head, first, *[[V(str(n)), *[V("") for _ in range(7)]] for n in range(2, rows + 1)]]


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    v = data.v
    width = PAGE[0] - 2 * A4_MARGIN
    flags = checks(("关键信息", "非关键信息"), v("key_info_flag"))
    story: list[Flowable] = [
        title(FORM.title, 16),
        gap(3),
        para(
            f"单位名称：{v('unit_name')}    统一社会信用代码/单位编码：{v('unit_code')}    "
            f"联系电话：{data.phone}    {flags}    {date_cn(data.filled_on)}",
            9.5,
        ),
        gap(2),
        grid(change_rows(data), [w * width for w in WIDTHS], size=9.5),
        grid(
            [[L("单位经办人员(签章)"), V(""), L("单位意见(盖章)"), V(""), L("经办机构意见(盖章)"), V("")]],
            [width / 6] * 6,
            size=9.5,
            pad=14,
        ),
        gap(2),
        para("注：灵活就业人员无需单位盖章和填写单位信息", 9),
    ]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.number, pagesize=PAGE)
