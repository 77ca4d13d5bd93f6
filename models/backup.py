"""Backups: a consistent database snapshot plus the material files, verified, rotated.

A backup is one zip file: ``tongban.sqlite3`` (taken with SQLite's online backup API, so it
is consistent while the counter works), every referenced material file under ``media/``,
``keyring.json`` on a protected station, and ``manifest.json`` with the schema revision,
station code and the sha256 of every entry as stored. Everything is copied as protected as it
is on disk: the database copy is encrypted with the station's data key (SQLCipher) and the
material files stay AES-GCM encrypted (docs/security.md), so a lost USB stick reveals nothing;
the keyring inside only opens with a clerk's password or the recovery key.

Restore first checks every entry's name against the manifest and the layout above (anything
else, such as ``media/../..`` or an absolute path, refuses the whole file: no zip slip) and
every hash; then who asks (``authorize_restore``): whenever a station exists, an admin clerk of
it or its recovery key; the backup's own keyring must open with the same credentials (on a new
PC that is the only check), and SQLite's integrity is checked with the key it gives. It then
keeps a copy of the current database and keyring (a file copy, so a corrupt or encrypted
database is kept too), and swaps the files in atomically; an older schema is migrated when the
store is next opened.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models import clock
from models.db import connect_raw, key_for
from models.errors import UserFacingError
from models.fsutil import fsync_dir, fsync_path
from models.media import media_path
from models.migrate import backup_database, head_revision
from models.paths import DataPaths
from models.progress import CancelToken, Progress, ProgressFn, no_progress
from models.scratch import _scratch_in, scratch_dir

if TYPE_CHECKING:
    from models.security.auth import ClerkSession
    from models.security.vault import Credentials

DB_NAME = "tongban.sqlite3"
KEYRING = "keyring.json"
MANIFEST = "manifest.json"
FORMAT = 1
#: The only names a backup may hold besides the manifest (and each must be in the manifest).
MEDIA_ENTRY = re.compile(r"media/[0-9a-f]{64}")
#: Daily backups kept; pre-migration/manual ones are kept separately.
KEEP_DAILY = 7
KEEP_OTHER = 10


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: str
    revision: str | None
    station_code: str | None
    cases: int
    media_files: int
    bytes: int
    encrypted: bool = False
    #: PRAGMA integrity_check ran (it needs the data key on an encrypted backup)
    integrity_checked: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "created": self.created,
            "revision": self.revision,
            "station_code": self.station_code,
            "cases": self.cases,
            "media_files": self.media_files,
            "bytes": self.bytes,
            "encrypted": self.encrypted,
            "integrity_checked": self.integrity_checked,
        }


def create_backup(
    paths: DataPaths,
    out_dir: Path | None = None,
    label: str = "manual",
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> BackupInfo:
    """Write a verified backup zip into ``out_dir`` (default: the data directory's backups/)."""
    out_dir = out_dir or paths.backups
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    target = out_dir / f"tongban-{label}-{stamp}.zip"
    key = key_for(paths.database)
    with scratch_dir(paths, "backup") as tmp:
        snap = backup_database(paths.database, tmp, "snapshot")  # keyed like the live file
        facts = _db_facts(snap, key)
        shas = _media_hashes(snap, key)
        entries: dict[str, str] = {DB_NAME: _sha_file(snap)}
        keyring = paths.root / KEYRING
        partial = target.with_name(target.name + ".partial")
        try:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                zf.write(snap, DB_NAME)
                if keyring.exists():
                    zf.write(keyring, KEYRING)
                    entries[KEYRING] = _sha_file(keyring)
                for n, sha in enumerate(shas, start=1):
                    if cancel:
                        cancel.check()
                    src = media_path(paths.media, sha)
                    if not src.exists():
                        continue  # reported by `tongban db check`; the backup holds what exists
                    zf.write(src, f"media/{sha}", compress_type=zipfile.ZIP_STORED)  # photos are compressed
                    entries[f"media/{sha}"] = _sha_file(src)  # of the bytes as stored (encrypted or not)
                    progress(Progress(n, len(shas), "材料文件"))
                manifest = {
                    "format": FORMAT,
                    "created": stamp,
                    "encrypted": key is not None,
                    **facts,
                    "entries": entries,
                }
                zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            fsync_path(partial)
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return verify_backup(target, key, scratch=paths.root)


def verify_backup(path: Path, key: bytes | None = None, *, scratch: Path | None = None) -> BackupInfo:
    """Check every hash, and the database's integrity when it can be opened (plaintext, or
    ``key`` given for an encrypted backup); raise backup.* errors when damaged. ``scratch``: the
    data directory, where the database is extracted for the check (default: the backup's own
    directory; never the shared temp directory)."""
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read(MANIFEST))
            check_layout(zf.namelist(), manifest)
            for name, sha in manifest["entries"].items():
                digest = hashlib.sha256()
                with zf.open(name) as fh:
                    for chunk in iter(lambda: fh.read(1 << 20), b""):
                        digest.update(chunk)
                if digest.hexdigest() != sha:
                    raise UserFacingError("backup.damaged", entry=name)
            encrypted = bool(manifest.get("encrypted"))
            checked = not encrypted or key is not None
            if checked:
                with _scratch_in(scratch or path.parent, "verify") as tmp:
                    zf.extract(DB_NAME, tmp)
                    con = connect_raw(tmp / DB_NAME, key=key)
                    try:
                        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
                    except Exception:  # sqlite3's or sqlcipher3's DatabaseError: wrong key, damaged page
                        ok = "cannot open"
                    finally:
                        con.close()
                    if ok != "ok":
                        raise UserFacingError("backup.damaged", entry=DB_NAME)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UserFacingError("backup.unreadable", name=path.name) from exc
    media = sum(1 for n in manifest["entries"] if n.startswith("media/"))
    return BackupInfo(
        path=path,
        created=manifest["created"],
        revision=manifest.get("revision"),
        station_code=manifest.get("station_code"),
        cases=int(manifest.get("cases", 0)),
        media_files=media,
        bytes=path.stat().st_size,
        encrypted=encrypted,
        integrity_checked=checked,
    )


