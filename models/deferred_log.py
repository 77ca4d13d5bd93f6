"""Audit and print-log entries that could not be written yet: kept, then added to the chain.

A station whose data directory is read-only (a write-protected stick, a failing disk remounted
read-only) or whose disk is full still lets a clerk sign in, search, view and print
(docs/reliability.md, "Read-only mode"). Each of those is audited (issue 9) and a print is also
logged; when the database refuses the write (``db.read_only``, ``db.disk_full``) the entry is
*deferred* instead of lost:

- it is kept in memory for this database, and appended to a spool file (one JSON line, fsynced):
  ``pending-log.jsonl`` in the data directory when that can be written (a disk that is merely
  full may still take a line, or not; never tried on a store opened read-only), otherwise in a
  directory outside it
  (``TONGBAN_SPOOL_DIR`` or the system temp directory, ``tongban-pending/<db hash>.jsonl``).
  On a protected station every line is sealed with AES-GCM under a subkey of the data key, so the
  spool reveals nothing and an edited line is refused;
- the application log says an entry was deferred (action and count only, no personal data);
- the next write that succeeds on this database (the next login, print, lock, unlock …, or
  ``flush``) first appends every deferred entry, memory and spool, to the audit log with its
  original time, in time order, in the same transaction; each carries ``"deferred": <id>`` in
  its detail, which also makes a flush that was interrupted after its commit harmless (entries
  already in the log are skipped). Only after the commit are the spool files removed.

Limits (docs/security.md): a spool line deleted before it is flushed is not detected, and
entries kept only in memory (no spool could be written anywhere) are lost when the program
exits; both cases are logged when they happen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import secrets
import stat
import tempfile
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit, clock
from models.db import Database, key_for
from models.errors import DatabaseError

logger = logging.getLogger(__name__)

#: Environment variable: where spool files go when the data directory cannot be written.
ENV_SPOOL_DIR = "TONGBAN_SPOOL_DIR"
SPOOL_NAME = "pending-log.jsonl"
#: Database errors that mean "not now", not "never": the entry is deferred.
DEFERRABLE = frozenset({"db.read_only", "db.disk_full"})
_AAD = b"tongban-deferred-log/v1"


@dataclass(frozen=True)
class Deferred:
    """One entry waiting for the store to become writable. ``printed`` is set for a print."""

    id: str
    at: dt.datetime
    action: str
    target: str
    clerk_login: str | None
    clerk_role: str | None
    detail: dict[str, Any] = field(default_factory=dict)
    #: A print's log row: case_id, document, clerk_id, copies, reprint, sha256, reason.
    printed: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.astimezone(dt.UTC).isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Deferred:
        return cls(**{**data, "at": dt.datetime.fromisoformat(data["at"])})


@dataclass(frozen=True)
class _Actor:
    login: str
    role: str


_lock = threading.RLock()
_memory: dict[str, list[Deferred]] = {}


def new_entry(
    action: str,
    target: str,
    *,
    clerk: audit.Actor | None,
    detail: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
    printed: dict[str, Any] | None = None,
) -> Deferred:
    return Deferred(
        id=secrets.token_hex(8),
        at=at or clock.now(),
        action=action,
        target=target[:80],
        clerk_login=clerk.login if clerk is not None else None,
        clerk_role=str(getattr(clerk.role, "value", clerk.role)) if clerk is not None else None,
        detail=dict(detail or {}),
        printed=printed,
    )


def record_audit(
    db: Database,
    action: str,
    target: str,
    *,
    clerk: audit.Actor | None,
    detail: dict[str, Any] | None = None,
) -> bool:
    """Append an audit entry now (after any deferred ones), or defer it. True: written now."""
    entry = new_entry(action, target, clerk=clerk, detail=detail)

    def write(session: Session) -> None:
        audit.record(session, action, target, clerk=clerk, detail=detail, at=entry.at)

    return write_or_defer(db, lambda: entry, write)


def write_or_defer(db: Database, entry: Callable[[], Deferred], write: Callable[[Session], None]) -> bool:
    """Run ``write`` in a write transaction that first flushes what was deferred; when the
    store cannot be written, keep ``entry()`` instead. True: written now."""
    if not db.read_only:
        try:
            with db.write() as session:
                done = _flush_into(session, db)
                write(session)
        except DatabaseError as exc:
            if exc.code not in DEFERRABLE:
                raise
        else:
            _forget(db, done)
            return True
    defer(db, entry())
    return False


def flush(db: Database) -> int:
    """Append every deferred entry of ``db`` to the audit log now; returns how many were written.

    Raises the database's error when the store still cannot be written."""
    if db.read_only or not pending(db):
        return 0
    with db.write() as session:
        done = _flush_into(session, db)
    _forget(db, done)
    return len(done.ids)


