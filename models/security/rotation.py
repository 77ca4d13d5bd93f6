"""Rotating the station's data key (after a clerk is disabled, or when a copy is suspected).

A disabled clerk's slot is removed from ``keyring.json``, but the clerk may have copied the
old keyring: with it and the old password, the *old* data key opens any later copy of the
station. Rotation makes a new data key, so that copy opens nothing written from now on.

Re-wrapping the new key for the remaining clerks needs no password: each clerk slot holds an
X25519 key pair (private half sealed under the password, public half in clear), and the new
data key is sealed to every remaining public key (vault.rewrapped). A new recovery key is made,
to be printed and put in the safe; the old one opens nothing new.

Crash safety: everything new is first written into ``key-rotation/`` in the data directory (the
database exported under the new key with sqlcipher_export, every material file re-encrypted,
pre-migration copies in backups/ re-keyed, the new keyring), each file fsynced, and only then a
``COMMITTED`` marker. A crash before the marker leaves the station on the old key (the staging
directory is thrown away by the next rotation); after it, ``finish_pending`` (run by every
``open_store`` before unlocking) moves the staged files into place, which is idempotent, so the
station opens on the new key. Clerks' passwords work on both sides.

The store must be closed in every process: rotation takes SQLite's exclusive lock on the
database and refuses (``auth.rotation_busy``) while the counter or another command has it open.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models import media
from models.errors import UserFacingError
from models.fsutil import fsync_dir, fsync_path
from models.paths import DataPaths
from models.progress import CancelToken, Progress, ProgressFn, no_progress
from models.security import crypto, keys, vault
from models.security.keyring import FILE_NAME, keyring_lock

logger = logging.getLogger(__name__)

STAGING = "key-rotation"
COMMITTED = "COMMITTED"

#: Values sealed with a subkey of the data key inside the database (models/security/keys.py):
#: (table, column, purpose). They are re-sealed under the new key in the staged database.
SEALED_COLUMNS: tuple[tuple[str, str, str], ...] = (("sync_identity", "private_key", "sync-identity"),)


@dataclass(frozen=True)
class RotationResult:
    #: Shown once, to print and keep in the station's safe; never stored.
    recovery_key: str = field(repr=False)
    key_id: str
    media_files: int
    database_copies: int
    #: Material files that could not be decrypted with the old key (copied as they were).
    damaged_files: list[str]
    #: Active clerks whose slot could not be re-wrapped (no key pair yet): an admin resets their password.
    need_password_reset: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "recovery_key": self.recovery_key,
            "key_id": self.key_id,
            "media_files": self.media_files,
            "database_copies": self.database_copies,
            "damaged_files": self.damaged_files,
            "need_password_reset": self.need_password_reset,
        }


def staging_dir(paths: DataPaths) -> Path:
    return paths.root / STAGING


def rotate_data_key(
    paths: DataPaths,
    old_key: bytes,
    *,
    actor: Any = None,
    reason: str = "manual",
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> RotationResult:
    """Replace the data key everywhere (see the module docstring). ``old_key`` is the current one
    (from an unlocked store, which the caller has closed). ``actor`` is recorded in the audit log."""
    from models.db import cipher_dbapi, key_pragma

    finish_pending(paths)  # an earlier rotation that was interrupted after its commit
    ring = vault.load_keyring(paths)
    if vault.key_id(old_key) != ring.key_id:
        raise UserFacingError("auth.keyring_damaged")
    stage = staging_dir(paths)
    if stage.exists():
        shutil.rmtree(stage)  # an earlier rotation that stopped before its commit: nothing of it counts
    stage.mkdir()
    new_key = crypto.new_data_key()
    staged_db = stage / paths.database.name
    con = cipher_dbapi().connect(str(paths.database), timeout=1.0, isolation_level=None)
    ring_lock = contextlib.ExitStack()
    try:
        con.execute(f"PRAGMA key = {key_pragma(old_key)}")
        con.execute(f"ATTACH DATABASE ? AS enc KEY {key_pragma(new_key)}", (str(staged_db),))
        con.execute("PRAGMA main.locking_mode=EXCLUSIVE")
        try:
            con.execute("BEGIN EXCLUSIVE")
        except Exception as exc:  # sqlcipher3's OperationalError: another connection has the file open
            raise UserFacingError("auth.rotation_busy") from exc
        logins = [row[0] for row in con.execute("SELECT login FROM clerk WHERE active = 1 ORDER BY id")]
        con.execute("SELECT sqlcipher_export('enc')")
        con.execute("COMMIT")
        con.execute("DETACH DATABASE enc")
        # Keep the exclusive lock while the rest is staged: no one writes to the old file meanwhile.
        con.execute("BEGIN EXCLUSIVE")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if cancel:
            cancel.check()
        fsync_path(staged_db)
        _finish_staged_database(staged_db, old_key, new_key, actor, reason, len(logins))
        copies = _stage_database_copies(paths, stage, old_key, new_key)
        _stage_sealed_files(paths, stage, old_key, new_key)
        done, damaged = _stage_media(paths, stage, old_key, new_key, progress, cancel)
        if cancel:
            cancel.check()
        # From the keyring's last read to the switch-over, no one else writes it: a password
        # set meanwhile is re-wrapped too, and nothing can put the old keyring back afterwards.
        ring_lock.enter_context(keyring_lock(paths.root))
        ring = vault.load_keyring(paths)
        if vault.key_id(old_key) != ring.key_id:
            raise UserFacingError("auth.keyring_damaged")
        new_ring, recovery, skipped = vault.rewrapped(ring, new_key, logins)
        new_ring.path = stage / FILE_NAME
        new_ring.save()
        media.write_durably(stage / COMMITTED, vault.key_id(new_key).encode("ascii"))
        fsync_dir(paths.root)
        con.execute("ROLLBACK")
    except BaseException:
        try:
            con.close()
        finally:
            shutil.rmtree(stage, ignore_errors=True)
            ring_lock.close()
        raise
    con.close()
    # ---- committed: from here on the station opens on the new key, even after a crash ----
    logger.info("data key rotated (%s): %s material files, %s database copies", reason, done, copies)
    with ring_lock:
        finish_pending(paths, progress)
    from models import db

    db.register_key(paths.database, new_key)
    media.register_key(paths.media, new_key)
    return RotationResult(recovery, vault.key_id(new_key), done, copies, damaged, skipped)


def finish_pending(paths: DataPaths, progress: ProgressFn = no_progress) -> bool:
    """Move a committed rotation's staged files into place (idempotent; True if there was one)."""
    stage = staging_dir(paths)
    if not (stage / COMMITTED).exists():
        return False
    with keyring_lock(paths.root):  # the rotating process may still be switching over
        if not (stage / COMMITTED).exists():
            return False
        _switch_over(paths, stage, progress)
    return True


