"""``tongban audit``: 审计日志 (verify the chain, list, export). Admin only."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli import unlock
from desktop.cli.output import emit_json

KINDS = {
    "edited": "内容被修改",
    "missing": "被删除（序号缺失）",
    "reordered": "顺序被调换",
    "chain_broken": "链接断开（前一条被删除或替换）",
    "truncated": "最新的记录被删除",
    "anchor_missing": "已不在日志中（保存在别处的链头所指的记录被删除，日志被截断或清空）",
    "anchor_mismatch": "与保存在别处的链头不符（被替换）",
}


def register(sub: Any) -> None:
    parser = sub.add_parser("audit", help="审计日志（校验、查看、导出）")
    cmds = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)

    verify = cmds.add_parser("verify", help="校验审计日志的哈希链，发现被修改或删除的记录")
    verify.add_argument("--json", action="store_true")
    verify.add_argument(
        "--against",
        type=Path,
        help="与保存在别处的链头核对：audit verify --json 的输出文件，或一份备份（.zip）",
    )
    unlock.add_arguments(verify)
    verify.set_defaults(func=_verify)

    lst = cmds.add_parser("list", help="查看审计日志（最新在前）")
    lst.add_argument("--clerk", help="只看某经办人员")
    lst.add_argument("--action", help="只看某类操作（前缀，如 case. 或 login）")
    lst.add_argument("--target", help="只看某对象，如 case:522701-001-20261123-0001")
    lst.add_argument("--limit", type=int, default=50)
    lst.add_argument("--json", action="store_true")
    unlock.add_arguments(lst)
    lst.set_defaults(func=_list)

    export = cmds.add_parser("export", help="导出审计日志（CSV 或 JSON）")
    export.add_argument("--out", type=Path, help="输出文件（默认：数据目录 exports/）")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    unlock.add_arguments(export)
    export.set_defaults(func=_export)


def _open(args: argparse.Namespace) -> tuple[Any, Any]:
    from desktop.cli.common import store_with_actor
    from models.permissions import Permission

    return store_with_actor(Permission.AUDIT_VIEW, args)


def _verify(args: argparse.Namespace) -> int:
    from models import audit

    anchor = _anchor(args.against) if args.against else None
    st, _actor = _open(args)
    try:
        with st.db.read() as session:
            report = audit.verify(session)
            if anchor is not None:
                problem = audit.check_anchor(session, anchor)
                if problem is not None:
                    report.problems.append(problem)
    finally:
        st.close()
    if args.json:
        emit_json(report.as_dict())
    elif report.ok:
        print(f"审计日志完整：共 {report.entries} 条，最新第 {report.head_seq} 条，哈希 {report.head_hash[:16]}…")
    else:
        for p in report.problems:
            print(f"第 {p.seq} 条审计记录{KINDS.get(p.kind, p.kind)}。", file=sys.stderr)
        print(f"审计日志校验未通过：发现 {len(report.problems)} 处问题。", file=sys.stderr)
    return 0 if report.ok else 1


def _anchor(path: Path) -> dict[str, object]:
    """The head kept in ``path``: a JSON file, or a backup zip's manifest."""
    import json
    import zipfile

    from models import audit
    from models.errors import UserFacingError

    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                data = json.loads(zf.read("manifest.json"))
        else:
            data = json.loads(path.read_text(encoding="utf-8"))
        return audit.read_anchor(data)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise UserFacingError("audit.bad_anchor", name=path.name) from exc


def _list(args: argparse.Namespace) -> int:
    from models import audit

    st, _actor = _open(args)
    try:
        with st.db.read() as session:
            rows = [
                audit.as_dict(e)
                for e in audit.entries(
                    session, clerk_login=args.clerk, action=args.action, target=args.target, limit=args.limit
                )
            ]
    finally:
        st.close()
    if args.json:
        emit_json(rows)
        return 0
    for r in rows:
        print(f"{r['seq']:>6}  {r['at']}  {r['clerk'] or '系统':<10}{r['action']:<24}{r['target']}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from models import audit, clock

    st, actor = _open(args)
    try:
        out: Path = args.out or st.paths.exports / f"audit-{clock.now().strftime('%Y%m%dT%H%M%S')}.{args.format}"
        with st.db.write() as session:
            count = audit.export_file(session, out, clerk=actor, fmt=args.format)
    finally:
        st.close()
    print(f"已导出 {count} 条审计记录：{out}")
    return 0
