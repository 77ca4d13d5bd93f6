"""Running the counter in a child process for a benchmark, on this checkout or an earlier one.

Memory benchmarks measure a fresh process each (its own VmHWM), so the counter runs as a child
with its own data directory; ``TONGBAN_BENCH_BASELINE`` names a checkout of an earlier version to
measure beside this one in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = str(Path(__file__).resolve().parent.parent)


def source_trees(single_label: str) -> tuple[dict[str, str], str]:
    """{column label: checkout}, and the baseline's label ('' without one)."""
    baseline = os.environ.get("TONGBAN_BENCH_BASELINE", "")
    if not baseline:
        return {single_label: HERE}, ""
    return {"before": baseline, "after": HERE}, os.environ.get("TONGBAN_BENCH_BASELINE_LABEL", baseline)


def run_counter_child(code: str, args: list[str], src: str, home: str, timeout: float) -> dict[str, Any]:
    """Run ``code`` (``python -c``) on checkout ``src`` with data in ``home``; its last stdout line is JSON."""
    env = {**os.environ, "TONGBAN_HOME": home, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": src}
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=src,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result
