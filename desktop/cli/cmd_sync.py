"""``tongban sync run|status``: sync with the hub now, or report the queue (English JSON keys)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop.cli.output import emit_json


def register(sub: Any) -> None:
    parser = sub.add_parser("sync", help="与中心端同步")
    cmds = parser.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    run = cmds.add_parser("run", help="立即同步：上传办件和材料，下载审核结果、节假日、花名册")
    run.add_argument("--hub", help="中心端地址（默认：登记时的地址）")
    run.add_argument("--batch-size", type=int, default=50)
    run.add_argument("--bandwidth-kbps", type=int, help="材料上传限速（KB/s）")
    run.add_argument("--catalog", action="store_true", help="同时检查服务事项目录更新")
    run.add_argument("--json", action="store_true")
    run.set_defaults(func=_run)
    status = cmds.add_parser("status", help="同步队列状态")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=_status)


def _run(args: argparse.Namespace) -> int:
    from desktop.cli.common import require_station, store
    from models.progress import Progress
    from sync.engine import SyncOptions
    from sync.runner import http_client, hub_url_for, make_engine

    st = store()
    try:
        require_station(st)
        options = SyncOptions(batch_size=args.batch_size, catalog=args.catalog,
                              bandwidth_bps=args.bandwidth_kbps * 1024 if args.bandwidth_kbps else None)
        last: dict[str, tuple[int, int | None]] = {}

        def progress(step: Progress) -> None:
            if args.json or last.get(step.label) == (step.done, step.total):
                return
            last[step.label] = (step.done, step.total)
            total = f"/{step.total}" if step.total is not None else ""
            print(f"  {step.label}: {step.done}{total}", file=sys.stderr)

        with http_client(hub_url_for(st, args.hub)) as http:
            report = make_engine(st, http, options, opter_type="1").run(progress=progress)
    finally:
        st.close()
    if args.json:
        emit_json(report.to_dict())
    else:
        print(f"同步完成：上传 {report.cases_sent} 件（{report.batches_done}/{report.batches_total} 批），"
              f"接收 {report.accepted}，退回 {report.rejected}；材料 {report.media_uploaded}/{report.media_total}；"
              f"审核结果 {report.results_applied}，花名册 {report.roster}，节假日 {report.holidays}。")
        for case_no in report.reopened:
            print(f"  被退回的办件已重新打开为草稿：{case_no}")
    return 0


def _status(args: argparse.Namespace) -> int:
    from desktop.cli.common import store
    from sync.engine import sync_status

    st = store()
    try:
        with st.db.read() as session:
            status = sync_status(session)
    finally:
        st.close()
    if args.json:
        emit_json(status)
    else:
        print(f"待上传 {status['pending']}，已发送待确认 {status['sent']}，"
              f"已接收 {status['accepted']}，被退回 {status['rejected']}，待传材料 {status['media_pending']}")
        last = status["last_run"]
        if last:
            print(f"上次同步：{last['started_at']}  {last['status']}  {last['error_code'] or ''}")
    return 0
