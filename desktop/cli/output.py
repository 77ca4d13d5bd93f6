"""Helpers for subcommand output: JSON with English keys for machines, text for people."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def not_available(feature: str, issue: int) -> int:
    """Answer for a subcommand whose capability has not landed yet (it says so; it is no stub)."""
    print(f"该功能尚未提供：{feature}（见 issue {issue}）。", file=sys.stderr)
    return 3
