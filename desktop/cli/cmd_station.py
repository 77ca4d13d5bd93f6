"""``tongban station enroll|show``: this station's signing key and its enrolment with a hub."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import emit_json


def register(sub: Any) -> None:
    parser = sub.add_parser("station", help="服务点在中心端的登记")
    cmds = parser.add_subparsers(dest="station_command", metavar="ACTION", required=True)
    enroll = cmds.add_parser("enroll", help="向中心端登记本服务点（生成密钥并提交公钥）")
    enroll.add_argument(
        "--hub", required=True, help="中心端地址，如 https://hub.example.cn（明文 http:// 仅限本机，或加 --allow-http）"
    )
    enroll.add_argument(
        "--allow-http",
        action="store_true",
        help="允许以明文 http:// 连接其他电脑上的中心端（个人信息将不加密传输；仅限本身加密的专网）",
    )
    enroll.add_argument("--json", action="store_true")
    enroll.set_defaults(func=_enroll)
    show = cmds.add_parser("show", help="本服务点编码、密钥指纹和登记状态")
    show.add_argument("--check", action="store_true", help="向中心端查询最新登记状态")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=_show)


def _enroll(args: argparse.Namespace) -> int:
    from desktop.cli.common import require_station, store_with_actor
    from models.permissions import Permission
    from sync.protocol import key_fingerprint
    from sync.runner import enroll_station

    st, actor = store_with_actor(Permission.STATION_ADMIN)  # checked again in the core
    try:
        require_station(st)
        status = enroll_station(st, args.hub, allow_http=args.allow_http, clerk=actor)
        with st.db.read() as session:
            from sync.identity import identity

            ident = identity(session)
            fingerprint = key_fingerprint(ident.public_key) if ident else ""
    finally:
        st.close()
    data = {"station_code": status.station_code, "status": status.status, "hub_url": args.hub,
            "key_fingerprint": fingerprint}
    if args.json:
        emit_json(data)
    elif status.status == "approved":
        print(f"已登记并通过：{status.station_code}（密钥指纹 {fingerprint}）")
    else:
        print(f"已提交登记，等待中心端审核：{status.station_code}（密钥指纹 {fingerprint}）")
        print(f"请中心端操作员核对指纹后运行：tongban hub approve {status.station_code}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from desktop.cli.common import require_station, store
    from sync.identity import identity
    from sync.protocol import key_fingerprint
    from sync.runner import refresh_status

    st = store()
    try:
        station = require_station(st)
        if args.check:
            refresh_status(st)
        with st.db.read() as session:
            ident = identity(session)
            data = {
                "station_code": station.code,
                "name": station.name,
                "admdvs": station.admdvs,
                "level": str(station.level),
                "hub_url": ident.hub_url if ident else None,
                "status": ident.status if ident else "none",
                "key_fingerprint": key_fingerprint(ident.public_key) if ident else None,
                "enrolled_at": ident.enrolled_at.isoformat() if ident and ident.enrolled_at else None,
            }
    finally:
        st.close()
    if args.json:
        emit_json(data)
    else:
        for key, value in data.items():
            print(f"{key}: {value if value is not None else ''}")
    return 0
