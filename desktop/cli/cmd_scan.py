"""`tongban scan`: 电子凭证扫码 (issue 6 has not landed: the command says so and exits 3)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import not_available


def register(sub: Any) -> None:
    parser = sub.add_parser("scan", help="电子凭证扫码（尚未提供）")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    return not_available("电子凭证扫码", 6)
