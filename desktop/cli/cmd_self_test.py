"""``tongban self-test [--json]``: check that this installation is complete (desktop/self_test.py)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import emit_json


def register(sub: Any) -> None:
    parser = sub.add_parser("self-test", help="自检：数据库、目录、字体与打印、设备组件、Qt 插件")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from desktop.self_test import run_checks

    results = run_checks()
    if args.json:
        emit_json([{"check": r.name, "ok": r.ok, "detail": r.detail, "ms": round(r.ms)} for r in results])
    else:
        for r in results:
            print(f"{'通过' if r.ok else '失败'}  {r.name:<9} {r.detail}  ({r.ms:.0f} ms)")
        failed = sum(not r.ok for r in results)
        print("自检通过。" if not failed else f"自检失败：{failed} 项。")
    return 0 if all(r.ok for r in results) else 1
