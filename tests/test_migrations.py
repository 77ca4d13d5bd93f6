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


# A database of every schema revision that has been on main (issue 16 item 7) --------------------

#: Made by scripts/revision_databases.py with the code of each revision's era.
REVISION_DATABASES = sorted(p.name for p in DATA.glob("revision-*.sqlite3"))


def _revision_of(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        con.close()


def _all_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    from models.migrate import alembic_config

    return [s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()]


def _snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """What must survive an upgrade: the rows of every table, for the columns the file has."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            if r[0] != "alembic_version"
        ]
        out: dict[str, list[tuple[object, ...]]] = {}
        for table in tables:
            columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            out[table] = [columns, *sorted(con.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)]
        return out
    finally:
        con.close()


def _rows_with_columns(path: Path, table: str, columns: list[str]) -> list[tuple[object, ...]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = ", ".join(f'"{c}"' for c in columns)
        return sorted(con.execute(f'SELECT {names} FROM "{table}"').fetchall(), key=repr)
    finally:
        con.close()


def test_every_revision_that_reached_main_has_a_database() -> None:
    """Each revision with a successor has its era's database in tests/data/ (the newest gets its
    own when the next revision is written: ``scripts/revision_databases.py NNNN``)."""
    have = {_revision_of(DATA / name) for name in REVISION_DATABASES}
    revisions = _all_revisions()
    assert len(revisions) >= 4
    missing = [r for r in revisions if r != head_revision() and r not in have]
    assert missing == [], f"run scripts/revision_databases.py {' '.join(missing)}"
    for name in REVISION_DATABASES:  # the file says which revision it holds
        assert name == f"revision-{_revision_of(DATA / name)}.sqlite3"


@pytest.mark.parametrize("name", REVISION_DATABASES)
def test_each_revision_database_upgrades_to_head_with_every_row(tongban_home: Path, name: str) -> None:
    """The era's station upgrades to head, keeps every row of every table, matches the models,
    and today's code reads and writes it: case detail, work lists, audit chain, a new case."""
    import datetime as dt

    from sqlalchemy import func, select

    from models import audit, clock
    from models.case_lists import LISTS, work_list
    from models.case_views import view_case
    from models.catalog import load_catalog
    from models.demo import accept_sample_case
    from models.orm import Case, SyncOutbox

    paths = data_paths().ensure()
    shutil.copy(DATA / name, paths.database)
    before = _snapshot(paths.database)
    revision = _revision_of(paths.database)
    assert before["case"][1:], "the era's station should hold cases"
    assert sum(len(rows) - 1 for rows in before.values()) > 40

    st = open_store()
    try:
        assert st.migration.from_revision == revision and st.migration.to_revision == head_revision()
        if revision != head_revision():
            assert st.migration.backup is not None and _revision_of(st.migration.backup) == revision
        st.close()
        assert _revision_of(paths.database) == head_revision()
        for table, (columns, *rows) in before.items():  # every old row, every old column, unchanged
            assert _rows_with_columns(paths.database, table, list(columns)) == rows, table
        engine = make_engine(paths.database)
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        engine.dispose()
        assert diffs == [], f"{name} upgraded differs from the models: {diffs}"

        st = open_store()
        today = clock.today_local()
        with st.db.read() as session:
            case_nos = list(session.scalars(select(Case.case_no).order_by(Case.id)))
            for case_no in case_nos:
                detail = view_case(session, case_no, None, today, audit_ok=False)
                assert detail["case_no"] == case_no and detail["events"]
            listed = {key: len(work_list(session, key, today)) for key, _label in LISTS}
            assert listed["all"] == len(case_nos)
            assert audit.verify(session).ok
            item_code = session.scalar(select(Case.item_code).where(Case.accepted_at.is_not(None)).limit(1))
        assert item_code is not None
        with st.db.write() as session:
            fresh = accept_sample_case(session, load_catalog(), item_code, [], now=clock.now() + dt.timedelta(days=1))
            fresh_no = fresh.case_no
        with st.db.read() as session:
            assert session.scalar(select(func.count()).select_from(Case)) == len(case_nos) + 1
            assert fresh_no not in case_nos
            queued = session.scalar(select(SyncOutbox).where(SyncOutbox.case_uuid == fresh.uuid))
            assert queued is not None and queued.status == "pending"
    finally:
        st.close()


# A failed migration rolls back to the backup (issue 10 item 5) ---------------------------------

FAILING_REVISION = '''"""a deliberately failing revision (tests only)"""

import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "PREVIOUS_HEAD"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("UPDATE \\"case\\" SET item_name = 'half-migrated'")
    if COMMIT_FIRST:
        # What a revision that commits part of its work leaves behind (e.g. a data fix in its
        # own transaction): the rollback can no longer undo it.
        op.get_bind().exec_driver_sql("COMMIT")
        op.get_bind().exec_driver_sql("BEGIN")
    raise RuntimeError("this revision fails half-way")


def downgrade() -> None:
    pass
'''


