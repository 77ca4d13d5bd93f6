"""``tongban hub serve|approve|list|decide|import|key``: the reference central-platform endpoint.

``serve`` runs the HTTP service; the other commands act on the hub's database directly (whoever
can read the hub's data directory is its operator), so they work while it serves.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json

ENV_HUB_DATA = "TONGBAN_HUB_DATA"

# The counter's install and bundle leave the hub out (pyproject's `hub` extra, build.spec).
HUB_MISSING = (
    "此安装为服务点版，不含中心端组件（tongban hub）。请在中心端服务器上安装“tongban[hub]”或使用中心端安装包。"
)


def hub_installed() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("hub", "fastapi", "uvicorn"))


def _needs_hub(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    @functools.wraps(func)
    def run(args: argparse.Namespace) -> int:
        if not hub_installed():
            print(HUB_MISSING, file=sys.stderr)
            return 2
        return func(args)

    return run


def register(sub: Any) -> None:
    parser = sub.add_parser("hub", help="中心端（参考实现）")
    cmds = parser.add_subparsers(dest="hub_command", metavar="ACTION", required=True)

    serve = cmds.add_parser("serve", help="启动中心端服务")
    serve.add_argument("--port", type=int, default=8700)
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认仅本机）")
    serve.add_argument("--auto-approve", action="store_true", help="自动通过服务点登记（演示、测试）")
    serve.add_argument("--db-url", help="SQLAlchemy 数据库地址（默认：数据目录中的 SQLite）")
    serve.add_argument(
        "--sms-gateway",
        help="本县短信网关，模块:工厂函数（默认 $TONGBAN_HUB_SMS_GATEWAY；未配置：只记日志，不发送）",
    )
    serve.add_argument("--workers", type=int, default=1, help="工作进程数（多于1个时须用 PostgreSQL）")
    _data_arg(serve)
    serve.set_defaults(func=_needs_hub(_serve))

    approve = cmds.add_parser("approve", help="通过服务点登记")
    approve.add_argument("code", help="服务点编码（9位）")
    _data_arg(approve)
    approve.set_defaults(func=_needs_hub(_approve))

    reset = cmds.add_parser("reset-key", help="解除服务点已登记的密钥（服务点丢失密钥时；之后重新登记并审核）")
    reset.add_argument("code", help="服务点编码（9位）")
    _data_arg(reset)
    reset.set_defaults(func=_reset_key)

    lst = cmds.add_parser("list", help="列出服务点或办件")
    lst.add_argument("what", nargs="?", choices=("stations", "cases", "stats"), default="stations")
    lst.add_argument("--json", action="store_true")
    _data_arg(lst)
    lst.set_defaults(func=_needs_hub(_list))

    decide = cmds.add_parser("decide", help="对办件作出审核结果（回传服务点）")
    decide.add_argument("case", help="办件编号或 UUID")
    decide.add_argument("--action", required=True, choices=("approve", "reject", "pay", "complete"))
    decide.add_argument("--reason")
    decide.add_argument("--by", default="operator")
    _data_arg(decide)
    decide.set_defaults(func=_needs_hub(_decide))

    imp = cmds.add_parser("import", help="导入服务点的U盘同步包，并生成回执包")
    imp.add_argument("bundle", type=Path, help="服务点导出的同步包（tongban sync export）")
    imp.add_argument("--answer-out", type=Path, help="回执包文件（默认：同步包旁的 名称-return 文件）")
    imp.add_argument("--auto-approve", action="store_true", help="未登记的服务点自动通过（演示、测试）")
    imp.add_argument("--db-url", help="SQLAlchemy 数据库地址（默认：数据目录中的 SQLite）")
    imp.add_argument("--json", action="store_true")
    _data_arg(imp)
    imp.set_defaults(func=_needs_hub(_import))

    key = cmds.add_parser("key", help="中心端同步包公钥（供服务点 tongban sync export --hub-key 使用）")
    key.add_argument("--out", type=Path, help="写出公钥文件")
    key.add_argument("--json", action="store_true")
    _data_arg(key)
    key.set_defaults(func=_needs_hub(_key))


def _data_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, help=f"中心端数据目录（默认 ${ENV_HUB_DATA} 或 数据目录/hub）")


def _data_dir(args: argparse.Namespace) -> Path:
    if args.data:
        return Path(args.data).expanduser().resolve()
    env = os.environ.get(ENV_HUB_DATA)
    if env:
        return Path(env).expanduser().resolve()
    from models.paths import data_root

    return data_root() / "hub"


def _serve(args: argparse.Namespace) -> int:
    from hub.server import build, serve, serve_workers

    data = _data_dir(args)
    if args.workers > 1:
        if not (args.db_url or os.environ.get("TONGBAN_HUB_DB_URL")):
            print("多个工作进程须使用 PostgreSQL（--db-url）", file=sys.stderr)
            return 2
        if args.sms_gateway:  # each worker builds its hub from the environment (hub/asgi.py)
            os.environ["TONGBAN_HUB_SMS_GATEWAY"] = args.sms_gateway
        # tables, keys and token made once; a gateway that does not resolve stops here
        hub, _app = build(data, auto_approve=args.auto_approve, db_url=args.db_url)
        print(f"短信网关：{type(hub.gateway).__name__}")
        print(f"中心端：http://{args.host}:{args.port}  数据目录：{data}  工作进程：{args.workers}")
        serve_workers(data, args.host, args.port, args.workers, auto_approve=args.auto_approve, db_url=args.db_url)
        return 0
    hub, app = build(data, auto_approve=args.auto_approve, db_url=args.db_url, sms_gateway=args.sms_gateway)
    print(f"短信网关：{type(hub.gateway).__name__}")
    print(
        f"中心端：http://{args.host}:{args.port}  数据目录：{data}{'  （自动通过登记）' if args.auto_approve else ''}"
    )
    print(f"管理接口令牌保存在 {data / 'admin.token'}")
    serve(app, args.host, args.port)
    return 0


def _approve(args: argparse.Namespace) -> int:
    from hub.server import open_hub
    from models.errors import UserFacingError

    hub = open_hub(_data_dir(args))
    try:
        if not hub.approve(args.code):
            raise UserFacingError("hub.station_not_found", code=args.code)
    finally:
        hub.db.dispose()
    print(f"已通过：{args.code}")
    return 0


def _reset_key(args: argparse.Namespace) -> int:
    from hub.server import open_hub
    from models.errors import UserFacingError

    hub = open_hub(_data_dir(args))
    try:
        if not hub.reset_key(args.code):
            raise UserFacingError("hub.station_not_found", code=args.code)
    finally:
        hub.db.dispose()
    print(f"已解除 {args.code} 的登记密钥：请该服务点重新登记（tongban station enroll），"
          "核对指纹后再 tongban hub approve。")
    return 0


def _list(args: argparse.Namespace) -> int:
    from hub.server import open_hub

    hub = open_hub(_data_dir(args))
    try:
        data: Any = {"stations": hub.stations, "cases": hub.cases, "stats": hub.stats}[args.what]()
    finally:
        hub.db.dispose()
    if args.json:
        emit_json(data)
    elif args.what == "stats":
        for key, value in data.items():
            print(f"{key}: {value}")
    elif args.what == "stations":
        for s in data:
            print(f"{s['code']}  {s['status']:<8}  {s['key_fingerprint']}  {s['name']}")
    else:
        for c in data:
            print(f"{c['case_no']}  r{c['revision']}  {c['state']:<6}  {c['result']}  {c['reason_code'] or ''}")
    return 0


def _decide(args: argparse.Namespace) -> int:
    from hub.server import open_hub
    from hub.service import HubError
    from models.errors import UserFacingError
    from sync.protocol import ERR_NOT_FOUND

    hub = open_hub(_data_dir(args))
    try:
        result_id = hub.decide(args.case, args.action, args.reason, args.by)
    except HubError as exc:
        if exc.code == ERR_NOT_FOUND:
            raise UserFacingError("hub.case_not_found", ref=args.case) from exc
        raise UserFacingError(exc.code) from exc
    finally:
        hub.db.dispose()
    print(f"已记录审核结果 #{result_id}：{args.case} {args.action}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from hub.bundle_import import import_bundle
    from hub.server import open_hub

    hub = open_hub(_data_dir(args), auto_approve=args.auto_approve, url=args.db_url)
    try:
        report = import_bundle(hub, args.bundle, args.answer_out)
    finally:
        hub.db.dispose()
    if args.json:
        emit_json(report.to_dict())
    else:
        print(
            f"已导入服务点 {report.station_code} 的同步包：办件 {report.cases} 件（接收 {report.accepted}，"
            f"退回 {report.rejected}，重复 {report.duplicates}），材料 {report.media} 个（新 {report.media_new}）"
        )
        print(
            f"回执包：{report.answer_path}（审核结果 {report.results}，花名册 {report.roster}，"
            f"节假日 {report.holidays}），请带回服务点运行 tongban sync import。"
        )
    return 0


def _key(args: argparse.Namespace) -> int:
    from hub.bundle_import import hub_key_card
    from sync.bundle_format import atomic_write

    card = hub_key_card(_data_dir(args))
    data = card.model_dump_json(indent=2).encode()
    if args.out:
        out = Path(args.out)

        def write(fh: Any) -> None:
            fh.write(data)

        atomic_write(out, write)
    if args.json:
        emit_json({"fingerprint": card.fingerprint, **card.model_dump(), "path": str(args.out or "")})
    else:
        print(f"中心端同步包公钥指纹：{card.fingerprint}")
        if args.out:
            print(f"已写出公钥文件：{args.out}（拷贝到服务点，tongban sync export --hub-key 该文件）")
    return 0
