"""`tongban sync`: 同步 (issue 8 has not landed: the command says so and exits 3)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import not_available


def register(sub: Any) -> None:
    parser = sub.add_parser("sync", help="同步（尚未提供）")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    return not_available("同步", 8)
