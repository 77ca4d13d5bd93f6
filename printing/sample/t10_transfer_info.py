"""表10 参保人员基本医疗保险信息表 (003#9213-9290), for 002036003002 转移接续手续办理.

The 转出地 agency fills the periods; the counter prints the person's heading and any periods it
holds as ``period_N=自|至|险种|月数|机构名称|区划代码|备注`` (roster data or ``--set``).
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4 as A4_PAGE
from reportlab.lib.pagesizes import landscape
from reportlab.platypus import Flowable

from printing.amounts import figures, rmb_upper
from printing.layout import A4, A4_MARGIN, L, RenderOptions, V, build, gap, grid, para, title
from printing.sample.base import FormData, SampleForm, id_of

FORM = SampleForm("transfer-info", "表10", "参保人员基本医疗保险信息表", "003#9213")
PAGE = landscape(A4_PAGE)
NOTES = (
    "注：1.时间：按发生变更的时间段先后顺序依次排列，如实填写，如有中断，要分开记录。",
    "2.基本医疗保险类型：从以下三项中选择填写一项①职工医保；②城乡居民医保；③其他。若填写其他，需在备注说明。",
    "3.基本医疗保险个人账户实际转出资金是指本次基本医保关系转移时由转出地经办机构划入转入地经办机构银行账户的"
    "参保人员个人账户实际资金。",
)


def render(data: FormData, options: RenderOptions = A4) -> bytes:
    from decimal import Decimal, InvalidOperation

    v = data.v
    width = PAGE[0] - 2 * A4_MARGIN
    periods = [data.values[k].split("|") for k in sorted(data.values) if k.startswith("period_")]
    rows = [
        [
            L("序号"),
            L("时间\n自 年 月 至 年 月"),
            L("基本医疗保险类型"),
            L("参保缴费月数小计"),
            L("统筹地区经办机构名称"),
            L("统筹地区经办机构行政区划代码"),
            L("备注"),
        ],
        [V(""), *[V(str(n), align=1) for n in range(1, 7)]],
    ]
    for n in range(max(4, len(periods))):
        p = (periods[n] + [""] * 7)[:7] if n < len(periods) else [""] * 7
        rows.append(
            [V(str(n + 1)), V(f"自{p[0]}至{p[1]}" if p[0] else ""), V(p[2]), V(p[3]), V(p[4]), V(p[5]), V(p[6])]
        )
    try:
        amount = Decimal(v("account_transfer")) if v("account_transfer") else None
    except InvalidOperation:
        amount = None
    rows.append(
        [
            L("基本医疗保险个人账户实际转出资金", 2),
            L("大写"),
            V(rmb_upper(amount) if amount is not None else "", 2),
            L("小写"),
            V(f"¥{figures(amount)}" if amount is not None else "¥"),
        ]
    )
    story: list[Flowable] = [
        title(FORM.title, 16),
        para("(此表由转出地医疗保障经办机构提供给转入地医疗保障经办机构)", 9.5, 1),
        gap(3),
        para(
            f"参保人员姓名：{data.name}        证件类型及号码：{id_of(data.id_type, data.id_number)}        "
            f"性别：{data.gender}",
            10,
        ),
        gap(2),
        grid(rows, [w * width for w in (0.06, 0.2, 0.14, 0.12, 0.22, 0.14, 0.12)], size=9.5),
        gap(3),
        para(
            "经办人(签章)：              联系电话：              转出地医疗保障经办机构(章)：              "
            "日期：      年    月    日",
            9.5,
        ),
        gap(2),
        *[para(n, 8.5) for n in NOTES],
    ]
    return build(story, doc_title=FORM.title, options=options, footer=FORM.number, pagesize=PAGE)
