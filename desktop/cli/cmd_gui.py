"""``tongban gui [--demo]``: the counter application."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser("gui", help="打开柜台程序")
    parser.add_argument("--demo", action="store_true", help="首次运行时创建演示服务点和示例办件")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from desktop.app import run_gui

    return run_gui(demo=args.demo)
