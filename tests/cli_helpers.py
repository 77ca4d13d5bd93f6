"""The console script as an operator runs it: ``tongban …`` in a real process with its own data directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def tongban(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TONGBAN_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=120,
        cwd=REPO,
    )
