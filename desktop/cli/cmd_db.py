"""``tongban db check|migrate|info``: the database for operators (backup/restore: issue 10)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import emit_json


def register(sub: Any) -> None:
    parser = sub.add_parser("db", help="数据库检查与升级")
    cmds = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    check = cmds.add_parser("check", help="完整性检查（数据库、材料文件），--fix 修复可安全修复的问题")
    check.add_argument("--deep", action="store_true", help="逐个校验材料文件哈希")
    check.add_argument("--fix", action="store_true")
    check.add_argument("--json", action="store_true")
    check.set_defaults(func=_check)
    info = cmds.add_parser("info", help="数据目录、数据库版本")
    info.add_argument("--json", action="store_true")
    info.set_defaults(func=_info)


def _check(args: argparse.Namespace) -> int:
    from desktop.cli.common import store
    from models.integrity import check_store

    st = store()
    try:
        report = check_store(st.db, st.paths.media, deep=args.deep, fix=args.fix)
    finally:
        st.close()
    if args.json:
        emit_json(report.as_dict())
    else:
        print("数据库完整性：" + ("正常" if not report.integrity else "；".join(report.integrity)))
        print("外键：" + ("正常" if not report.foreign_keys else f"{len(report.foreign_keys)} 处问题"))
        print(f"缺失的材料文件：{len(report.missing_files)}，损坏：{len(report.corrupt_files)}")
        print(
            f"未被引用的材料文件：{len(report.orphan_files)}，未完成写入的临时文件：{len(report.temp_files)}"
        )
        for line in report.fixed:
            print(f"已修复：{line}")
    return 0 if report.ok else 1


def _info(args: argparse.Namespace) -> int:
    from desktop.cli.common import store
    from models.migrate import current_revision, head_revision

    st = store()
    try:
        data = {
            "data_dir": str(st.paths.root),
            "database": str(st.paths.database),
            "revision": current_revision(st.db.engine),
            "head": head_revision(),
            "backup_before_migration": str(st.migration.backup) if st.migration.backup else None,
        }
    finally:
        st.close()
    if args.json:
        emit_json(data)
    else:
        for k, v in data.items():
            print(f"{k}: {v}")
    return 0
