"""Every window and dialog fits a 1024×768 counter screen less a 40-pixel taskbar, at every font
mode: tests/screen_fit_cases.py, run in its own process on an offscreen 1024×728 screen (the
screen size is fixed when Qt starts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_window_fits_a_1024x768_screen_at_every_font_mode(tmp_path: Path, screenshots: Path) -> None:
    config = tmp_path / "screen.json"
    screen = {"name": "counter", "x": 0, "y": 0, "width": 1024, "height": 728, "logicalDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", TONGBAN_SCREENSHOT_DIR=str(screenshots))
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/screen_fit_cases.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "skipped" not in run.stdout