def check_layout(names: list[str], manifest: dict[str, Any]) -> None:
    """Every entry is the manifest, the database, the keyring or ``media/<sha256>``, listed in
    the manifest, each once; nothing else (``media//abs``, ``media/../..``, a second copy)."""
    entries = manifest.get("entries")
    if not isinstance(entries, dict) or DB_NAME not in entries:
        raise UserFacingError("backup.bad_entry", entry=DB_NAME)
    for name in entries:
        if not (name in (DB_NAME, KEYRING) or MEDIA_ENTRY.fullmatch(name)) or name not in names:
            raise UserFacingError("backup.bad_entry", entry=_shown(name))
    seen: set[str] = set()
    for name in names:
        if name in seen or (name != MANIFEST and name not in entries):
            raise UserFacingError("backup.bad_entry", entry=_shown(name))
        seen.add(name)


def _shown(name: str) -> str:
    """A hostile entry name as it can be shown: escaped, short."""
    return name.encode("unicode_escape").decode("ascii")[:80]


@dataclass(frozen=True)
class RestoreAccess:
    """Who was let restore (``authorize_restore``) and the keys found on the way."""

    #: The admin clerk (None: the recovery key, a demo station, or no station and a plaintext backup).
    actor: ClerkSession | None
    #: The current station's data key (None: no protected station here).
    current_key: bytes | None = field(default=None, repr=False)
    #: The backup's data key (None: a plaintext backup).
    backup_key: bytes | None = field(default=None, repr=False)


def station_exists(paths: DataPaths) -> bool:
    from models.security import vault

    return vault.is_protected(paths) or (paths.database.exists() and paths.database.stat().st_size > 0)