def pending(db: Database) -> list[Deferred]:
    """What is waiting for ``db``, in time order: this process's entries and any spool files."""
    with _lock:
        entries = {e.id: e for e in _memory.get(_key(db), [])}
    for path in _spool_files(db):
        for e in _read_spool(db, path)[0]:
            entries.setdefault(e.id, e)
    return sorted(entries.values(), key=lambda e: (e.at, e.id))


def was_printed(db: Database, case_id: int | None, document: str) -> bool:
    """A deferred print of ``document`` for the case: the next one is a reprint."""
    if case_id is None:
        return False
    return any(e.printed and e.printed["case_id"] == case_id and e.printed["document"] == document for e in pending(db))


def defer(db: Database, entry: Deferred) -> None:
    with _lock:
        _memory.setdefault(_key(db), []).append(entry)
        count = len(_memory[_key(db)])
        where = _spool(db, entry)
    if where is None:
        logger.error(
            "%s deferred in memory only (no spool writable; lost if the program exits); %d pending", entry.action, count
        )
    else:
        logger.warning(
            "%s deferred: the store cannot be written now (spooled to %s); %d pending",
            entry.action,
            "the data directory" if where.parent == db.path.parent else "the spool directory",
            count,
        )


# ---- internals ----


def _key(db: Database) -> str:
    return str(db.path.resolve())


def spool_dirs(db: Database) -> list[Path]:
    """Where spool files of ``db`` may be: the data directory, then the fallback directory (in
    the shared temp directory, one per user: ``tongban-pending-<uid>``)."""
    owner = f"-{os.getuid()}" if hasattr(os, "getuid") else ""
    base = Path(os.environ.get(ENV_SPOOL_DIR) or Path(tempfile.gettempdir()) / f"tongban-pending{owner}")
    return [db.path.parent, base]


#: Spool files are never opened through a symlink (one planted in the shared fallback directory
#: would otherwise redirect the append, issue 17 item 17).
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _private_dir(directory: Path) -> bool:
    """Create ``directory`` (0700) if needed; True only if it is a real directory of this user
    that no one else can write (else a spool there could be swapped or planted)."""
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name != "posix":
            return True  # the user's own temp directory
        st = os.lstat(directory)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o022:
        logger.warning("spool directory refused: not a private directory of this user")
        return False
    return True


def _spool_path(db: Database, directory: Path) -> Path:
    if directory == db.path.parent:
        return directory / SPOOL_NAME
    return directory / f"{hashlib.sha256(_key(db).encode()).hexdigest()[:16]}.jsonl"


def _spool_files(db: Database) -> list[Path]:
    found = []
    for path in (_spool_path(db, d) for d in spool_dirs(db)):
        try:
            if stat.S_ISREG(os.lstat(path).st_mode):  # a symlink is not one of ours
                found.append(path)
        except OSError:
            continue
    return found


def _seal_key(db: Database) -> bytes | None:
    from models.security.crypto import subkey

    key = key_for(db.path)
    return subkey(key, "deferred-log") if key is not None else None


def _encode(db: Database, entry: Deferred) -> bytes:
    from models.security.crypto import b64, seal

    plain = json.dumps(entry.as_json(), ensure_ascii=False, sort_keys=True).encode("utf-8")
    key = _seal_key(db)
    line = {"v": 1, "sealed": b64(seal(key, plain, _AAD))} if key is not None else {"v": 1, "entry": entry.as_json()}
    return json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n"


def _spool(db: Database, entry: Deferred) -> Path | None:
    line = _encode(db, entry)
    # A store opened read-only was opened so because its directory could not be written.
    for directory in spool_dirs(db)[1:] if db.read_only else spool_dirs(db):
        path = _spool_path(db, directory)
        if directory != db.path.parent and not _private_dir(directory):
            continue
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | _NOFOLLOW, 0o600)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError:
            continue
        return path
    return None


