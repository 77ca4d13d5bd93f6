"""The long crash-safety run: hundreds of SIGKILLs during intake, then integrity checks."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path


def run(rounds: int = 300) -> str:
    import os
    import subprocess
    import sys

    from tests.crash_harness import run_rounds, verify

    with tempfile.TemporaryDirectory(prefix="tongban-crash-") as tmp:
        home = Path(tmp)
        env = {**os.environ, "TONGBAN_HOME": tmp}
        subprocess.run(
            [sys.executable, "-m", "desktop.cli.main", "init", "--demo"], env=env, check=True, capture_output=True
        )
        t = time.perf_counter()
        report = verify(home, run_rounds(home, rounds, seed=42, max_delay=1.5))
        took = time.perf_counter() - t
    verdict = (
        "no committed case or photo lost"
        if report.integrity == "ok" and not report.missing_cases and not report.missing_files and report.check_ok
        else f"FAILED: integrity {report.integrity}, {len(report.missing_cases)} cases and "
        f"{len(report.missing_files)} files missing"
    )
    return "\n".join(
        [
            "## Crash safety",
            "",
            f"{report.kills} SIGKILLs at random moments of an intake loop (open case, photo, accept, print log), "
            f"{len(report.committed)} cases reported committed between them, {took:.0f} s: {verdict}; "
            f"`PRAGMA integrity_check` = {report.integrity}, `tongban db check --deep` clean = {report.check_ok}.",
        ]
    )


if __name__ == "__main__":
    print(run())