def authorize_restore(paths: DataPaths, backup: Path, credentials: Credentials | None) -> RestoreAccess:
    """Check the backup (layout, hashes) and who asks; raises ``auth.*`` / ``backup.*`` errors.

    - A protected station here: ``credentials`` must open its keyring (failures counted and
      locked out as at login) and be an admin of it, or be its recovery key. The role is read
      from the station's database; when that cannot be opened (corrupt), from the backup's.
    - The backup's keyring (an encrypted backup) must open with the same credentials: on a new
      PC its recovery key (or an admin's password), after a rotation an admin's password (the
      station's new recovery key does not open an older backup).
    - Its database's integrity is checked with the backup's key.
    """
    from models.security import vault

    verify_backup(backup)
    actor = None
    current_key = None
    role_known = True
    if vault.is_protected(paths):
        current = vault.unlock(paths, credentials)
        current_key = current.data_key
        if current.login is not None:
            found = _admin_in(paths.database, current_key, current.login, current.verifier)
            role_known = found is not None
            actor = found
    backup_key = None
    with zipfile.ZipFile(backup) as zf, scratch_dir(paths, "restore-check") as scratch:
        tmp = str(scratch)
        if KEYRING in zf.namelist():
            ring_dir = DataPaths(Path(tmp))
            (ring_dir.root / KEYRING).write_bytes(zf.read(KEYRING))
            try:
                opened = vault.unlock(ring_dir, credentials)
            except UserFacingError as exc:
                if exc.code in ("auth.bad_credentials", "auth.bad_recovery_key", "auth.login_required"):
                    raise UserFacingError("backup.credentials_do_not_open") from None
                raise
            backup_key = opened.data_key
            if not role_known or (actor is None and current_key is None and opened.login is not None):
                zf.extract(DB_NAME, tmp)
                actor = _admin_in(Path(tmp) / DB_NAME, backup_key, opened.login or "", opened.verifier)
                role_known = actor is not None or opened.login is None
        if not role_known:
            # A corrupt database and a plaintext backup: no role to check a password against.
            raise UserFacingError("backup.needs_recovery_key")
    verify_backup(backup, backup_key, scratch=_scratch(paths))  # SQLite's integrity, now that the key is known
    return RestoreAccess(actor, current_key, backup_key)


def _scratch(paths: DataPaths) -> Path:
    """Temporaries stay inside the data directory (never in a shared /tmp)."""
    paths.root.mkdir(parents=True, exist_ok=True)
    return paths.root


def _admin_in(database: Path, key: bytes | None, login: str, verifier: bytes | None) -> ClerkSession | None:
    """The clerk ``login`` of ``database`` if its password matched and it may restore; raises
    ``auth.forbidden`` for another role. None when the database cannot be read."""
    from models.enums import ClerkRole
    from models.permissions import Permission, require
    from models.security import vault
    from models.security.auth import ClerkSession

    if not login:
        return None
    try:
        con = connect_raw(database, key=key)
        try:
            row = con.execute(
                "SELECT id, login, name, role, active, password_hash FROM clerk WHERE login = ?", (login,)
            ).fetchone()
        finally:
            con.close()
    except Exception:  # sqlite3's or sqlcipher3's DatabaseError: corrupt, or not this key
        return None
    if row is None or not row[4] or not vault.verifier_matches(row[5], verifier):
        raise UserFacingError("auth.bad_credentials")
    who = ClerkSession(int(row[0]), str(row[1]), str(row[2]), ClerkRole(row[3]))
    require(who, Permission.STATION_ADMIN)
    return who