def _failing_migrations(tmp_path: Path, commit_first: bool) -> Path:
    from models import migrate as migrate_module

    target = tmp_path / "migrations"
    shutil.copytree(migrate_module.MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "versions" / "9999_fails.py").write_text(
        FAILING_REVISION.replace("COMMIT_FIRST", str(commit_first)).replace("PREVIOUS_HEAD", head_revision()),
        encoding="utf-8",
    )
    return target


def _station_with_cases() -> list[tuple[str, str]]:
    from models.demo import seed_demo

    st = open_store()
    try:
        with st.db.write() as session:
            seed_demo(session, st.paths)
    finally:
        st.close()
    return _cases(data_paths().database)


def _cases(db: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(db)
    try:
        return [tuple(r) for r in con.execute('SELECT case_no, item_name FROM "case" ORDER BY case_no')]
    finally:
        con.close()


@pytest.mark.parametrize("commit_first", [False, True], ids=["rolled-back", "partly-committed"])
def test_failed_migration_restores_the_database(
    tongban_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, commit_first: bool
) -> None:
    from sqlalchemy import text

    from desktop.messages import render
    from models import migrate as migrate_module

    cases = _station_with_cases()
    assert cases
    paths = data_paths()
    before = _sha(paths.database)
    previous = head_revision()

    with monkeypatch.context() as m:
        m.setattr(migrate_module, "MIGRATIONS_DIR", _failing_migrations(tmp_path, commit_first))
        assert head_revision() == "9999"
        with pytest.raises(DatabaseError) as err:
            open_store()
    assert err.value.code == "db.migration_failed" and err.value.params == {"revision": "9999"}
    message = render(err.value)
    assert "已自动恢复为升级前的数据库" in message and "9999" in message

    backups = list(paths.backups.glob("tongban-pre-9999-*.sqlite3"))
    assert len(backups) == 1  # taken before the upgrade ran
    failed = list(paths.backups.glob("tongban-failed-9999-*.sqlite3"))
    if commit_first:
        # Changed on disk: set aside for support (it holds the half-done work), backup put back.
        assert len(failed) == 1
        assert ("half-migrated",) in {(r[1],) for r in _cases(failed[0])}
        assert _sha(paths.database) == _sha(backups[0])
    else:
        assert failed == []  # SQLite rolled the transaction back: the file was kept as it was
        assert _sha(paths.database) == before

    # The previous code (the real head) opens it again, with every case as it was.
    st = open_store()
    try:
        assert st.migration.from_revision == st.migration.to_revision == head_revision() == previous
        with st.db.read() as session:
            rows = session.execute(text('SELECT case_no, item_name FROM "case" ORDER BY case_no'))
            assert [tuple(r) for r in rows] == cases
            tables = session.execute(text("SELECT name FROM sqlite_master WHERE name = 'half_done'"))
            assert tables.first() is None
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        st.close()


def test_failed_first_migration_leaves_no_half_database(
    tongban_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models import migrate as migrate_module

    paths = data_paths().ensure()
    monkeypatch.setattr(migrate_module, "MIGRATIONS_DIR", _failing_migrations(tmp_path, commit_first=True))
    with pytest.raises(DatabaseError) as err:
        migrate(paths.database, paths.backups)
    assert err.value.code == "db.migration_failed"
    assert not paths.database.exists()  # the next start creates it afresh
    assert len(list(paths.backups.glob("tongban-failed-9999-*.sqlite3"))) == 1


def test_head_and_revision_read_without_alembic_are_alembics(tongban_home: Path) -> None:
    from alembic.script import ScriptDirectory

    from models.migrate import alembic_config, current_revision

    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()
    paths = data_paths().ensure()
    engine = make_engine(paths.database)
    try:
        assert current_revision(engine) is None  # a new file: no alembic_version table yet
        migrate(paths.database, paths.backups)
        with engine.connect() as conn:
            alembic_says = MigrationContext.configure(conn).get_current_revision()
        assert current_revision(engine) == alembic_says == head_revision()
    finally:
        engine.dispose()


def test_an_up_to_date_station_opens_without_importing_alembic(tongban_home: Path) -> None:
    """Alembic, Mako and Pygments (~11 MB of the counter's memory) load only for an upgrade."""
    import subprocess
    import sys

    open_store().close()  # created and migrated in this process
    probe = (
        "import sys\nfrom models.store import open_store\nopen_store().close()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'mako', 'pygments'}))"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
