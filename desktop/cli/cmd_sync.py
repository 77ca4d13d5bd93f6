"""``tongban sync run|status|export|import``: sync with the hub now, report the queue (English JSON
keys), or sync with no network at all through USB bundles (sync/bundle.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
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
    export = cmds.add_parser("export", help="无网络时：把待上传的办件和材料导出为加密签名的同步包（U盘）")
    export.add_argument("--out", required=True, type=Path, help="同步包文件，如 /media/usb/站点.tbb")
    export.add_argument("--hub-key", type=Path, help="中心端公钥文件（tongban hub key --out 生成；首次导出时必需）")
    export.add_argument("--batch-size", type=int, default=50)
    export.add_argument("--json", action="store_true")
    export.set_defaults(func=_export)
    imp = cmds.add_parser("import", help="导入中心端回执包：接收结果、审核结果、节假日、花名册")
    imp.add_argument("bundle", type=Path, help="回执包文件（tongban hub import 生成）")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(func=_import)


def _run(args: argparse.Namespace) -> int:
    from desktop.cli.common import require_station, store_with_actor
    from models.progress import Progress
    from sync.engine import SyncOptions
    from sync.runner import make_engine, run_hub_url, store_http_client

    st, actor = store_with_actor()
    try:
        require_station(st)
        options = SyncOptions(
            batch_size=args.batch_size,
            catalog=args.catalog,
            bandwidth_bps=args.bandwidth_kbps * 1024 if args.bandwidth_kbps else None,
        )
        last: dict[str, tuple[int, int | None]] = {}

        def progress(step: Progress) -> None:
            if args.json or last.get(step.label) == (step.done, step.total):
                return
            last[step.label] = (step.done, step.total)
            total = f"/{step.total}" if step.total is not None else ""
            print(f"  {step.label}: {step.done}{total}", file=sys.stderr)

        with store_http_client(st, run_hub_url(st, args.hub, actor)) as http:
            engine = make_engine(st, http, options, opter_type="1", clerk=actor)
            report = engine.run(progress=progress)
    finally:
        st.close()
    if args.json:
        emit_json(report.to_dict())
    else:
        print(
            f"同步完成：上传 {report.cases_sent} 件（{report.batches_done}/{report.batches_total} 批），"
            f"接收 {report.accepted}，退回 {report.rejected}；材料 {report.media_uploaded}/{report.media_total}；"
            f"审核结果 {report.results_applied}，花名册 {report.roster}，节假日 {report.holidays}。"
        )
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
        print(
            f"待上传 {status['pending']}，已发送待确认 {status['sent']}，"
            f"已接收 {status['accepted']}，被退回 {status['rejected']}，待传材料 {status['media_pending']}"
        )
        last = status["last_run"]
        if last:
            print(f"上次同步：{last['started_at']}  {last['status']}  {last['error_code'] or ''}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from desktop.cli.common import require_station, store_with_actor
    from sync.bundle import HubKeyCard, export_bundle
    from sync.engine import SyncOptions

    card = None
    if args.hub_key:
        try:
            card = HubKeyCard.parse(Path(args.hub_key).read_bytes())
        except OSError as exc:
            from models.errors import UserFacingError

            raise UserFacingError("bundle.read_failed", path=str(args.hub_key), detail=exc.strerror or "") from exc
    st, actor = store_with_actor()
    try:
        require_station(st)
        report = export_bundle(st, args.out, hub_key=card, options=SyncOptions(batch_size=args.batch_size), clerk=actor)
    finally:
        st.close()
    if args.json:
        emit_json(report.to_dict())
    else:
        print(f"已导出同步包：{report.path}")
        print(
            f"  办件 {report.cases} 件（{report.batches} 批），材料 {report.media} 个，{report.bytes} 字节；"
            f"中心端公钥指纹 {report.hub_key_fingerprint}"
        )
        if report.media_corrupt:
            print(f"  有 {report.media_corrupt} 个材料文件在本机已损坏或缺失，未导出，请运行 tongban db check。")
        print("请将同步包送到中心端导入（tongban hub import），再把回执包带回本机导入（tongban sync import）。")
    return 0


def _import(args: argparse.Namespace) -> int:
    from desktop.cli.common import require_station, store_with_actor
    from sync.bundle import import_return

    st, actor = store_with_actor()
    try:
        require_station(st)
        report = import_return(st, args.bundle, clerk=actor)
    finally:
        st.close()
    if args.json:
        emit_json(report.to_dict())
        return 0
    r = report.sync
    print(
        f"已导入回执包：{report.answers} 批应答（其中 {report.already_imported} 批此前已导入），"
        f"接收 {r['accepted']}，退回 {r['rejected']}；材料确认 {report.media_held}；"
        f"审核结果 {r['results_applied']}，花名册 {r['roster']}，节假日 {r['holidays']}。"
    )
    for case_no in r["reopened"]:
        print(f"  被退回的办件已重新打开为草稿：{case_no}")
    if report.unknown_batches:
        print(f"  有 {report.unknown_batches} 批应答不属于本机的导出记录，已忽略。")
    return 0
