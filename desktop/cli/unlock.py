"""Signing in from the command line: who runs the command on a protected station.

``--login`` (or ``TONGBAN_LOGIN``) and a password typed at the prompt, or read from standard
input with ``--password-stdin`` (scripts and tests). ``--recovery-key-stdin`` opens the
station with the recovery key instead (only ``user reset-password`` needs that). A demo
station opens as its demo admin when no login is given.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING, Any

from models.errors import UserFacingError
from models.paths import DataPaths, data_paths

if TYPE_CHECKING:  # the keyring and its cryptography load when a command signs in, not at `tongban gui`
    from models.security.vault import Credentials


def add_arguments(parser: Any, recovery: bool = False) -> None:
    parser.add_argument("--login", help="以此经办人员身份登录（默认取环境变量 TONGBAN_LOGIN）")
    parser.add_argument("--password-stdin", action="store_true", help="从标准输入逐行读取密码（脚本用）")
    if recovery:
        parser.add_argument("--recovery-key-stdin", action="store_true", help="从标准输入读取恢复密钥")


def read_secret(args: argparse.Namespace, prompt: str) -> str:
    from_stdin = ("password_stdin", "global_password_stdin", "recovery_key_stdin")
    if any(getattr(args, name, False) for name in from_stdin):
        line = sys.stdin.readline()
        if not line:
            raise UserFacingError("auth.login_required")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UserFacingError("auth.login_required")
    return getpass.getpass(prompt)


def credentials(args: argparse.Namespace | None = None, paths: DataPaths | None = None) -> Credentials | None:
    from models.security.vault import Credentials, is_protected, load_keyring

    paths = paths or data_paths()
    if not is_protected(paths):
        return None
    if args is not None and getattr(args, "recovery_key_stdin", False):
        return Credentials(recovery_key=read_secret(args, "恢复密钥："))
    # A subcommand's own --login, the global one (tongban --login X …), or the environment.
    login = (
        (getattr(args, "login", None) or getattr(args, "global_login", None)) if args is not None else None
    ) or os.environ.get("TONGBAN_LOGIN")
    if not login:
        if load_keyring(paths).demo:
            return None  # the demo admin
        if not sys.stdin.isatty():
            raise UserFacingError("auth.login_required")
        login = input("登录名：").strip()
    ns = args if args is not None else argparse.Namespace()
    return Credentials(login, read_secret(ns, "密码："))