def _read_spool(db: Database, path: Path) -> tuple[list[Deferred], int]:
    """The entries of one spool file and how many lines could not be read."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
        with os.fdopen(fd, "rb") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return [], 1
    return _read_spool_lines(db, lines)


def _read_spool_lines(db: Database, lines: list[bytes]) -> tuple[list[Deferred], int]:
    from models.security.crypto import DecryptError, unb64, unseal

    key = _seal_key(db)
    out: list[Deferred] = []
    bad = 0
    for raw in lines:
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
            if "sealed" in line:
                if key is None:
                    raise ValueError("sealed line, no key")
                data = json.loads(unseal(key, unb64(line["sealed"]), _AAD))
            else:
                if key is not None:
                    raise ValueError("a plain line in a protected station's spool")
                data = line["entry"]
            out.append(Deferred.from_json(data))
        except (ValueError, KeyError, TypeError, DecryptError):
            bad += 1  # a line cut short by a crash, or edited: kept aside, never trusted
    return out, bad


@dataclass
class _Flushed:
    """What a flush wrote, and what to do with the spool files once it has committed."""

    ids: set[str] = field(default_factory=set)
    remove: list[Path] = field(default_factory=list)
    set_aside: list[Path] = field(default_factory=list)


def _flush_into(session: Session, db: Database) -> _Flushed:
    """Append what is deferred to the audit (and print) log in ``session``."""
    with _lock:
        entries = {e.id: e for e in _memory.get(_key(db), [])}
    done = _Flushed()
    for path in _spool_files(db):
        read, bad = _read_spool(db, path)
        for e in read:
            entries.setdefault(e.id, e)
        if bad:
            logger.error("%d unreadable line(s) in a deferred-log spool file; it is set aside", bad)
            done.set_aside.append(path)
        else:
            done.remove.append(path)
    for entry in sorted(entries.values(), key=lambda e: (e.at, e.id)):
        if not _already_logged(session, entry.id):
            _write(session, entry)
        done.ids.add(entry.id)
    if done.ids:
        logger.info("%d deferred log entries added to the audit log", len(done.ids))
    return done


def _already_logged(session: Session, entry_id: str) -> bool:
    from models.orm import AuditEntry

    marker = f'"deferred":"{entry_id}"'
    return session.scalar(select(AuditEntry.id).where(AuditEntry.detail.contains(marker)).limit(1)) is not None


def _write(session: Session, entry: Deferred) -> None:
    from models.orm import Case, Clerk, PrintLog

    actor = _Actor(entry.clerk_login, entry.clerk_role or "") if entry.clerk_login else None
    if entry.printed is not None:
        p = entry.printed
        # Rows that went away meanwhile must not block the log (the target still names them).
        case_id = p["case_id"] if p["case_id"] is not None and session.get(Case, p["case_id"]) is not None else None
        clerk_id = (
            p["clerk_id"] if p["clerk_id"] is not None and session.get(Clerk, p["clerk_id"]) is not None else None
        )
        session.add(
            PrintLog(
                case_id=case_id,
                document=p["document"],
                clerk_id=clerk_id,
                at=entry.at,
                copies=p["copies"],
                reprint=p["reprint"],
                sha256=p["sha256"],
                reason=p["reason"],
            )
        )
        session.flush()
    audit.record(
        session, entry.action, entry.target, clerk=actor, detail={**entry.detail, "deferred": entry.id}, at=entry.at
    )


def _forget(db: Database, done: _Flushed) -> None:
    """After the commit: drop what was written from memory, remove the spool files."""
    with _lock:
        left = [e for e in _memory.get(_key(db), []) if e.id not in done.ids]
        if left:
            _memory[_key(db)] = left
        else:
            _memory.pop(_key(db), None)
        for path in done.set_aside:
            _set_aside(path)
        for path in done.remove:
            _drop_from_spool(db, path, done.ids)


def _drop_from_spool(db: Database, path: Path, ids: set[str]) -> None:
    """Remove the flushed entries from a spool file (under ``_lock``): delete it when nothing is
    left, else keep the lines deferred after the flush read it."""
    try:
        lines = path.read_bytes().splitlines(keepends=True)
    except OSError:
        return
    keep = []
    for raw in lines:
        entries, _bad = _read_spool_lines(db, [raw])
        if not entries or entries[0].id not in ids:
            keep.append(raw)
    try:
        if not any(x.strip() for x in keep):
            path.unlink()
        else:
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_bytes(b"".join(keep))
            os.replace(tmp, path)
    except OSError:  # flushed entries are skipped by id next time
        logger.warning("a flushed deferred-log spool file could not be cleaned up")


def _set_aside(path: Path) -> None:
    stamp = clock.now().strftime("%Y%m%d%H%M%S")
    try:
        path.rename(path.with_name(f"{path.name}.unreadable-{stamp}"))
    except OSError:
        logger.warning("an unreadable deferred-log spool file could not be set aside")
