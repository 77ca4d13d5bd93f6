"""``tongban regions``: the GB/T 2260 行政区划 table (models/regions.py).

    tongban regions find TEXT [--json]   places by name, pinyin, initials or code prefix
    tongban regions import FILE          install a newer table for this station (管理员)
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json


def register(sub: Any) -> None:
    parser = sub.add_parser("regions", help="行政区划代码（按地名、拼音或代码查找；导入新版代码表）")
    cmds = parser.add_subparsers(dest="regions_command", metavar="ACTION", required=True)
    find = cmds.add_parser("find", help="按地名、拼音、首字母或代码查找")
    find.add_argument("text")
    find.add_argument("--limit", type=int, default=10)
    find.add_argument("--json", action="store_true")
    find.set_defaults(func=_find)
    imp = cmds.add_parser("import", help="导入新版行政区划代码表（代码<TAB>名称，或 cn/GB2260 的四列 tsv）")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=_import)


def _find(args: argparse.Namespace) -> int:
    from models.regions import table

    hits = table().search(args.text, args.limit)
    if args.json:
        emit_json([{"code": r.code, "name": r.name, "full_name": r.full_name, "level": r.level} for r in hits])
    else:
        for r in hits:
            print(f"{r.code}  {r.full_name}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from desktop.cli.common import store_with_actor
    from models import audit
    from models.permissions import Permission
    from models.regions import import_table

    st, actor = store_with_actor(Permission.STATION_ADMIN)
    try:
        rows = import_table(args.file)
        with st.db.write() as session:
            audit.record(session, "regions.import", "regions:gb2260", clerk=actor, detail={"rows": rows})
    finally:
        st.close()
    print(f"已导入行政区划代码表：{rows} 条。")
    return 0
