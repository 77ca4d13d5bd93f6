"""Issue 17 items 2 and 3: ``tongban db restore`` on encrypted stations, on a new PC, after a
rotation and over a corrupt database; hostile entry names; who may restore. Real ``tongban``
processes on real SQLCipher files."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from models.backup import KEYRING, MANIFEST
from models.errors import UserFacingError
from models.paths import DataPaths
from models.security import vault
from models.store import Store
from tests.cli_helpers import tongban

ADMIN_PW = "first-admin-pw"
PRINTER_PW = "printer-pw-1"


def _as(login: str, password: str, *args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return tongban("--login", login, "--password-stdin", *args, home=home, stdin=f"{password}\n{stdin}")


def _station(home: Path) -> str:
    init = tongban("init", "--name", "某镇医保服务站", "--admdvs", "522701100", "--level", "乡镇",
                   "--station-no", "002", "--password-stdin", "--json", home=home, stdin=f"{ADMIN_PW}\n")
    assert init.returncode == 0, init.stderr
    return str(json.loads(init.stdout)["recovery_key"])


def _backup(home: Path, out: Path) -> Path:
    made = _as("admin", ADMIN_PW, "db", "backup", "--out", str(out), "--json", home=home)
    assert made.returncode == 0, made.stderr
    return Path(json.loads(made.stdout)["path"])


def _opens(home: Path, password: str = ADMIN_PW) -> bool:
    listed = _as("admin", password, "user", "list", "--json", home=home)
    return listed.returncode == 0


def test_restore_on_an_encrypted_station_keeps_an_encrypted_copy(tongban_home: Path, tmp_path: Path) -> None:
    _station(tongban_home)
    added = tongban("user", "add", "dayin", "--name", "打印员甲", "--role", "打印员", "--login", "admin",
                    "--password-stdin", home=tongban_home, stdin=f"{ADMIN_PW}\n{PRINTER_PW}\n")
    assert added.returncode == 0, added.stderr
    backup = _backup(tongban_home, tmp_path / "out")
    # No sign-in, and a 打印员: refused before anything is touched.
    nobody = tongban("db", "restore", str(backup), "--yes", home=tongban_home)
    assert nobody.returncode == 1 and "请先以经办人员身份登录" in nobody.stderr
    printer = _as("dayin", PRINTER_PW, "db", "restore", str(backup), "--yes", home=tongban_home)
    assert printer.returncode == 1 and "打印员无权执行" in printer.stderr
    paths = DataPaths(tongban_home)
    assert not list(paths.backups.glob("tongban-pre-restore-*"))
    done = _as("admin", ADMIN_PW, "db", "restore", str(backup), "--yes", "--json", home=tongban_home)
    assert done.returncode == 0, done.stderr
    (pre,) = paths.backups.glob("tongban-pre-restore-*.sqlite3")
    assert pre.stat().st_size > 0 and not vault.is_plaintext_database(pre)  # a real, still encrypted copy
    assert _opens(tongban_home)
    log = _as("admin", ADMIN_PW, "audit", "list", "--json", home=tongban_home)
    assert "backup.restore" in log.stdout


def test_restore_onto_a_new_pc_asks_for_the_backups_recovery_key(tongban_home: Path, tmp_path: Path) -> None:
    recovery = _station(tongban_home)
    backup = _backup(tongban_home, tmp_path / "out")
    new_pc = tmp_path / "new-pc"
    no_key = tongban("db", "restore", str(backup), "--yes", home=new_pc)
    assert no_key.returncode == 1 and "请先以经办人员身份登录" in no_key.stderr
    wrong = tongban("db", "restore", str(backup), "--yes", "--recovery-key-stdin", home=new_pc,
                    stdin="AAAA-" * 7 + "AAAA\n")
    assert wrong.returncode == 1 and "打不开这份备份" in wrong.stderr
    assert not (new_pc / "tongban.sqlite3").exists()
    done = tongban("db", "restore", str(backup), "--yes", "--recovery-key-stdin", home=new_pc, stdin=f"{recovery}\n")
    assert done.returncode == 0, done.stderr
    assert (new_pc / KEYRING).exists() and _opens(new_pc)


def test_restore_after_a_rotation_and_over_a_corrupt_database(tongban_home: Path, tmp_path: Path) -> None:
    old_recovery = _station(tongban_home)
    backup = _backup(tongban_home, tmp_path / "out")
    rotated = _as("admin", ADMIN_PW, "user", "rotate-key", "--json", home=tongban_home)
    assert rotated.returncode == 0, rotated.stderr
    new_recovery = json.loads(rotated.stdout)["recovery_key"]
    # The rotated station's recovery key is the right one for the station, not for the older backup.
    stale = tongban("db", "restore", str(backup), "--yes", "--recovery-key-stdin", home=tongban_home,
                    stdin=f"{new_recovery}\n")
    assert stale.returncode == 1 and "打不开这份备份" in stale.stderr
    done = _as("admin", ADMIN_PW, "db", "restore", str(backup), "--yes", home=tongban_home)
    assert done.returncode == 0, done.stderr
    assert _opens(tongban_home)  # back on the backup's key, same password
    assert vault.unlock(DataPaths(tongban_home), vault.Credentials(recovery_key=old_recovery))
    # Now the database is destroyed: opening says so, restore still works for an admin.
    db = tongban_home / "tongban.sqlite3"
    db.write_bytes(b"\x00garbage" * 4096)
    for suffix in ("-wal", "-shm"):
        (tongban_home / f"tongban.sqlite3{suffix}").unlink(missing_ok=True)
    broken = _as("admin", ADMIN_PW, "user", "list", home=tongban_home)
    assert broken.returncode == 1 and "数据库文件已损坏" in broken.stderr
    assert "Traceback" not in broken.stderr
    done = _as("admin", ADMIN_PW, "db", "restore", str(backup), "--yes", home=tongban_home)
    assert done.returncode == 0, done.stderr
    assert _opens(tongban_home)
    kept = sorted(DataPaths(tongban_home).backups.glob("tongban-pre-restore-*.sqlite3"))
    assert kept[-1].read_bytes().startswith(b"\x00garbage")  # the damaged file is kept as it was


def _hostile(backup: Path, out: Path, name: str) -> Path:
    """The backup with one more entry ``name``, listed in its manifest with the right hash."""
    payload = b"planted by a hostile backup"
    with zipfile.ZipFile(backup) as src, zipfile.ZipFile(out, "w") as dst:
        manifest = json.loads(src.read(MANIFEST))
        for item in src.infolist():
            if item.filename != MANIFEST:
                dst.writestr(item, src.read(item.filename))
        manifest["entries"][name] = hashlib.sha256(payload).hexdigest()
        dst.writestr(name, payload)
        dst.writestr(MANIFEST, json.dumps(manifest))
    return out


@pytest.mark.parametrize("style", ["absolute", "dotdot", "unlisted"])
def test_restore_refuses_entries_outside_the_backup_layout(demo_store: Store, tmp_path: Path, style: str) -> None:
    from models.backup import create_backup, restore_backup, verify_backup

    assert isinstance(demo_store, Store)
    info = create_backup(demo_store.paths, tmp_path / "out")
    victim = tmp_path / "victim" / "planted.txt"
    victim.parent.mkdir()
    name = {"absolute": f"media/{victim}", "dotdot": "media/../../../victim/planted.txt",
            "unlisted": "media/" + "ab" * 32}[style]
    hostile = _hostile(info.path, tmp_path / "hostile.zip", name)
    if style == "unlisted":  # in the zip, not in the manifest
        with zipfile.ZipFile(info.path) as src, zipfile.ZipFile(hostile, "w") as dst:
            for item in src.infolist():
                dst.writestr(item, src.read(item.filename))
            dst.writestr(name, b"x")
    before = demo_store.paths.database.read_bytes()
    for attempt in (verify_backup, lambda b: restore_backup(demo_store.paths, b)):
        with pytest.raises(UserFacingError) as refused:
            attempt(hostile)
        assert refused.value.code == "backup.bad_entry"
    assert not victim.exists() and not list(tmp_path.rglob("planted.txt"))
    assert demo_store.paths.database.read_bytes() == before
    assert not list(demo_store.paths.backups.glob("tongban-pre-restore-*"))


def test_restore_cli_refuses_a_zip_slip_backup(tongban_home: Path, tmp_path: Path) -> None:
    _station(tongban_home)
    backup = _backup(tongban_home, tmp_path / "out")
    hostile = _hostile(backup, tmp_path / "hostile.zip", "media/../../escaped.txt")
    refused = _as("admin", ADMIN_PW, "db", "restore", str(hostile), "--yes", home=tongban_home)
    assert refused.returncode == 1 and "不属于备份格式" in refused.stderr
    assert not list(tmp_path.rglob("escaped.txt"))
    shutil.rmtree(tmp_path / "out")
