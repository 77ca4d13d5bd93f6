"""Start-up: launch → first window usable, against a bare PySide6 window in the same run.

Both are fresh processes timed from ``Popen`` to exit; each quits from its event loop right
after its first window is shown (Tongban: the login window, ``TONGBAN_EXIT_WHEN_SHOWN=1``,
honoured by desktop/app.py). The demo station is set up before, and one warm-up launch is
not counted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = (
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "from PySide6.QtCore import QTimer\n"
    "app = QApplication([])\n"
    "w = QWidget(); w.setWindowTitle('bare'); w.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "app.exec()\n"
)


def _time(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - t


def run(runs: int = 7) -> str:
    with tempfile.TemporaryDirectory(prefix="tongban-startup-") as home:
        env = {**os.environ, "TONGBAN_HOME": home, "QT_QPA_PLATFORM": "offscreen", "TONGBAN_EXIT_WHEN_SHOWN": "1"}
        app = [sys.executable, "-m", "desktop.cli.main", "gui"]
        # Set up the demo station first (its recovery key dialog would wait for a click).
        _time([sys.executable, "-m", "desktop.cli.main", "init", "--demo"], env)
        _time(app, env)  # warm-up: not counted
        bare, ours = [], []
        for _ in range(runs):  # interleaved, so both see the same machine state
            bare.append(_time([sys.executable, "-c", BARE], env))
            ours.append(_time(app, env))
    b, o = statistics.median(bare), statistics.median(ours)
    return "\n".join(
        [
            "## Start-up",
            "",
            f"Median of {runs} interleaved launches (process start → first window shown → exit), offscreen:",
            "",
            "| | median s |",
            "|---|---|",
            f"| bare PySide6 window | {b:.2f} |",
            f"| `tongban gui` to its login window | {o:.2f} |",
            "",
            f"Tongban takes {o / b:.1f}× a bare PySide6 window.",
        ]
    )


if __name__ == "__main__":
    print(run())
