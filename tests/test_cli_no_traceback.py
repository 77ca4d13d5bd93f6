"""Issue 17 item 15: the console script never shows a traceback. Every subcommand runs in a real
process whose standard output is a pipe nobody reads (``tongban case list --json | head`` after
``head`` has gone); a locked database and Ctrl+C end in a message too."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.cli.main import COMMAND_MODULES
from tests.cli_helpers import REPO

#: one command per subcommand module that writes to standard output on the demo station; a
#: module added later and not listed here runs as ``tongban NAME --help`` (see ``_argv``)
COMMANDS: dict[str, list[str]] = {
    "gui": ["gui", "--help"],
    "init": ["init", "--help"],
    "catalog": ["catalog", "list"],
    "case": ["case", "list", "--json"],
    "card": ["card", "--help"],
    "idcard": ["idcard", "--help"],
    "devices": ["devices", "list"],
    "scan": ["scan", "--help"],
    "photo": ["photo", "--help"],
    "print": ["print", "--list"],
    "sync": ["sync", "status", "--json"],
    "station": ["station", "show"],
    "regions": ["regions", "find", "都匀"],
    "calendar": ["calendar", "show", "2026"],
    "hub": ["hub", "list", "stats", "--json", "--data", "{tmp}/hub"],
    "user": ["user", "list"],
    "audit": ["audit", "list"],
    "db": ["db", "info"],
    "self_test": ["self-test", "--help"],
}


def _run_into_closed_pipe(argv: list[str]) -> subprocess.CompletedProcess[bytes]:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the command writes a byte
    try:
        return subprocess.run(
            [sys.executable, "-m", "desktop.cli.main", *argv],
            stdout=write_end, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=dict(os.environ), cwd=REPO,
            timeout=120,
        )
    finally:
        os.close(write_end)


def _argv(name: str, tmp: Path) -> list[str]:
    default = [name.replace("_", "-"), "--help"]
    return [a.replace("{tmp}", str(tmp)) for a in COMMANDS.get(name, default)]


@pytest.mark.parametrize("name", COMMAND_MODULES)
def test_closed_stdout_ends_quietly(protected_store: Any, tmp_path: Path, name: str) -> None:
    argv = _argv(name, tmp_path)
    done = _run_into_closed_pipe(argv)
    err = done.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in err and "BrokenPipeError" not in err and "Exception ignored" not in err, err
    assert done.returncode in (0, 141), (done.returncode, err)


def test_locked_database_is_a_message(demo_store: Any) -> None:
    """Another process holds the write lock: ``case show`` (which writes its audit entry) waits
    its busy timeout, shortened in the child only, and says the database is in use."""
    from sqlalchemy import select

    from models.orm import Case

    with demo_store.db.read() as session:
        case_no = session.scalar(select(Case.case_no).limit(1))
    holder = sqlite3.connect(demo_store.paths.database)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        done = subprocess.run(
            [sys.executable, "-c",
             "import models.db, sys; models.db.BUSY_TIMEOUT_MS = 300; "
             f"from desktop.cli.main import main; sys.exit(main(['case', 'show', '{case_no}']))"],
            capture_output=True, env=dict(os.environ), cwd=REPO, timeout=120,
        )
    finally:
        holder.rollback()
        holder.close()
    err = done.stderr.decode("utf-8", errors="replace")
    assert done.returncode != 0 and "Traceback" not in err, err
    assert "占用" in err, err


def _reading_stdin(pid: int) -> bool:
    """The process is blocked in read(2) on its standard input (Linux: /proc/PID/syscall)."""
    try:
        return Path(f"/proc/{pid}/syscall").read_text().startswith("0 0x0 ")
    except OSError:
        return False


def test_ctrl_c_is_a_message(protected_store: Any) -> None:
    """SIGINT while ``user add --password-stdin`` waits for the password on a real pipe."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop.cli.main", "user", "add", "extra", "--name", "某某", "--role", "受理员",
         "--password-stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ), cwd=REPO,
    )
    while not _reading_stdin(proc.pid):  # polls the kernel's state, asserts nothing about time
        try:
            proc.wait(timeout=0.02)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"the command ended before asking: {proc.stderr.read() if proc.stderr else ''!r}")
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    text = err.decode("utf-8", errors="replace")
    assert proc.returncode == 130 and "已取消" in text and "Traceback" not in text, text
