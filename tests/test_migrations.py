from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from models.db import make_engine
from models.errors import DatabaseError
from models.migrate import backup_database, head_revision, migrate
from models.orm import Base
from models.paths import data_paths
from models.store import open_store

DATA = Path(__file__).parent / "data"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_database_matches_the_models(tongban_home: Path) -> None:
    paths = data_paths().ensure()
    report = migrate(paths.database, paths.backups)
    assert report.from_revision is None and report.to_revision == head_revision()
    assert report.backup is None  # nothing to back up on a new file
    engine = make_engine(paths.database)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        fks = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
        sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
    engine.dispose()
    assert diffs == [], f"ORM and migrations differ: add an Alembic revision: {diffs}"
    assert journal == "wal" and fks == 1 and sync == 2  # 2 = FULL


def test_second_start_does_nothing(tongban_home: Path) -> None:
    paths = data_paths().ensure()
    migrate(paths.database, paths.backups)
    again = migrate(paths.database, paths.backups)
    assert not again.migrated and again.backup is None


def test_newer_database_is_refused_and_left_untouched(tongban_home: Path) -> None:
    paths = data_paths().ensure()
    migrate(paths.database, paths.backups)
    con = sqlite3.connect(paths.database)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    con.commit()
    con.close()
    before = _sha(paths.database)
    with pytest.raises(DatabaseError) as err:
        open_store()
    assert err.value.code == "db.newer_schema"
    assert _sha(paths.database) == before


def test_corrupt_database_is_reported_not_overwritten(tongban_home: Path) -> None:
    paths = data_paths().ensure()
    paths.database.write_bytes(b"this is not sqlite" * 100)
    before = _sha(paths.database)
    with pytest.raises(DatabaseError) as err:
        open_store()
    assert err.value.code == "db.corrupt"
    assert _sha(paths.database) == before


def test_foreign_database_is_refused(tongban_home: Path) -> None:
    paths = data_paths().ensure()
    con = sqlite3.connect(paths.database)
    con.execute("CREATE TABLE something_else (x)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError) as err:
        open_store()
    assert err.value.code == "db.unknown_schema"


def test_backup_is_a_consistent_copy(tongban_home: Path) -> None:
    paths = data_paths().ensure()
    migrate(paths.database, paths.backups)
    copy = backup_database(paths.database, paths.backups, "manual")
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    con.close()


@pytest.mark.parametrize("release", sorted(p.name for p in DATA.glob("release-*.sqlite3")))
def test_databases_from_earlier_releases_upgrade(tongban_home: Path, release: str) -> None:
    """STYLE.md section 7: a database from each release upgrades and keeps its cases."""
    paths = data_paths().ensure()
    shutil.copy(DATA / release, paths.database)
    con = sqlite3.connect(paths.database)
    cases_before = con.execute('SELECT case_no FROM "case" ORDER BY case_no').fetchall()
    rev_before = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    con.close()
    assert cases_before, "the release fixture should hold cases"
    st = open_store()
    try:
        if rev_before != head_revision():
            assert st.migration.backup is not None and st.migration.backup.exists()
        with st.db.read() as session:
            rows = session.execute(__import__("sqlalchemy").text('SELECT case_no FROM "case" ORDER BY case_no'))
            assert [tuple(r) for r in rows] == [tuple(r) for r in cases_before]
    finally:
        st.close()
