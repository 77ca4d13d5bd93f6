from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import clock
from models.backup import create_backup, daily_backup_due, restore_backup, rotate, verify_backup
from models.errors import UserFacingError
from models.media import media_path, store_bytes
from models.migrate import head_revision
from models.orm import Case, MaterialEntry, MaterialFile
from models.paths import DataPaths
from models.store import Store, open_store

DATA = Path(__file__).parent / "data"


def _attach_page(st: Store, data: bytes) -> str:
    sha = store_bytes(st.paths.media, data)
    with st.db.write() as session:
        entry = session.scalars(select(MaterialEntry)).first()
        assert entry is not None
        session.add(MaterialFile(entry=entry, sha256=sha, mime="image/jpeg", size=len(data), created_at=clock.now()))
    return sha


def test_backup_restore_round_trip(demo_store: Store, tmp_path: Path) -> None:
    sha = _attach_page(demo_store, b"\xff\xd8 a photographed ID card page" * 50)
    info = create_backup(demo_store.paths, tmp_path / "usb")
    assert info.cases == 5 and info.media_files == 1 and info.revision == head_revision()
    assert info.path.parent == tmp_path / "usb" and not list((tmp_path / "usb").glob("*.partial"))

    fresh = DataPaths(tmp_path / "new-pc")
    restore_backup(fresh, info.path)
    st = open_store(fresh)
    try:
        with st.db.read() as session:
            assert session.scalar(select(func.count()).select_from(Case)) == 5
        assert media_path(fresh.media, sha).read_bytes() == media_path(demo_store.paths.media, sha).read_bytes()
    finally:
        st.close()


def test_restore_keeps_a_copy_of_what_it_replaces(demo_store: Store, tmp_path: Path) -> None:
    info = create_backup(demo_store.paths, tmp_path)
    with demo_store.db.write() as session:
        session.delete(session.scalars(select(Case)).first())
    demo_store.close()
    restore_backup(demo_store.paths, info.path)
    pre = list(demo_store.paths.backups.glob("tongban-pre-restore-*.sqlite3"))
    assert len(pre) == 1
    con = sqlite3.connect(pre[0])
    assert con.execute('SELECT count(*) FROM "case"').fetchone()[0] == 4  # the state before restoring
    con.close()
    st = open_store(demo_store.paths)
    with st.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 5
    st.close()


def test_damaged_backup_is_refused_and_nothing_changes(demo_store: Store, tmp_path: Path) -> None:
    _attach_page(demo_store, b"page")
    info = create_backup(demo_store.paths, tmp_path)
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(info.path) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("media/"):
                data = data[:-1] + b"!"
            dst.writestr(item, data)
    with pytest.raises(UserFacingError) as err:
        verify_backup(damaged)
    assert err.value.code == "backup.damaged" and err.value.params["entry"].startswith("media/")
    before = demo_store.paths.database.read_bytes()
    with pytest.raises(UserFacingError):
        restore_backup(demo_store.paths, damaged)
    assert demo_store.paths.database.read_bytes() == before
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    with pytest.raises(UserFacingError) as err:
        verify_backup(tmp_path / "junk.zip")
    assert err.value.code == "backup.unreadable"


def test_backup_from_the_previous_schema_restores_and_upgrades(tmp_path: Path) -> None:
    old = DataPaths(tmp_path / "old-station").ensure()
    shutil.copy(DATA / "release-0.1.sqlite3", old.database)
    info = create_backup(old, tmp_path / "backups")  # made by 0.1's schema, never migrated
    assert info.revision == "0001"
    target = DataPaths(tmp_path / "restored")
    restore_backup(target, info.path)
    st = open_store(target)
    try:
        assert st.migration.from_revision == "0001" and st.migration.to_revision == head_revision()
        with st.db.read() as session:
            assert session.scalar(select(func.count()).select_from(Case)) == 5
    finally:
        st.close()


def test_rotation_keeps_the_newest(tmp_path: Path) -> None:
    for day in range(1, 11):
        (tmp_path / f"tongban-daily-202611{day:02d}T010000Z.zip").write_bytes(b"x")
    (tmp_path / "tongban-pre-0002-20261101T000000Z.sqlite3").write_bytes(b"x")
    removed = rotate(tmp_path, keep_daily=7)
    assert sorted(p.name for p in removed) == [f"tongban-daily-202611{d:02d}T010000Z.zip" for d in (1, 2, 3)]
    assert (tmp_path / "tongban-pre-0002-20261101T000000Z.sqlite3").exists()
    assert daily_backup_due(tmp_path)


