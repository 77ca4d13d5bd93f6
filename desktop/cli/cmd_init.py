"""``tongban init [--demo | --protect]``: set up this PC's station (identity, keys, database).

A real station is protected from the start: the first admin chooses a password and the
recovery key is printed once for the station's safe (docs/security.md). ``--protect`` does
the same for a station set up before encryption existed, encrypting its data in place.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop.cli import unlock
from desktop.cli.output import emit_json


def register(sub: Any) -> None:
    parser = sub.add_parser("init", help="初始化服务点（数据库、服务点信息、管理员密码；--demo 生成演示数据）")
    parser.add_argument("--demo", action="store_true", help="演示服务点、演示经办人员和示例办件")
    parser.add_argument("--protect", action="store_true", help="为早期版本建立的服务点设置管理员密码并加密数据")
    parser.add_argument("--name", help="服务点名称，如 某某镇医保服务站")
    parser.add_argument("--admdvs", help="服务点所在地行政区划代码（6/9/12位）")
    parser.add_argument("--level", choices=["村", "乡镇", "县"], help="服务点层级")
    parser.add_argument("--station-no", help="县医保经办机构分配的3位服务点编号")
    parser.add_argument("--admin-login", default="admin", help="管理员登录名")
    parser.add_argument("--password-stdin", action="store_true", help="从标准输入读取管理员密码（脚本用）")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=_run)


def _admin_password(args: argparse.Namespace) -> str:
    from models.errors import UserFacingError

    first = unlock.read_secret(args, "设置管理员密码：")
    if not args.password_stdin and unlock.read_secret(args, "再次输入管理员密码：") != first:
        raise UserFacingError("clerk.password_mismatch")
    return first


def _run(args: argparse.Namespace) -> int:
    from models.paths import data_paths
    from models.security.setup import ensure_demo

    paths = data_paths()
    recovery: str | None = None
    if args.demo:
        store, recovery, summary = ensure_demo(paths, form_samples=True)
    else:
        result = _real(args, paths)
        if isinstance(result, int):
            return result
        store, recovery, summary = result
    try:
        store.settings.save()
    finally:
        store.close()
    result_dict = {"data_dir": str(paths.root), **summary, "recovery_key": recovery}
    if args.json:
        emit_json(result_dict)
        return 0
    print(f"服务点已就绪：{result_dict.get('station_name', '')}（编号 {result_dict['station_code']}）")
    print(f"数据目录：{paths.root}")
    if args.demo:
        print(f"演示办件：{result_dict['cases']} 件；演示密码见 README“演示”一节。")
    if recovery:
        print("恢复密钥（只显示这一次，请打印或抄写后存放在服务点保险柜；忘记所有密码时凭它恢复）：")
        print(f"    {recovery}")
    return 0


def _real(args: argparse.Namespace, paths: Any) -> Any:
    from models.enums import ClerkRole, StationLevel
    from models.errors import UserFacingError, ValidationError
    from models.orm import Clerk
    from models.security import vault
    from models.security.setup import open_as, protect
    from models.station_setup import StationSpec, add_clerk, create_station, current_station, validate_spec
    from models.store import open_store

    if vault.is_protected(paths):
        raise ValidationError("station.already_initialised")
    paths.ensure()
    if args.protect:
        probe = open_store(paths)  # plaintext: find the station and its admin before protecting
        try:
            with probe.db.read() as session:
                station = current_station(session)
                admin = session.query(Clerk).filter_by(login=args.admin_login).one_or_none()
                if station is None:
                    raise UserFacingError("station.not_initialised")
                if admin is None or ClerkRole(admin.role) is not ClerkRole.ADMIN:
                    raise UserFacingError("clerk.not_found", login=args.admin_login)
                summary = {"station_code": station.code, "station_name": station.name}
        finally:
            probe.close()
    elif not (args.name and args.admdvs and args.level and args.station_no):
        print("请提供 --name、--admdvs、--level 和 --station-no，或使用 --demo。")
        return 2
    else:
        spec = validate_spec(StationSpec(args.name, args.admdvs, StationLevel(args.level), args.station_no))
        if paths.database.exists():
            probe = open_store(paths)
            try:
                with probe.db.read() as session:
                    if current_station(session) is not None:
                        raise ValidationError("station.already_initialised")
            finally:
                probe.close()
    if not args.password_stdin and not sys.stdin.isatty():
        # No terminal to ask on: a station is never set up without a password (it would be
        # stored in clear); scripts pass it with --password-stdin.
        raise UserFacingError("auth.password_required")
    password = _admin_password(args)
    protected = protect(paths, args.admin_login, password)
    store = open_as(paths, args.admin_login, password)  # creates (or encrypts) the database
    from models import audit

    with store.db.write() as session:
        if args.protect:
            admin = session.query(Clerk).filter_by(login=args.admin_login).one()
        else:
            if current_station(session) is not None:
                raise ValidationError("station.already_initialised")
            station = create_station(session, spec)
            admin = add_clerk(session, station, args.admin_login, "管理员", ClerkRole.ADMIN)
            summary = {"station_code": station.code, "station_name": station.name, "cases": 0}
        admin.password_hash = protected.password_hashes[args.admin_login]
        audit.record(session, "station.protect", "station", clerk=None, detail={"admin": args.admin_login})
    return store, protected.recovery_key, summary
