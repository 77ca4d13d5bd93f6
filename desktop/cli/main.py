"""The ``tongban`` console script: one subcommand per module in desktop/cli/.

Every subcommand module exposes ``register(subparsers)`` and sets ``func`` on its parser.
Modules import only the standard library and models/ at import time; anything heavy
(Qt, opencv, reportlab, pyscard) is imported inside the handler, so ``tongban --help`` and
the operator commands start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from models.errors import UserFacingError

#: Subcommand modules, in the order ``tongban --help`` lists them.
COMMAND_MODULES = (
    "gui",
    "init",
    "catalog",
    "case",
    "card",
    "idcard",
    "devices",
    "evaluator",
    "scan",
    "photo",
    "print",
    "sync",
    "station",
    "regions",
    "calendar",
    "hub",
    "user",
    "audit",
    "db",
    "self_test",
)

logger = logging.getLogger(__name__)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or only ``command``'s subparser when that names one: registering
    every subcommand costs more than the counter's login window (docs/benchmarks.md, Start-up)."""
    parser = argparse.ArgumentParser(
        prog="tongban",
        description="医保通办 — 基层医保经办服务点离线柜台系统",
    )
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    module = _module_of(command)
    for name in (module,) if module else COMMAND_MODULES:
        importlib.import_module(f"desktop.cli.cmd_{name}").register(sub)
    return parser


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志 (不含个人信息)")
    parser.add_argument("--login", dest="global_login", help="以此经办人员身份登录（或环境变量 TONGBAN_LOGIN）")
    parser.add_argument(
        "--password-stdin", dest="global_password_stdin", action="store_true", help="从标准输入读取密码（脚本用）"
    )


def _module_of(command: str | None) -> str | None:
    """The module registering ``command`` (``self-test`` → ``self_test``), None if unknown."""
    name = (command or "").replace("-", "_")
    return name if name in COMMAND_MODULES else None


def command_name(argv: Sequence[str] | None) -> str | None:
    """The subcommand the arguments ask for, read past the global options (None: none given)."""
    pre = _QuietParser(add_help=False)
    _add_global_options(pre)
    pre.add_argument("command", nargs="?")
    try:
        known, _rest = pre.parse_known_args(argv)
    except ValueError:  # a malformed global option: the full parser reports it
        return None
    return known.command if isinstance(known.command, str) else None


class _QuietParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Whatever happens, the operator sees a message, never a traceback
    (issue 17 item 15): a closed pipe (``tongban case list --json | head``) ends quietly, Ctrl+C
    says 已取消, a full disk or a locked database says so, and anything unexpected is one line
    here and a traceback in the log file."""
    if sys.stdout is None:  # started with standard output closed
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    try:
        code = _main(argv)
        sys.stdout.flush()  # a reader that went away is found here, not at interpreter exit
        return code
    except BrokenPipeError:
        _detach_stdout()
        return 141  # 128 + SIGPIPE, what a shell reports for a pipeline cut short
    except KeyboardInterrupt:
        _say("已取消。")
        return 130
    except UserFacingError as exc:
        from desktop.messages import render

        _say(f"错误：{render(exc, cli=True)}")
        return 1
    except Exception as exc:
        return _unexpected(exc)


def _main(argv: Sequence[str] | None) -> int:
    from models.paths import private_umask

    private_umask()  # the station's files 0600, its directories 0700 (the counter starts here too)
    parser = build_parser(command_name(argv))
    args = parser.parse_args(argv)
    from desktop.cli import common

    common.ARGS = args
    from desktop.logging_setup import configure_logging

    configure_logging(verbose=args.verbose, to_file=args.command not in (None, "hub"))
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


def _say(text: str) -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):  # nowhere to say it
        print(text, file=sys.stderr)


def _detach_stdout() -> None:
    """Point standard output at the null device, so the final flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _unexpected(exc: BaseException) -> int:
    from desktop.messages import render
    from models.errors import UserFacingError as Error

    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        _say(f"错误：{render(Error('db.disk_full'))}")
        return 1
    text = str(exc).lower()
    if "database is locked" in text or "database is busy" in text:
        _say(f"错误：{render(Error('db.locked'))}")
        return 1
    from desktop.logging_setup import configure_logging

    configure_logging()  # no-op when the command had configured it; the console shows no traceback
    logger.error("command failed: %s", type(exc).__name__, exc_info=exc)
    _say(f"错误：程序内部错误（{type(exc).__name__}），详细信息已写入日志文件。")
    return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
