"""Start-up: launch → first window usable, against a bare PySide6 window in the same run.

Each launch is a fresh process timed from ``Popen`` to exit; each quits from its event loop
right after its first window is shown (Tongban: the login window, ``TONGBAN_EXIT_WHEN_SHOWN=1``,
honoured by desktop/app.py; ``=ready`` also waits for what loads after the window is up). The
demo station is set up before, one warm-up launch of each is not counted, and the launches are
interleaved so that all of them see the same machine state. Python's bytecode is written to a
cache directory of the run (an installed application has its .pyc files; a checkout run with
``PYTHONDONTWRITEBYTECODE`` would otherwise compile every module at every launch).

``before`` (a git revision, or the environment variable ``TONGBAN_BENCH_BEFORE``) also launches
that revision's ``tongban gui``, exported to a temporary directory, in the same interleaved
rounds: before and after measured in one run.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BARE = (
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "from PySide6.QtCore import QTimer\n"
    "app = QApplication([])\n"
    "w = QWidget(); w.setWindowTitle('bare'); w.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "app.exec()\n"
)


def _time(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, all threads) of one launch, run in the tree
    its PYTHONPATH names (``-m`` puts the working directory first on the path)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=env.get("PYTHONPATH"), check=True, capture_output=True, timeout=120)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _export(rev: str, into: Path) -> Path:
    """``rev``'s source tree (git archive) under ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def run(runs: int = 7, before: str | None = None) -> str:
    before = before or os.environ.get("TONGBAN_BENCH_BEFORE") or None
    with tempfile.TemporaryDirectory(prefix="tongban-startup-") as tmp:
        home, pyc = Path(tmp, "home"), Path(tmp, "pyc")
        env = {**os.environ, "TONGBAN_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(pyc)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        ours_env = {**env, "PYTHONPATH": str(REPO)}
        gui = [sys.executable, "-m", "desktop.cli.main", "gui"]
        # Set up the demo station first (its recovery key dialog would wait for a click).
        _time([sys.executable, "-m", "desktop.cli.main", "init", "--demo"], ours_env)
        kinds: dict[str, tuple[list[str], dict[str, str]]] = {
            "bare": ([sys.executable, "-c", BARE], env),
            "shown": (gui, {**ours_env, "TONGBAN_EXIT_WHEN_SHOWN": "1"}),
            "ready": (gui, {**ours_env, "TONGBAN_EXIT_WHEN_SHOWN": "ready"}),
        }
        if before:
            old = _export(before, Path(tmp, "before"))
            kinds["before"] = (gui, {**env, "PYTHONPATH": str(old), "TONGBAN_EXIT_WHEN_SHOWN": "1"})
        for cmd, e in kinds.values():
            _time(cmd, e)  # warm-up (and bytecode): not counted
        wall: dict[str, list[float]] = {k: [] for k in kinds}
        cpu: dict[str, list[float]] = {k: [] for k in kinds}
        for _ in range(runs):
            for kind, (cmd, e) in kinds.items():
                w, c = _time(cmd, e)
                wall[kind].append(w)
                cpu[kind].append(c)
    med = {k: statistics.median(v) for k, v in wall.items()}
    low = {k: min(v) for k, v in wall.items()}
    cmed = {k: statistics.median(v) for k, v in cpu.items()}
    labels = {
        "bare": "bare PySide6 window",
        "before": f"`tongban gui` to its login window, before (`{before}`)",
        "shown": "`tongban gui` to its login window",
        "ready": "`tongban gui` to its login window and what loads after it",
    }
    order = [k for k in ("bare", "before", "shown", "ready") if k in kinds]
    rows = [
        f"| {labels[k]} | {med[k]:.3f} | {low[k]:.3f} | {cmed[k]:.3f} | {med[k] / med['bare']:.2f}× |" for k in order
    ]
    lines = [
        "## Start-up",
        "",
        f"{runs} interleaved launches of each (process start → first window shown → exit), offscreen, "
        "bytecode cached as in an installed application:",
        "",
        "| | median s | fastest s | median CPU s | median / bare |",
        "|---|---|---|---|---|",
        *rows,
        "",
        f"Tongban takes {med['shown'] / med['bare']:.2f}× a bare PySide6 window to show its login "
        f"({low['shown'] / low['bare']:.2f}× comparing the fastest launches, "
        f"{cmed['shown'] / cmed['bare']:.2f}× in CPU time).",
    ]
    if before:
        lines.append(f"Before, in the same run: {med['before'] / med['bare']:.2f}×.")
    return "\n".join(lines)


if __name__ == "__main__":
    print(run(int(sys.argv[1]) if len(sys.argv) > 1 else 7, sys.argv[2] if len(sys.argv) > 2 else None))
