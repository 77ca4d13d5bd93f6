"""表2 职工基本医疗保险参保登记表 (003#8471-8590), for 002036001002 职工参保登记.

A list of people with the change columns (增加 … 统筹地区内转移); a counter case fills row 1.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4 as A4_PAGE
from reportlab.lib.pagesizes import landscape
from reportlab.platypus import Flowable

from printing.layout import A4, A4_MARGIN, ID, L, RenderOptions, V, build, checks, date_cn, gap, grid, para, title
from printing.sample.base import FormData, SampleForm

FORM = SampleForm("employee-registration", "表2", "职工基本医疗保险参保登记表", "003#8471")
CHANGES = ("增加", "中断", "终止", "恢复", "在职转退休", "统筹地区内转移")
ROWS = 9
PAGE = landscape(A4_PAGE)


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    v = data.v
    width = PAGE[0] - 2 * A4_MARGIN
    flexible = v("person_category") == "灵活就业人员"
    head = [
        L("序号"),
        L("姓名"),
        L("证件类型"),
        L("证件号码"),
        L("申报工资(元/月)"),
        *[L(c) for c in CHANGES],
        L("手机号码"),
        L("备注"),
    ]
    change = v("change_type")
    first = [
        V("1"),
        V(data.name),
        V(data.id_type),
        ID(data.id_number),
        V(v("declared_wage")),
        *[V("✓" if c == change else "") for c in CHANGES],
        ID(data.phone),
        V(v("remark")),
    ]
    blank = [[V(str(n)), *[V("") for _ in range(12)]] for n in range(2, ROWS + 1)]
    unit = v("unit_name")
    box = checks(("灵活就业人员",), "灵活就业人员" if flexible else None)
    story: list[Flowable] = [
        title(FORM.title, 16),
        gap(3),
        para(f"单位名称(盖章)：{unit}        统一社会信用代码/单位编码：{v('unit_code')}", 10),
        para(f"险种：{v('insurance_types').replace(',', '、')}        {box}", 10),
        gap(2),
        grid(
            [head, first, *blank],
            [w * width for w in (0.04, 0.08, 0.07, 0.15, 0.08, 0.05, 0.05, 0.05, 0.05, 0.07, 0.08, 0.1, 0.13)],
            size=9,
        ),
        gap(2),
        para("注：灵活就业人员无需单位盖章和填写统一社会信用代码", 9),
        para(
            f"填报人：{data.name if flexible else v('unit_agent_name')}      联系电话：{data.phone if flexible else ''}"
            f"      经办机构工作人员：{data.clerk_name}      {date_cn(data.filled_on)}",
            9.5,
        ),
    ]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.number, pagesize=PAGE)
