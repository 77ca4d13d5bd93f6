"""Scratch directories of backup, verify and restore inside the data directory, and cleaning
up what a killed process left (issue 17 item 13). Kept apart from models/backup.py so that
``open_store`` can clean up without importing the backup module (no import cycle)."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import filelock

from models.paths import DataPaths


def _scratch(paths: DataPaths) -> Path:
    paths.root.mkdir(parents=True, exist_ok=True)
    return paths.root


#: Temporaries of backup, verify and restore: ``<data dir>/.tongban-<kind>-*``, each holding a lock
#: while in use; one left by a killed process is removed by ``clean_leftovers``.
SCRATCH_PREFIX = ".tongban-"
SCRATCH_KINDS = ("backup", "verify", "restore-check")
_SCRATCH_LOCK = ".in-use"


@contextlib.contextmanager
def scratch_dir(paths: DataPaths, kind: str) -> Iterator[Path]:
    with _scratch_in(_scratch(paths), kind) as tmp:
        yield tmp


@contextlib.contextmanager
def _scratch_in(parent: Path, kind: str) -> Iterator[Path]:
    """A private temporary directory in ``parent`` (0700), locked while in use (so a cleaner in
    another process leaves it alone) and removed afterwards."""
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{kind}-", dir=parent))
    lock = filelock.FileLock(tmp / _SCRATCH_LOCK)
    try:
        with lock:
            yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def clean_leftovers(paths: DataPaths) -> list[str]:
    """Remove what a killed backup, verify or restore left: its scratch directories (encrypted
    snapshots) in the data directory and ``backups/*.zip.partial``. Run at every start and by
    ``db check --fix``; a directory still in use by a live process is locked and kept."""
    removed: list[str] = []
    candidates = [d for kind in SCRATCH_KINDS for d in paths.root.glob(f"{SCRATCH_PREFIX}{kind}-*") if d.is_dir()]
    for leftover in candidates:
        lock = filelock.FileLock(leftover / _SCRATCH_LOCK)
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:
            continue  # a backup running in another process
        except OSError:
            continue
        try:
            shutil.rmtree(leftover, ignore_errors=True)
        finally:
            lock.release()
        removed.append(leftover.name)
    if paths.backups.is_dir():
        for partial in paths.backups.glob("*.zip.partial"):
            if _partial_in_use(partial):
                continue
            partial.unlink(missing_ok=True)
            removed.append(f"backups/{partial.name}")
    return removed


def _partial_in_use(partial: Path) -> bool:
    """A ``.zip.partial`` whose backup still runs: its scratch directory is locked."""
    for kind_dir in partial.parents[1].glob(f"{SCRATCH_PREFIX}backup-*"):
        lock = filelock.FileLock(kind_dir / _SCRATCH_LOCK)
        try:
            lock.acquire(timeout=0)
        except (filelock.Timeout, OSError):
            return True
        lock.release()
    return False


