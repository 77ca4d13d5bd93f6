"""``tongban calendar``: the year's holiday schedule for years chinese-calendar does not know.

    tongban calendar show YEAR [--json]            the year's days off and 调休 working days
    tongban calendar import FILE [--year Y] [--replace]
                                                   the State Council's notice as ``date,休`` /
                                                   ``date,班`` lines (管理员; audited)
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.output import emit_json

_SOURCES = {"library": "程序内置节假日库", "notice": "节假日安排（中心下发或管理员导入）", "unknown": "无节假日数据"}
_ORIGINS = {"centre": "中心下发", "import": "管理员导入", "local": "本地调整"}


def register(sub: Any) -> None:
    parser = sub.add_parser("calendar", help="节假日安排（查看某年；导入国务院办公厅节假日安排通知）")
    cmds = parser.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    show = cmds.add_parser("show", help="查看某年的放假日和调休上班日")
    show.add_argument("year", type=int)
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=_show)
    imp = cmds.add_parser("import", help="导入某年节假日安排（CSV：每行 日期,休 或 日期,班）")
    imp.add_argument("file", type=Path)
    imp.add_argument("--year", type=int, help="文件所属年份（默认取第一行日期的年份）")
    imp.add_argument("--replace", action="store_true", help="替换本机已有的该年安排")
    imp.set_defaults(func=_import)


def _show(args: argparse.Namespace) -> int:
    from desktop.cli.common import store
    from models.holiday_notice import show_year

    if not 2000 <= args.year <= 2100:
        from models.errors import ValidationError

        raise ValidationError("calendar.bad_year", year=args.year)
    st = store(args)
    try:
        with st.db.read() as session:
            view = show_year(session, args.year)
    finally:
        st.close()
    if args.json:
        emit_json(
            {
                "year": view.year,
                "source": view.source,
                "origins": list(view.origins),
                "provisional_cases": view.provisional_cases,
                "days": [
                    {"date": d.day.isoformat(), "kind": "班" if d.is_workday else "休", "note": d.note}
                    for d in view.days
                ],
            }
        )
        return 0
    origins = "、".join(_ORIGINS.get(o, o) for o in view.origins)
    print(f"{view.year} 年：{_SOURCES[view.source]}" + (f"（{origins}）" if origins else ""))
    if view.source == "unknown":
        print("本机没有该年的节假日安排：跨入该年的承诺办结日期按周末规则暂定，并注明“如遇法定节假日顺延”。")
    off = [d for d in view.days if not d.is_workday]
    work = [d for d in view.days if d.is_workday]
    print(f"放假 {len(off)} 天")
    for d in off:
        print(f"  {d.day.isoformat()}  休  {d.note or ''}".rstrip())
    print(f"调休上班 {len(work)} 天")
    for d in work:
        print(f"  {d.day.isoformat()}  班  {d.note or ''}".rstrip())
    if view.provisional_cases:
        print(f"承诺办结日期暂定的办件：{view.provisional_cases} 件。")
    return 0


def _import(args: argparse.Namespace) -> int:
    from desktop.cli.common import store_with_actor
    from models.holiday_notice import import_notice, read_notice_file
    from models.permissions import Permission

    notice = read_notice_file(args.file, args.year)  # validated before the database is opened
    st, actor = store_with_actor(Permission.STATION_ADMIN)
    try:
        with st.db.write() as session:
            result = import_notice(session, notice, actor, replace=args.replace, file_name=args.file.name)
    finally:
        st.close()
    print(
        f"已导入 {notice.year} 年节假日安排：放假 {notice.days_off} 天，调休上班 {notice.makeup_days} 天"
        + (f"（替换原有 {result.replaced} 条）" if result.replaced else "")
        + "。"
    )
    if result.recounted:
        print(f"已按新安排重算 {len(result.recounted)} 件办件的承诺办结日期（受理回执所载日期保留）。")
    return 0
