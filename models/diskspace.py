"""Free disk space: warn before the disk is full, refuse a write that would fill it.

Village PCs have small disks; SQLite and the media store fail badly at 0 bytes free, so
writes stop at a floor well above that and the clerk is told early (threshold in settings).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from models.errors import UserFacingError

MB = 1024 * 1024
#: Below this nothing more is written: room for SQLite's WAL and a checkpoint.
HARD_FLOOR_BYTES = 50 * MB


@dataclass(frozen=True)
class DiskStatus:
    free: int
    warn_below: int

    @property
    def low(self) -> bool:
        return self.free < self.warn_below

    @property
    def free_mb(self) -> int:
        return self.free // MB


def disk_status(path: Path, warn_mb: int) -> DiskStatus:
    target = path if path.exists() else path.parent
    return DiskStatus(shutil.disk_usage(target).free, warn_mb * MB)


def ensure_room(path: Path, needed: int, floor: int | None = None) -> None:
    """Raise ``disk.full`` when writing ``needed`` bytes would leave less than ``floor`` free."""
    existing = path
    while not existing.exists():
        existing = existing.parent
    free = shutil.disk_usage(existing).free
    if free - needed < (HARD_FLOOR_BYTES if floor is None else floor):
        raise UserFacingError("disk.full", free_mb=free // MB)


def is_writable(directory: Path) -> bool:
    """True when a file can actually be created there (os.access lies on some mounts)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        probe = directory / ".write-probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return False
    return True
