"""``tongban init [--demo]``: set up this PC's station (identity, database, settings)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import emit_json


def register(sub: Any) -> None:
    parser = sub.add_parser("init", help="初始化服务点（数据库、服务点信息；--demo 生成演示数据）")
    parser.add_argument("--demo", action="store_true", help="演示服务点、演示经办人员和示例办件")
    parser.add_argument("--name", help="服务点名称，如 某某镇医保服务站")
    parser.add_argument("--admdvs", help="服务点所在地行政区划代码（6/9/12位）")
    parser.add_argument("--level", choices=["村", "乡镇", "县"], help="服务点层级")
    parser.add_argument("--station-no", help="县医保经办机构分配的3位服务点编号")
    parser.add_argument("--admin-login", default="admin", help="管理员登录名")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from models.demo import seed_demo
    from models.enums import StationLevel
    from models.errors import ValidationError
    from models.station_setup import StationSpec, current_station
    from models.store import open_store

    store = open_store()
    try:
        with store.db.write() as session:
            station = current_station(session)
            created = station is None
            if args.demo:
                summary = seed_demo(session, store.paths)
            else:
                if not created:
                    raise ValidationError("station.already_initialised")
                if not (args.name and args.admdvs and args.level and args.station_no):
                    print("请提供 --name、--admdvs、--level 和 --station-no，或使用 --demo。")
                    return 2
                from models.enums import ClerkRole
                from models.station_setup import add_clerk, create_station

                spec = StationSpec(args.name, args.admdvs, StationLevel(args.level), args.station_no)
                station = create_station(session, spec)
                add_clerk(session, station, args.admin_login, "管理员", ClerkRole.ADMIN)
                summary = {"station_code": station.code, "cases": 0}
        store.settings.save()
        result = {"data_dir": str(store.paths.root), **summary}
        if args.json:
            emit_json(result)
        else:
            print(f"服务点已就绪：{result.get('station_name', '')}（编号 {result['station_code']}）")
            print(f"数据目录：{store.paths.root}")
            if args.demo:
                print(f"演示办件：{result['cases']} 件")
        return 0
    finally:
        store.close()
