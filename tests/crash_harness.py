"""Kill a working station with SIGKILL at random moments, then check nothing committed was lost.

Used by tests/test_crash_safety.py (a few dozen kills) and bench/crash_bench.py (hundreds).
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

CHILD = Path(__file__).with_name("crash_child.py")
REPO = CHILD.parent.parent


@dataclass
class CrashReport:
    kills: int = 0
    committed: dict[str, str] = field(default_factory=dict)  # case_no → sha256 of its photo
    missing_cases: list[str] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)
    integrity: str = ""
    check_ok: bool = False


def run_rounds(home: Path, rounds: int, seed: int = 1, max_delay: float = 0.6) -> CrashReport:
    """Start the child ``rounds`` times, killing each one after a random delay.

    Every other round the delay counts from the child's start (kills during start-up and
    migration), the others from its ``READY`` (kills mid-transaction): on a loaded machine start-up
    alone can outlast ``max_delay``, and a run of kills that all land before the first case would
    test nothing."""
    rng = random.Random(seed)
    env = {**os.environ, "TONGBAN_HOME": str(home), "PYTHONPATH": str(REPO)}
    report = CrashReport()
    for n in range(rounds):
        proc = subprocess.Popen(
            [sys.executable, str(CHILD)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        if n % 2:
            first = _first_line(proc.stdout.fileno(), timeout=120)
            if first != "READY":
                proc.kill()
                raise RuntimeError(f"child did not get ready: {first!r} {proc.communicate(timeout=60)[1][-2000:]}")
        time.sleep(rng.uniform(0.05, max_delay))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
        if proc.returncode not in (-signal.SIGKILL, 0):
            raise RuntimeError(f"child failed on its own: {err[-2000:]}")
        report.kills += 1
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] == "COMMITTED":
                report.committed[parts[1]] = parts[2]
    return report


def _first_line(fd: int, timeout: float) -> str:
    """The child's first stdout line, read byte by byte so that nothing after it is taken from the
    pipe before ``communicate`` reads the rest."""
    line = b""
    deadline = time.monotonic() + timeout
    while not line.endswith(b"\n"):
        ready, _w, _x = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        byte = os.read(fd, 1) if ready else b""
        if not byte:
            break
        line += byte
    return line.decode(errors="replace").strip()


def verify(home: Path, report: CrashReport) -> CrashReport:
    """Integrity, every reported case present with its photo, and `tongban db check` clean."""
    from models.db import connect_raw
    from models.integrity import check_store
    from models.media import media_path
    from models.paths import DataPaths
    from models.store import open_store

    paths = DataPaths(home)
    store = open_store(paths)  # unlocks the (demo) keyring: the database is SQLCipher-encrypted
    con = connect_raw(paths.database)
    try:
        report.integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        present = {
            row[0]: row[1]
            for row in con.execute(
                'SELECT c.case_no, f.sha256 FROM "case" c JOIN material_entry e ON e.case_id = c.id '
                "JOIN material_file f ON f.entry_id = e.id"
            )
        }
    finally:
        con.close()
    for case_no, sha in report.committed.items():
        if present.get(case_no) != sha:
            report.missing_cases.append(case_no)
        elif not media_path(paths.media, sha).exists():
            report.missing_files.append(sha)
    try:
        report.check_ok = check_store(store.db, paths.media, deep=True).ok
    finally:
        store.close()
    return report