def test_cli_backup_and_restore(demo_store: Store, tongban_home: Path, tmp_path: Path) -> None:
    demo_store.close()
    env = {**os.environ, "TONGBAN_HOME": str(tongban_home)}
    run = [sys.executable, "-m", "desktop.cli.main", "db"]
    out = subprocess.run([*run, "backup", "--out", str(tmp_path), "--json"], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    made = json.loads(out.stdout)
    assert made["cases"] == 5
    no = subprocess.run(
        [*run, "restore", made["path"]], env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert no.returncode == 2 and "--yes" in no.stderr
    yes = subprocess.run([*run, "restore", made["path"], "--yes", "--json"], env=env, capture_output=True, text=True)
    assert yes.returncode == 0 and json.loads(yes.stdout)["restored"] is True
    bad = subprocess.run(
        [*run, "verify-backup", str(tongban_home / "settings.json")], env=env, capture_output=True, text=True
    )
    assert bad.returncode == 1 and "无法读取备份文件" in bad.stderr and "Traceback" not in bad.stderr


def test_read_only_store_reads_and_refuses_writes(demo_store: Store) -> None:
    from models.errors import DatabaseError

    demo_store.close()
    before = demo_store.paths.database.read_bytes()
    ro = open_store(demo_store.paths, read_only=True)
    try:
        assert ro.read_only
        with ro.db.read() as session:
            assert session.scalar(select(func.count()).select_from(Case)) == 5
        with pytest.raises(DatabaseError) as err, ro.db.write():
            pass
        assert err.value.code == "db.read_only"
    finally:
        ro.close()
    assert demo_store.paths.database.read_bytes() == before


def test_full_disk_refuses_the_write_and_keeps_what_was_saved(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import models.diskspace

    saved = store_bytes(demo_store.paths.media, b"saved before the disk filled up")
    files_before = sorted(p for p in demo_store.paths.media.rglob("*") if p.is_file())
    # Pretend the disk is nearly full: the floor is above what any disk here has free.
    monkeypatch.setattr(models.diskspace, "HARD_FLOOR_BYTES", 10**18)
    with pytest.raises(UserFacingError) as err:
        store_bytes(demo_store.paths.media, b"a new photo")
    assert err.value.code == "disk.full" and err.value.params["free_mb"] > 0
    assert sorted(p for p in demo_store.paths.media.rglob("*") if p.is_file()) == files_before
    assert media_path(demo_store.paths.media, saved).read_bytes() == b"saved before the disk filled up"


def test_scheduled_backups_once_a_day_locally_and_on_usb(demo_store: Store, tmp_path: Path) -> None:
    from models.backup import run_scheduled_backups

    usb = tmp_path / "usb-stick"
    usb.mkdir()
    first = run_scheduled_backups(demo_store.paths, str(usb))
    assert [b.path.parent for b in first] == [demo_store.paths.backups, usb]
    assert all(b.path.name.startswith("tongban-daily-") for b in first)
    assert run_scheduled_backups(demo_store.paths, str(usb)) == []  # already done today
    assert run_scheduled_backups(demo_store.paths, str(tmp_path / "not-plugged-in")) == []


def test_encrypted_station_backup_reveals_nothing_and_restores(protected_store: Store, tmp_path: Path) -> None:
    from models.db import key_for
    from models.media import read_verified

    st = protected_store
    secret = "王演示 的出院小结".encode()
    sha = _attach_page(st, secret)
    info = create_backup(st.paths, tmp_path / "usb")
    assert info.encrypted and info.integrity_checked and info.media_files == 1
    raw = info.path.read_bytes()
    with zipfile.ZipFile(info.path) as zf:
        names = zf.namelist()
        contents = [zf.read(n) for n in names]
    assert "keyring.json" in names
    for blob in [raw, *contents]:
        assert "王演示".encode() not in blob and secret not in blob
    assert not verify_backup(info.path).integrity_checked  # no key at hand: hashes only
    assert verify_backup(info.path, key_for(st.paths.database)).integrity_checked

    fresh = DataPaths(tmp_path / "replacement-pc")
    restore_backup(fresh, info.path)
    restored = open_store(fresh)  # the demo keyring came with the backup
    try:
        with restored.db.read() as session:
            assert session.scalar(select(func.count()).select_from(Case)) == 5
        assert read_verified(fresh.media, sha) == secret
    finally:
        restored.close()


def test_a_killed_backup_leaves_nothing_in_tmp_and_its_leftovers_go_at_the_next_start(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17 item 13: temporaries lived in /tmp (encrypted snapshots piling up after kills);
    now they are in the data directory, locked while in use, and removed at the next start."""
    import signal
    import tempfile

    from models.backup import clean_leftovers, scratch_dir
    from models.store import open_store

    shared_tmp = tmp_path / "shared-tmp"
    shared_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared_tmp))
    create_backup(demo_store.paths, tmp_path / "out")
    assert list(shared_tmp.iterdir()) == []  # nothing of the backup went to the shared temp dir
    root = demo_store.paths.root
    child = (
        "import os, signal\n"
        "from models.backup import scratch_dir\n"
        "from pathlib import Path\n"
        "from models.paths import DataPaths\n"
        f"paths = DataPaths(Path({str(root)!r}))\n"
        "with scratch_dir(paths, 'backup') as d:\n"
        "    (d / 'tongban-snapshot.sqlite3').write_bytes(b'encrypted snapshot')\n"
        "    (paths.backups / 'tongban-manual-x.zip.partial').write_bytes(b'PK')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    killed = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    (left,) = root.glob(".tongban-backup-*")
    partial = demo_store.paths.backups / "tongban-manual-x.zip.partial"
    assert partial.exists()
    with scratch_dir(demo_store.paths, "backup") as live:  # a backup still running elsewhere
        assert clean_leftovers(demo_store.paths) == [left.name]  # the live one and its partials stay
        assert live.exists() and partial.exists()
    reopened = open_store(demo_store.paths)  # the next start removes the rest
    reopened.close()
    assert not left.exists() and not partial.exists()
    assert not list(root.glob(".tongban-*"))
