"""Durable file writes: fsync a file or a directory, and write a file atomically.

One place for the sequence every durable write here follows (material files, the
pre-migration restore, key rotation, the hub's media, USB bundles): write a temp file in the
target's directory, fsync it, rename it over the target, fsync the directory so the rename
itself survives a power cut. A failure leaves the old file (or nothing) under the final name,
never half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


def fsync_path(path: Path) -> None:
    """Flush a file (or, on POSIX, a directory) that is already written to stable storage."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path, *, best_effort: bool = False) -> None:
    """Make renames and new entries in ``path`` durable. Windows cannot open a directory for
    fsync (NTFS journals renames), so this does nothing there. With ``best_effort`` a file
    system that refuses (some USB sticks) is not an error."""
    if os.name != "posix":
        return
    if not best_effort:
        fsync_path(path)
        return
    with contextlib.suppress(OSError):
        fsync_path(path)


def atomic_write(
    target: Path,
    payload: bytes | Callable[[IO[bytes]], object],
    *,
    prefix: str | None = None,
    suffix: str = "",
    best_effort_dir_sync: bool = False,
) -> None:
    """Write ``payload`` (bytes, or a function writing to the open file) to ``target``: temp file
    beside it (``prefix`` defaults to ``.<name>.``), fsync, rename, directory fsync. The
    directory must exist. On any failure the temp file is removed and the error propagates."""
    temp_prefix = f".{target.name}." if prefix is None else prefix
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix, suffix=suffix, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(payload, bytes):
                fh.write(payload)
            else:
                payload(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(target.parent, best_effort=best_effort_dir_sync)
