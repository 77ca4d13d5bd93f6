"""The ``tongban`` console script: one subcommand per module in desktop/cli/.

Every subcommand module exposes ``register(subparsers)`` and sets ``func`` on its parser.
Modules import only the standard library and models/ at import time; anything heavy
(Qt, opencv, reportlab, pyscard) is imported inside the handler, so ``tongban --help`` and
the operator commands start fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from models.errors import UserFacingError

#: Subcommand modules, in the order ``tongban --help`` lists them.
COMMAND_MODULES = (
    "gui",
    "init",
    "catalog",
    "case",
    "card",
    "idcard",
    "scan",
    "photo",
    "print",
    "sync",
    "station",
    "regions",
    "hub",
    "user",
    "audit",
    "db",
    "self_test",
)

logger = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tongban",
        description="医保通办 — 基层医保经办服务点离线柜台系统",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志 (不含个人信息)")
    parser.add_argument("--login", dest="global_login", help="以此经办人员身份登录（或环境变量 TONGBAN_LOGIN）")
    parser.add_argument(
        "--password-stdin", dest="global_password_stdin", action="store_true", help="从标准输入读取密码（脚本用）"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"desktop.cli.cmd_{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from desktop.cli import common

    common.ARGS = args
    from desktop.logging_setup import configure_logging

    configure_logging(verbose=args.verbose, to_file=args.command not in (None, "hub"))
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code = args.func(args)
    except UserFacingError as exc:
        from desktop.messages import render

        print(f"错误：{render(exc, cli=True)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    return int(code or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
