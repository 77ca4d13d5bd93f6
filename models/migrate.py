"""Schema upgrades at start-up: back up, then run Alembic; refuse a newer database.

As vorta ``backup_current_db`` and Anki ``SCHEMA_MAX_VERSION``: the file is copied (with
SQLite's online backup API, which is consistent under WAL) before any migration runs, and a
database whose revision this application does not know was written by a newer release, so
it is left untouched.

A migration that fails half-way must not leave a half-upgraded file behind. SQLite runs a
revision's DDL in one transaction, so normally nothing changed; but a revision may commit part
of its work (``batch_alter_table`` copies, a data fix in its own transaction), so the file is
checked: if it is no longer byte for byte what it was before the upgrade, it is moved aside to
backups/ for support and the pre-migration backup is put back in its place. Either way the
application reports ``db.migration_failed`` and the previous release opens the file again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import OperationalError

from models import clock
from models.db import connect_raw, key_for, make_engine
from models.errors import DatabaseError
from models.fsutil import fsync_dir, fsync_path

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class MigrationReport:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def migrated(self) -> bool:
        return self.from_revision != self.to_revision


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


# Alembic (with Mako and Pygments, ~11 MB of the counter's memory and a part of its start-up) is
# imported only when a database actually needs upgrading. Every start asks for the head and the
# database's revision, so both are read without it: the head from the revision files' own
# ``revision``/``down_revision`` lines (tests/test_migrations.py checks it against Alembic's), the
# database's from its ``alembic_version`` table.
_REVISION_LINE = re.compile(r"""^(down_revision|revision)(?:\s*:[^=]+)?\s*=\s*(.+)$""", re.MULTILINE)
_REVISION_ID = re.compile(r"""["']([0-9A-Za-z_]+)["']""")


def head_revision() -> str:
    """The newest revision of models/migrations/versions (the one no other revision follows)."""
    revisions: set[str] = set()
    followed: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            ids = _REVISION_ID.findall(value)
            (revisions if name == "revision" else followed).update(ids)
    heads = revisions - followed
    if len(heads) != 1:  # a branch not merged yet (development only): ask Alembic
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert head is not None
        return head
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    """The database's revision (None: never migrated), as Alembic records it."""
    with engine.connect() as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except OperationalError as exc:
            if "no such table" in str(exc):
                return None
            raise
    if len(rows) > 1:  # several heads recorded: Alembic's own answer (it raises for this)
        from alembic.runtime.migration import MigrationContext

        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    return rows[0] if rows else None


def backup_database(db_path: Path, backup_dir: Path, label: str) -> Path:
    """Copy the database with SQLite's backup API into ``backup_dir``; returns the copy."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"tongban-{label}-{stamp}.sqlite3"
    src = connect_raw(db_path)  # keyed for a protected store: the copy is as encrypted as the file
    try:
        dst = connect_raw(target, key=key_for(db_path))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def migrate(db_path: Path, backup_dir: Path) -> MigrationReport:
    """Bring the database at ``db_path`` to the head revision (creating it if absent)."""
    head = head_revision()
    existed = db_path.exists() and db_path.stat().st_size > 0
    engine = make_engine(db_path)
    try:
        try:
            current = current_revision(engine)
            has_tables = bool(inspect(engine).get_table_names())
        except Exception as exc:  # sqlite3 raises on a file that is not a database
            if "not a database" in str(exc) or "malformed" in str(exc):
                raise DatabaseError("db.corrupt") from exc
            raise
        if current == head:
            return MigrationReport(current, head, None)
        from alembic import command
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(alembic_config())
        if current is not None and not _known(script, current):
            raise DatabaseError("db.newer_schema", revision=current)
        if current is None and has_tables:
            raise DatabaseError("db.unknown_schema")
        backup = backup_database(db_path, backup_dir, f"pre-{head}") if existed else None
        before = _checkpointed_digest(engine, db_path) if existed else None
        try:
            with engine.begin() as conn:
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except Exception as exc:
            engine.dispose()  # every connection closed: the file can be compared and moved
            logger.error("migration from %s to %s failed: %s", current, head, type(exc).__name__)
            _recover(db_path, backup_dir, backup, before, head)
            raise DatabaseError("db.migration_failed", revision=head) from exc
        logger.info("database migrated from %s to %s", current, head)
        return MigrationReport(current, head, backup)
    finally:
        engine.dispose()


def _sidecars(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _checkpointed_digest(engine: Engine, db_path: Path) -> str:
    """The file's hash with everything committed in it (the WAL folded back and emptied), so
    that any change a failed upgrade commits shows up in the main file."""
    with engine.connect() as conn:
        # On the DB-API connection, outside any transaction (a checkpoint cannot run inside one).
        conn.connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    return _file_digest(db_path)


def _recover(db_path: Path, backup_dir: Path, backup: Path | None, before: str | None, head: str) -> None:
    """After a failed upgrade: keep an untouched file, else set the failed one aside and put the
    pre-migration backup back (a new database that failed is just set aside)."""
    wal_left = any(p.exists() and p.stat().st_size > 0 for p in _sidecars(db_path))
    if before is not None and db_path.exists() and not wal_left and _file_digest(db_path) == before:
        logger.info("failed migration left the database untouched")
        return
    stamp = clock.now().strftime("%Y%m%dT%H%M%S%fZ")
    aside = backup_dir / f"tongban-failed-{head}-{stamp}.sqlite3"
    backup_dir.mkdir(parents=True, exist_ok=True)
    try:
        if db_path.exists():
            os.replace(db_path, aside)
        for side in _sidecars(db_path):
            if side.exists():
                os.replace(side, aside.with_name(aside.name + side.name[len(db_path.name) :]))
        if backup is not None:
            tmp = db_path.with_name(db_path.name + ".restore-tmp")
            shutil.copyfile(backup, tmp)
            fsync_path(tmp)
            os.replace(tmp, db_path)
        fsync_dir(db_path.parent)
    except OSError as exc:
        logger.critical("restoring the pre-migration backup failed: %s", type(exc).__name__)
        raise DatabaseError("db.migration_restore_failed", backup=str(backup or "")) from exc
    if backup is not None:
        logger.error("database restored from %s; the failed file is kept as %s", backup.name, aside.name)
    else:
        logger.error("new database failed to migrate; kept as %s", aside.name)


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:
        return False