def _switch_over(paths: DataPaths, stage: Path, progress: ProgressFn) -> None:
    staged = [p for p in stage.rglob("*") if p.is_file() and p.name != COMMITTED]
    database = stage / paths.database.name
    ring = stage / FILE_NAME
    # Material files and copies first, then the database, the keyring last.
    order = sorted(p for p in staged if p not in (database, ring)) + [p for p in (database, ring) if p in staged]
    for n, src in enumerate(order, start=1):
        target = paths.root / src.relative_to(stage)
        target.parent.mkdir(parents=True, exist_ok=True)
        if src == database:
            # The old file's WAL was checkpointed under the exclusive lock; its frames are under
            # the old key and must never be applied to the new file.
            for suffix in ("-wal", "-shm"):
                target.with_name(target.name + suffix).unlink(missing_ok=True)
        try:
            os.replace(src, target)
        except FileNotFoundError:
            continue  # another process finished this one
        fsync_dir(target.parent)
        progress(Progress(n, len(order), "切换到新密钥"))
    (stage / COMMITTED).unlink(missing_ok=True)
    shutil.rmtree(stage, ignore_errors=True)
    fsync_dir(paths.root)
    logger.info("key rotation switched over: %s files", len(order))


# ---- staging ----


def _finish_staged_database(
    staged_db: Path, old_key: bytes, new_key: bytes, actor: Any, reason: str, clerks: int
) -> None:
    """Re-seal sealed secrets and record the rotation in the new file's audit log."""
    from models import audit
    from models.db import Database, register_key

    register_key(staged_db, new_key)
    database = Database(staged_db)
    try:
        with database.write() as session:
            for table, column, purpose in SEALED_COLUMNS:
                rows = session.connection().exec_driver_sql(f"SELECT rowid, {column} FROM {table}").fetchall()
                for rowid, value in rows:
                    if isinstance(value, str) and value.startswith(keys.PREFIX):
                        fresh = keys.reseal(value, purpose, old_key, new_key)
                        session.connection().exec_driver_sql(
                            f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (fresh, rowid)
                        )
            audit.record(
                session,
                "key.rotate",
                "station",
                clerk=actor,
                detail={"reason": reason, "key_id": vault.key_id(new_key), "clerks": clerks},
            )
    finally:
        database.dispose()
        register_key(staged_db, None)
    for suffix in ("-wal", "-shm"):  # closing the last connection checkpointed the WAL
        leftover = staged_db.with_name(staged_db.name + suffix)
        if leftover.exists() and leftover.stat().st_size:
            raise UserFacingError("auth.keyring_damaged")
        leftover.unlink(missing_ok=True)
    fsync_path(staged_db)


