"""Material files stored outside the database, content-addressed by sha256.

A file is written to a temp file in the same directory, fsynced, renamed into place and
the directory fsynced; only then may a MaterialFile row reference it. A power cut leaves
either the whole file or nothing (plus possibly a temp file, which ``tongban db check``
removes).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from models.diskspace import ensure_room
from models.errors import UserFacingError

TEMP_PREFIX = ".incoming-"


def media_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256[2:4] / sha256


def store_bytes(root: Path, data: bytes) -> str:
    """Store ``data`` durably; returns its sha256. Storing the same bytes twice is a no-op."""
    digest = hashlib.sha256(data).hexdigest()
    target = media_path(root, digest)
    if target.exists() and target.stat().st_size == len(data):
        return digest
    ensure_room(root, len(data))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
    except OSError as exc:
        raise UserFacingError("media.write_failed", reason=exc.strerror or str(exc)) from exc
    return digest


def read_verified(root: Path, sha256: str) -> bytes:
    data = media_path(root, sha256).read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise UserFacingError("media.corrupt", sha256=sha256[:12])
    return data


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory for fsync; NTFS journals renames
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