def restore_backup(
    paths: DataPaths, backup: Path, credentials: Credentials | None = None, access: RestoreAccess | None = None
) -> BackupInfo:
    """Replace the current database (and keyring) and add the backup's material files.

    ``access`` is what ``authorize_restore`` returned (it is called here when not given). The
    current database is first copied to backups/ (``tongban-pre-restore-*.sqlite3``, a file
    copy: it may be encrypted or damaged) and the current keyring kept beside it, so a restore
    is itself undoable. Material files are only added, never removed. An encrypted backup then
    opens with the passwords (or recovery key) that were valid when it was made.
    """
    from models.security.keyring import keyring_lock

    if access is None:
        access = authorize_restore(paths, backup, credentials)
    info = verify_backup(backup)
    known = head_revision()
    if info.revision is not None and info.revision != known and not _is_older(info.revision):
        raise UserFacingError("db.newer_schema", revision=info.revision)
    paths.ensure()
    if paths.database.exists():
        _keep_current_database(paths, access.current_key)
    with zipfile.ZipFile(backup) as zf:
        staged = paths.database.with_name(paths.database.name + ".restoring")
        with zf.open(DB_NAME) as src, open(staged, "wb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
        with keyring_lock(paths.root):
            for suffix in ("-wal", "-shm"):
                Path(str(paths.database) + suffix).unlink(missing_ok=True)
            os.replace(staged, paths.database)
            keyring = paths.root / KEYRING
            if KEYRING in zf.namelist():
                if keyring.exists():
                    stamp = clock.now().strftime("%Y%m%dT%H%M%S%fZ")
                    shutil.copy2(keyring, paths.backups / f"keyring-pre-restore-{stamp}.json")
                staged_ring = keyring.with_name(KEYRING + ".restoring")
                with zf.open(KEYRING) as src, open(staged_ring, "wb") as dst:
                    shutil.copyfileobj(src, dst)
                    dst.flush()
                    os.fsync(dst.fileno())
                os.replace(staged_ring, keyring)
            fsync_dir(paths.root)
        for name in zf.namelist():
            if MEDIA_ENTRY.fullmatch(name):  # check_layout refused anything else already
                target = media_path(paths.media, name.split("/", 1)[1])
                if not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with zf.open(name) as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst)
                        dst.flush()
                        os.fsync(dst.fileno())
    return info


def record_restore(
    paths: DataPaths, credentials: Credentials | None, backup: Path, info: BackupInfo, access: RestoreAccess
) -> None:
    """The restore in the restored audit log (it continues from the backup's head), by the
    clerk who signed in when the restored data know them; opening the store migrates an older
    backup right away."""

    from models import audit
    from models.security.auth import start_session
    from models.store import open_store

    if access.actor is not None:
        let_in = access.actor.login
    else:
        let_in = "recovery_key" if credentials is not None and credentials.recovery_key else "system"
    st = open_store(paths, credentials=credentials)
    try:
        clerk = None
        if st.unlocked is not None and st.unlocked.login:
            with contextlib.suppress(UserFacingError):  # the clerk is not in the restored data
                clerk = start_session(st, via="restore")
        with st.db.write() as session:
            audit.record(
                session,
                "backup.restore",
                f"backup:{backup.name}",
                clerk=clerk,
                detail={"cases": info.cases, "created": info.created, "by": let_in},
            )
    finally:
        st.close()


def restore_signed_in(paths: DataPaths, backup: Path, credentials: Credentials | None) -> BackupInfo:
    """Check who asks, restore, record it (the login window's 从备份恢复)."""
    access = authorize_restore(paths, backup, credentials)
    info = restore_backup(paths, backup, access=access)
    record_restore(paths, credentials, backup, info, access)
    return info


