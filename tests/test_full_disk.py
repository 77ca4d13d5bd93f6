"""Issue 17 item 14 on a real full disk (a small tmpfs mounted for the test; root only, as
scripts/dev.sh runs the suite): a batch import that fills the disk says how many cases it saved,
and the log file going quiet prints no logging tracebacks on stderr."""

from __future__ import annotations

import csv
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.cli_helpers import REPO
from tests.test_batch_import import SUBSIDY, SUBSIDY_HEADER, subsidy_row


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(disk)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path, leave_kb: int) -> Path:
    """Fill the disk, then give back ``leave_kb`` KiB."""
    filler = disk / "filler"
    with filler.open("wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    os.truncate(filler, max(0, filler.stat().st_size - leave_kb * 1024))
    return filler


def test_batch_import_on_a_full_disk_says_what_was_saved(
    small_disk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.batch_import import BATCH_REF_KEY
    from models.demo import seed_demo
    from models.orm import CaseFieldValue
    from models.store import open_store

    home = small_disk / "home"
    monkeypatch.setenv("TONGBAN_HOME", str(home))
    st = open_store()
    with st.db.write() as session:
        seed_demo(session, st.paths)
    st.close()
    listing = tmp_path / "list.csv"
    with listing.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([SUBSIDY_HEADER] + [subsidy_row(i) for i in range(1, 301)])
    filler = _fill(small_disk, 600)  # room for a chunk or two of 50 cases, not for 300

    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli.main", "case", "import", str(listing), "--item", SUBSIDY],
        capture_output=True, text=True, env={**os.environ, "TONGBAN_HOME": str(home)}, cwd=REPO, timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr, result.stderr
    found = re.search(r"已建立 (\d+) 件办件（共 300 件）后停止：磁盘空间已满", result.stderr)
    assert found, result.stderr
    said = int(found.group(1))
    assert 0 < said < 300 and f"其余 {300 - said} 件" in result.stderr

    filler.unlink()
    st = open_store()
    try:
        with st.db.read() as session:
            saved = session.scalar(select(func.count()).where(CaseFieldValue.key == BATCH_REF_KEY))
    finally:
        st.close()
    assert saved == said  # exactly what the message said, nothing more, nothing less


def test_log_file_on_a_full_disk_prints_no_tracebacks(small_disk: Path, capfd: pytest.CaptureFixture[str]) -> None:
    from desktop.logging_setup import _QuietFileHandler

    handler = _QuietFileHandler(small_disk / "tongban.log", maxBytes=10**9, backupCount=1, encoding="utf-8")
    _fill(small_disk, 0)
    logger = logging.getLogger("tests.full_disk")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for n in range(12):
            logger.warning("entry %d %s", n, "x" * 8192)  # each larger than what is left
    finally:
        logger.removeHandler(handler)
        handler.close()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Logging error" not in err
    assert err.count("日志文件无法写入") == 1
    assert shutil.disk_usage(small_disk).free < 64 * 1024
