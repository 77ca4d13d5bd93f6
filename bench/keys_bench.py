"""Keystrokes per case: the counts tests/test_keystrokes.py measured, as a benchmarks.md section.

``run(refresh=True)`` runs that test first (a real counter window driven keyboard-only on a
demo station, offscreen) through ``python -m tests.update_docs``, which copies the counts it
measured to docs/keystrokes.json; the section is then written from
that file, so a ``python -m bench`` run always carries the latest measured counts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTS = ROOT / "docs" / "keystrokes.json"


def measure() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [sys.executable, "-m", "tests.update_docs", "tests/test_keystrokes.py"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def section(data: dict[str, object]) -> str:
    cases = data["cases"]
    assert isinstance(cases, list)
    aim = data.get("aim", 30)
    lines = [
        "## Keystrokes per case",
        "",
        f"Measured by `tests/test_keystrokes.py` on {data['date']} (docs/keystrokes.json): the counter driven "
        "keyboard-only on the demo station, from the card insert (or the first digit of a typed ID number) to "
        "the previewed receipt, every key press Qt delivered counted by an event filter (Ctrl+Enter is two "
        "keys). *Data* is what the applicant's answers cost (ID, phone, bank account, dates); *control* is "
        "everything else (choosing the item, moving on, ticking materials, submitting, previewing). Chinese "
        "text comes through the input method and is listed as characters: its pinyin keys depend on the IME "
        "and are not in the totals.",
        "",
        "| item | identified by | keys | of which data | control | clicks | Chinese chars (IME) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for c in cases:
        lines.append(
            f"| {c['item']} | {c['identified_by']} | {c['keys']} | {c['data_keys']} | {c['control_keys']} "
            f"| {c['clicks']} | {c['ime_chars']} |"
        )
    within = sum(1 for c in cases if c["total"] <= aim)
    control_max = max(c["control_keys"] for c in cases)
    lines += [
        "",
        f"{within} of {len(cases)} items take {aim} keys or fewer in all; the control keys stay at "
        f"{control_max} or fewer for every item. What is above {aim} is the applicant's data typed for a "
        "first visit (an 18-digit ID, an 11-digit phone, a 19-digit bank account, a date, a region code). "
        "Key sequences:",
        "",
    ]
    lines += [f"- {c['item']}: {c['steps']}" for c in cases]
    return "\n".join(lines)


def run(refresh: int = 1) -> str:
    if refresh:
        measure()
    if not COUNTS.exists():
        return "## Keystrokes per case\n\nNot measured yet: run `pytest tests/test_keystrokes.py`."
    return section(json.loads(COUNTS.read_text(encoding="utf-8")))


if __name__ == "__main__":
    print(run(refresh=0))