def _keep_current_database(paths: DataPaths, key: bytes | None) -> Path:
    """``backups/tongban-pre-restore-*.sqlite3``: the database as it is, whatever it is.

    With the key at hand the WAL is checkpointed into the file first (a damaged file is
    copied as it stands); the copy is the file's own bytes, so it stays as encrypted as it was.
    """
    from models.db import cipher_dbapi, key_pragma

    if key is not None or not paths.root.joinpath(KEYRING).exists():  # else it cannot be opened at all
        try:
            con = cipher_dbapi().connect(str(paths.database)) if key is not None else connect_raw(paths.database)
            try:
                if key is not None:
                    con.execute(f"PRAGMA key = {key_pragma(key)}")
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                con.close()
        except Exception:  # sqlite3's or sqlcipher3's DatabaseError: damaged; copied with its WAL
            pass
    paths.backups.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().strftime("%Y%m%dT%H%M%S%fZ")
    target = paths.backups / f"tongban-pre-restore-{stamp}.sqlite3"
    for suffix in ("", "-wal"):
        src = Path(str(paths.database) + suffix)
        if src.exists() and src.stat().st_size:
            dst = Path(str(target) + suffix)
            shutil.copyfile(src, dst)
            fsync_path(dst)
    fsync_dir(paths.backups)
    return target


def rotate(backup_dir: Path, keep_daily: int = KEEP_DAILY, keep_other: int = KEEP_OTHER) -> list[Path]:
    """Delete the oldest backups beyond the limits; returns what was removed."""
    removed: list[Path] = []
    daily = sorted(backup_dir.glob("tongban-daily-*.zip"))
    other = sorted(
        p
        for p in [*backup_dir.glob("tongban-*.zip"), *backup_dir.glob("tongban-*.sqlite3")]
        if not p.name.startswith("tongban-daily-")
    )
    for group, keep in ((daily, keep_daily), (other, keep_other)):
        for old in group[: max(0, len(group) - keep)]:
            old.unlink()
            removed.append(old)
    return removed


def daily_backup_due(backup_dir: Path) -> bool:
    today = clock.now().strftime("%Y%m%d")
    return not any(backup_dir.glob(f"tongban-daily-{today}T*.zip"))


def _is_older(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    from models.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    try:
        return script.get_revision(revision) is not None
    except Exception:
        return False


def _db_facts(db: Path, key: bytes | None) -> dict[str, Any]:
    con = connect_raw(db, key=key)
    try:
        try:
            head = con.execute("SELECT seq, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        except Exception:  # a database from before the audit log (sqlite3's or sqlcipher3's error)
            head = None
        rev = con.execute("SELECT version_num FROM alembic_version").fetchone()
        station = con.execute("SELECT code FROM station ORDER BY id LIMIT 1").fetchone()
        cases = con.execute('SELECT count(*) FROM "case"').fetchone()[0]
    finally:
        con.close()
    # The audit chain's head, kept outside the station with the backup (`audit verify --against`).
    audit_head = {"seq": head[0], "hash": head[1]} if head else None
    return {
        "revision": rev[0] if rev else None,
        "station_code": station[0] if station else None,
        "cases": cases,
        "audit_head": audit_head,
    }


def _media_hashes(db: Path, key: bytes | None) -> list[str]:
    con = connect_raw(db, key=key)
    try:
        return [r[0] for r in con.execute("SELECT DISTINCT sha256 FROM material_file ORDER BY sha256")]
    finally:
        con.close()


def _sha_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def run_scheduled_backups(paths: DataPaths, usb_dir: str = "") -> list[BackupInfo]:
    """The daily backup, if today's is not there yet: to backups/ and to the USB folder when set.

    Called by the GUI on the DB worker after start-up. A USB stick that is not plugged in is
    skipped (and tried again the next day), never an error for the clerk.
    """
    made: list[BackupInfo] = []
    if daily_backup_due(paths.backups):
        made.append(create_backup(paths, paths.backups, "daily"))
        rotate(paths.backups)
    usb = Path(usb_dir) if usb_dir else None
    if usb is not None and usb.is_dir() and daily_backup_due(usb):
        try:
            made.append(create_backup(paths, usb, "daily"))
            rotate(usb)
        except OSError:
            pass  # stick pulled out mid-write: the .partial file was removed, the local copy exists
    return made
