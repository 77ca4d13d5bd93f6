"""``tongban db check|migrate|info``: the database for operators (backup/restore: issue 10)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli import unlock
from desktop.cli.output import emit_json


def register(sub: Any) -> None:
    parser = sub.add_parser("db", help="数据库检查与升级")
    cmds = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    check = cmds.add_parser("check", help="完整性检查（数据库、材料文件），--fix 修复可安全修复的问题")
    check.add_argument("--deep", action="store_true", help="逐个校验材料文件哈希")
    check.add_argument("--fix", action="store_true")
    check.add_argument("--json", action="store_true")
    check.set_defaults(func=_check)
    backup = cmds.add_parser("backup", help="备份数据库和材料文件（含校验）")
    backup.add_argument("--out", type=Path, help="备份目录（默认：数据目录下 backups/）")
    backup.add_argument("--label", default="manual", help="备份名称标签（daily 为每日备份）")
    backup.add_argument("--json", action="store_true")
    backup.set_defaults(func=_backup)
    restore = cmds.add_parser("restore", help="从备份恢复（先校验，再保留当前数据库的副本）")
    restore.add_argument("file", type=Path)
    restore.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    restore.add_argument("--json", action="store_true")
    unlock.add_arguments(restore, recovery=True)
    restore.set_defaults(func=_restore)
    verify = cmds.add_parser("verify-backup", help="校验备份文件")
    verify.add_argument("file", type=Path)
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(func=_verify)
    info = cmds.add_parser("info", help="数据目录、数据库版本")
    info.add_argument("--json", action="store_true")
    info.set_defaults(func=_info)


def _check(args: argparse.Namespace) -> int:
    from desktop.cli.common import store
    from desktop.durability_banner import clock_text
    from models.clock_guard import clock_status, configure
    from models.integrity import check_store

    st = store()
    try:
        report = check_store(st.db, st.paths.media, deep=args.deep, fix=args.fix)
        if args.fix:
            from models.backup import clean_leftovers

            report.fixed.extend(f"删除中断的备份留下的临时文件 {name}" for name in clean_leftovers(st.paths))
        configure(st.settings)
        with st.db.read() as session:
            clock = clock_status(session)  # reported, not a failure: the data are sound
    finally:
        st.close()
    if args.json:
        emit_json({**report.as_dict(), "clock": clock.as_dict()})
    else:
        print("本机时钟：" + (clock_text(clock) or "正常"))
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


def _backup(args: argparse.Namespace) -> int:
    from desktop.cli.common import store_with_actor
    from models import audit
    from models.backup import create_backup, rotate
    from models.permissions import Permission

    # Migrates first: a backup always has a schema this build knows.
    st, actor = store_with_actor(Permission.STATION_ADMIN)
    try:
        info = create_backup(st.paths, args.out, args.label)
        if args.out is None:
            rotate(st.paths.backups)
        with st.db.write() as session:  # the data left as a file: audited (issue 9)
            audit.record(
                session,
                "backup.create",
                f"backup:{info.path.name}",
                clerk=actor,
                detail={
                    "label": args.label,
                    "cases": info.cases,
                    "media_files": info.media_files,
                    "encrypted": info.encrypted,
                    "out": "default" if args.out is None else "other",
                },
            )
    finally:
        st.close()
    if args.json:
        emit_json(info.as_dict())
    else:
        print(f"备份完成：{info.path}（办件 {info.cases} 件，材料文件 {info.media_files} 个，已校验）")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from models.backup import verify_backup

    info = verify_backup(args.file)
    if args.json:
        emit_json(info.as_dict())
    else:
        print(f"备份完好：{info.path.name}，服务点 {info.station_code}，办件 {info.cases} 件，版本 {info.revision}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    """Whenever a station exists: an admin of it (``--login``) or its recovery key
    (``--recovery-key-stdin``); on a new PC the backup's recovery key (models/backup.py)."""
    from models.backup import authorize_restore, record_restore, restore_backup, verify_backup
    from models.paths import data_paths

    paths = data_paths()
    info = verify_backup(args.file)  # layout and hashes, before anything is asked
    if not args.yes:
        if not sys.stdin.isatty():
            print("恢复会替换当前数据库：请加 --yes 确认。", file=sys.stderr)
            return 2
        answer = input(f"用 {info.created} 的备份（办件 {info.cases} 件）替换当前数据？输入 yes 确认：")
        if answer.strip().lower() != "yes":
            print("已取消。")
            return 1
    creds = _restore_credentials(args, paths, args.file)
    access = authorize_restore(paths, args.file, creds)
    restore_backup(paths, args.file, access=access)
    record_restore(paths, creds, args.file, info, access)
    if args.json:
        emit_json({**info.as_dict(), "restored": True})
    else:
        print(f"已恢复：办件 {info.cases} 件，材料文件 {info.media_files} 个。原数据库已另存于 backups/。")
    return 0


def _restore_credentials(args: argparse.Namespace, paths: Any, backup: Path) -> Any:
    import os
    import zipfile

    from models.backup import KEYRING, station_exists
    from models.errors import UserFacingError
    from models.security.vault import Credentials, is_protected, load_keyring

    if getattr(args, "recovery_key_stdin", False):
        return Credentials(recovery_key=unlock.read_secret(args, "恢复密钥："))
    login = getattr(args, "login", None) or getattr(args, "global_login", None) or os.environ.get("TONGBAN_LOGIN")
    if login:
        return Credentials(login, unlock.read_secret(args, "密码："))
    with zipfile.ZipFile(backup) as zf:
        encrypted = KEYRING in zf.namelist()
    if is_protected(paths) and load_keyring(paths).demo:
        return None  # the demo admin (public demo passwords)
    if not (encrypted or (station_exists(paths) and is_protected(paths))):
        return None  # a plaintext backup onto no station, or onto a plaintext (pre-encryption) one
    if not sys.stdin.isatty():
        raise UserFacingError("auth.login_required")
    entered = input("管理员登录名（直接回车改用恢复密钥）：").strip()
    if entered:
        return Credentials(entered, unlock.read_secret(args, "密码："))
    return Credentials(recovery_key=unlock.read_secret(args, "恢复密钥："))