def _stage_sealed_files(paths: DataPaths, stage: Path, old_key: bytes, new_key: bytes) -> None:
    """Side files sealed with the data key (models/security/keys.py SEALED_FILES), re-sealed."""
    for name, purpose in keys.SEALED_FILES:
        try:
            stored = (paths.root / name).read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        if stored.startswith(keys.PREFIX):
            media.write_durably(stage / name, keys.reseal(stored, purpose, old_key, new_key).encode("utf-8"))


def _stage_database_copies(paths: DataPaths, stage: Path, old_key: bytes, new_key: bytes) -> int:
    """Pre-migration copies in backups/ (``*.sqlite3``) re-keyed; zip backups carry their own
    keyring and stay as they are (docs/security.md)."""
    from models.db import cipher_dbapi, key_pragma

    count = 0
    if not paths.backups.exists():
        return 0
    for copy in sorted(paths.backups.glob("*.sqlite3")):
        if vault.is_plaintext_database(copy):
            continue
        target = stage / copy.relative_to(paths.root)
        target.parent.mkdir(parents=True, exist_ok=True)
        con = cipher_dbapi().connect(str(copy))
        try:
            con.execute(f"PRAGMA key = {key_pragma(old_key)}")
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            con.execute(f"ATTACH DATABASE ? AS enc KEY {key_pragma(new_key)}", (str(target),))
            con.execute("SELECT sqlcipher_export('enc')")
            con.execute("DETACH DATABASE enc")
        except Exception:  # sqlcipher3's DatabaseError: a copy under an even older key, or damaged
            logger.warning("database copy %s not re-keyed (not readable with the current key)", copy.name)
            target.unlink(missing_ok=True)
            continue
        finally:
            con.close()
        fsync_path(target)
        count += 1
    return count


def _stage_media(
    paths: DataPaths, stage: Path, old_key: bytes, new_key: bytes, progress: ProgressFn, cancel: CancelToken | None
) -> tuple[int, list[str]]:
    if not paths.media.exists():
        return 0, []
    files = sorted(
        p
        for p in paths.media.rglob("*")
        if p.is_file() and not p.name.startswith(media.TEMP_PREFIX) and len(p.name) == 64
    )
    damaged: list[str] = []
    for n, path in enumerate(files, start=1):
        if cancel:
            cancel.check()
        raw = path.read_bytes()
        try:
            payload = media.recrypt(raw, path.name, old_key, new_key)
        except UserFacingError:
            damaged.append(path.name[:12])
            payload = raw  # unreadable either way; `tongban db check --deep` reports it
        media.write_durably(stage / path.relative_to(paths.root), payload)
        progress(Progress(n, len(files), "重新加密材料文件"))
    return len(files), damaged
