"""同步对账单: one sync batch as a printable list (rows come from the sync engine)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable

from models import clock
from printing.data import ReconciliationData
from printing.layout import A4, L, RenderOptions, V, build, content_width, gap, grid, para, title


def render_reconciliation(data: ReconciliationData, options: RenderOptions = A4) -> bytes:
    w = content_width(A4)
    rows = [[L("序号"), L("办件编号"), L("办理事项"), L("版本"), L("状态"), L("时间"), L("备注")]]
    for n, r in enumerate(data.rows, 1):
        rows.append(
            [
                V(str(n), align=TA_CENTER),
                V(r.case_no),
                V(r.item_name),
                V(str(r.revision), align=TA_CENTER),
                V(r.status),
                V(r.at),
                V(r.note),
            ]
        )
    counts = Counter(r.status for r in data.rows)
    summary = "，".join(f"{status} {n} 件" for status, n in sorted(counts.items())) or "无"
    story: list[Flowable] = [
        title("同步对账单", 16),
        gap(2),
        para(f"服务点：{data.station.name}（{data.station.code}）    批次：{data.batch_id}", 10),
        para(f"生成时间：{_local(data.generated_at)}    共 {len(data.rows)} 件：{summary}", 10),
        gap(2),
    ]
    table = grid(rows, [w * f for f in (0.06, 0.3, 0.22, 0.06, 0.1, 0.13, 0.13)], size=8.5, pad=2)
    table.repeatRows = 1
    story += [table, gap(6), para(f"核对人：{data.clerk_name}                    核对日期：", 10)]
    return build(story, doc_title="同步对账单", options=options, footer=f"批次 {data.batch_id}")


def _local(moment: dt.datetime) -> str:
    return clock.to_local(moment).strftime("%Y-%m-%d %H:%M")
