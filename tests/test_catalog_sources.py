"""Every ``source`` quote points at the seed line it came from, so a reviewer can trust it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from models.catalog.loader import bundled_dir

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SOURCE = re.compile(r"^(\d{3})#(\d+)(?:-(\d+))?(?: (.+))?$")


def _seed_lines() -> dict[str, list[str]]:
    out = {}
    for path in SEEDS.glob("00*_*.txt"):
        out[path.name[:3]] = path.read_text(encoding="utf-8").split("\n")
    return out


def _sources(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k.endswith("source") and isinstance(v, str)]
        for v in node.values():
            found.extend(_sources(v))
        return found
    if isinstance(node, list):
        return [s for v in node for s in _sources(v)]
    return []


def _squash(text: str) -> str:
    return re.sub(r"[\s　]+", "", text).replace('"', "").replace("“", "").replace("”", "")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
def test_every_quote_is_near_its_line() -> None:
    seeds = _seed_lines()
    files = [p for sub in ("items", "overrides", "profiles") for p in sorted((bundled_dir() / sub).glob("*.yaml"))]
    checked, bad = 0, []
    for path in files:
        for ref in _sources(yaml.safe_load(path.read_text(encoding="utf-8"))):
            m = SOURCE.match(ref)
            assert m, f"{path.name}: bad source {ref!r}"
            doc, a, b, quote = m.group(1), int(m.group(2)), int(m.group(3) or m.group(2)), m.group(4)
            lines = seeds[doc]
            assert 1 <= a <= b <= len(lines), f"{path.name}: {ref}"
            if not quote:
                continue
            window = _squash("".join(lines[max(0, a - 3) : b + 2]))
            checked += 1
            if _squash(quote) not in window:
                bad.append(f"{path.name}: {ref}")
    assert checked > 500
    assert bad == []
