"""办件台账 (A4 landscape) and the end-of-day summary (日结单) the station head signs.

Both take a ``models.ledger.Ledger`` (plain values; times already in the station's local time).
"""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4 as A4_PAGE
from reportlab.lib.pagesizes import landscape
from reportlab.platypus import Flowable

from models.ledger import HEADERS, Ledger, row_values
from printing.layout import A4, A4_MARGIN, L, RenderOptions, V, build, content_width, gap, grid, para, title

_LANDSCAPE = landscape(A4_PAGE)


def render_ledger(ledger: Ledger, options: RenderOptions = A4) -> bytes:
    width = _LANDSCAPE[0] - 2 * A4_MARGIN
    rows = [[L("序号"), *(L(h) for h in HEADERS)]]
    for n, row in enumerate(ledger.rows, 1):
        rows.append([V(str(n), align=TA_CENTER), *(V(v) for v in row_values(row))])
    if not ledger.rows:
        rows.append([V("本期间没有受理办件。", span=len(HEADERS) + 1)])
    fractions = (0.045, 0.12, 0.21, 0.17, 0.08, 0.1, 0.08, 0.07, 0.125)
    table = grid(rows, [width * f for f in fractions], size=8, pad=2)
    table.repeatRows = 1
    s = ledger.stats
    story: list[Flowable] = [
        title("办件台账", 16),
        gap(2),
        para(f"服务点：{ledger.station_name}（{ledger.station_code}）    期间：{ledger.period}", 10),
        para(
            f"共 {s.total} 件；{_pairs(s.by_result)}。好差评：已评价 {s.rated} 件，其中差评 {s.bad} 件。"
            f"    制表时间：{ledger.generated_at.strftime('%Y-%m-%d %H:%M')}",
            10,
        ),
        gap(2),
        table,
        gap(5),
        para("制表人：____________        复核人：____________", 10),
    ]
    return build(
        story,
        doc_title="办件台账",
        options=options,
        footer=f"{ledger.station_name} 办件台账 {ledger.period}",
        pagesize=_LANDSCAPE,
    )


def render_day_summary(ledger: Ledger, clerk_name: str = "", options: RenderOptions = A4) -> bytes:
    """日结单: the day's totals by item, clerk, result and rating, with lines for the signatures."""
    w = content_width(A4)
    s = ledger.stats
    story: list[Flowable] = [
        title("办件日结单", 16),
        gap(2),
        para(f"服务点：{ledger.station_name}（{ledger.station_code}）    日期：{ledger.period}", 10.5),
        para(
            f"当日受理 {s.total} 件；好差评已评价 {s.rated} 件，差评 {s.bad} 件。"
            f"    生成时间：{ledger.generated_at.strftime('%Y-%m-%d %H:%M')}",
            10.5,
        ),
        gap(3),
    ]
    for heading, pairs in (
        ("按办理事项", s.by_item),
        ("按经办人", s.by_clerk),
        ("按办理结果", s.by_result),
        ("按好差评", s.by_rating),
    ):
        rows = [[L(heading), L("件数")]]
        rows += [[V(name), V(str(n), align=TA_CENTER)] for name, n in pairs] or [[V("—"), V("0", align=TA_CENTER)]]
        story += [grid(rows, [w * 0.8, w * 0.2], size=9.5, pad=3), gap(3)]
    bad = [r for r in ledger.rows if r.rating in ("不满意", "非常不满意")]
    if bad:
        rows = [[L("办件编号"), L("评价"), L("原因")]]
        rows += [[V(r.case_no), V(r.rating), V(r.rating_reason)] for r in bad]
        story += [para("差评（待整改）：", 10.5), grid(rows, [w * 0.35, w * 0.15, w * 0.5], size=9, pad=3), gap(3)]
    story += [
        gap(6),
        para(f"经办人：{clerk_name or '____________'}        日期：____________", 11),
        gap(6),
        para("站长（负责人）签字：____________        日期：____________", 11),
    ]
    return build(story, doc_title="办件日结单", options=options, footer=f"{ledger.station_name} 日结单 {ledger.period}")


def _pairs(pairs: tuple[tuple[str, int], ...]) -> str:
    return "，".join(f"{name} {n} 件" for name, n in pairs) or "无"
