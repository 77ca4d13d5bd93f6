"""Schema upgrades at start-up: back up, then run Alembic; refuse a newer database.

As vorta ``backup_current_db`` and Anki ``SCHEMA_MAX_VERSION``: the file is copied (with
SQLite's online backup API, which is consistent under WAL) before any migration runs, and a
database whose revision this application does not know was written by a newer release, so
it is left untouched.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from models import clock
from models.db import connect_raw, key_for, make_engine
from models.errors import DatabaseError

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
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


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
        script = ScriptDirectory.from_config(alembic_config())
        if current is not None and not _known(script, current):
            raise DatabaseError("db.newer_schema", revision=current)
        if current is None and has_tables:
            raise DatabaseError("db.unknown_schema")
        if current == head:
            return MigrationReport(current, head, None)
        backup = backup_database(db_path, backup_dir, f"pre-{head}") if existed else None
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        logger.info("database migrated from %s to %s", current, head)
        return MigrationReport(current, head, backup)
    finally:
        engine.dispose()


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:
        return False
