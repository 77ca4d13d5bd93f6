"""``tongban db check``: what is wrong with the store, and what is safe to fix.

Checks SQLite's own integrity and foreign keys, that every material file the database
references exists with the right size and hash, and finds media files nobody references
(left by a crash between writing the file and committing its row) and temp files of
interrupted writes. Only temp files and unreferenced media older than a grace period are
removed with ``fix=True``: the data the clerk saw saved is never touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, text

from models.db import Database
from models.media import TEMP_PREFIX, file_intact, media_path
from models.orm import MaterialFile

GRACE = dt.timedelta(hours=1)


@dataclass
class CheckReport:
    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)
    corrupt_files: list[str] = field(default_factory=list)
    orphan_files: list[str] = field(default_factory=list)
    temp_files: list[str] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.integrity or self.foreign_keys or self.missing_files or self.corrupt_files)

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "integrity": self.integrity,
            "foreign_keys": self.foreign_keys,
            "missing_files": self.missing_files,
            "corrupt_files": self.corrupt_files,
            "orphan_files": self.orphan_files,
            "temp_files": self.temp_files,
            "fixed": self.fixed,
        }


def check_store(db: Database, media_root: Path, deep: bool = False, fix: bool = False) -> CheckReport:
    report = CheckReport()
    with db.read() as session:
        rows = session.execute(text("PRAGMA integrity_check")).scalars().all()
        report.integrity = [r for r in rows if r != "ok"]
        report.foreign_keys = [str(tuple(r)) for r in session.execute(text("PRAGMA foreign_key_check"))]
        files = session.execute(select(MaterialFile.sha256, MaterialFile.size)).all()
    referenced = set()
    for sha, size in files:
        referenced.add(sha)
        path = media_path(media_root, sha)
        if not path.exists():
            report.missing_files.append(sha)
        elif not file_intact(media_root, sha, size, deep):  # decrypts on a protected store
            report.corrupt_files.append(sha)
    cutoff = dt.datetime.now().timestamp() - GRACE.total_seconds()
    if media_root.exists():
        for path in media_root.rglob("*"):
            if not path.is_file():
                continue
            if path.name.startswith(TEMP_PREFIX):
                report.temp_files.append(str(path.relative_to(media_root)))
                if fix and path.stat().st_mtime < cutoff:
                    path.unlink()
                    report.fixed.append(f"removed temp {path.name}")
            elif path.name not in referenced:
                report.orphan_files.append(path.name)
    return report
