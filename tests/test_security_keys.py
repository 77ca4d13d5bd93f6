"""Encryption at rest, the keyring, passwords, lockout and the recovery key, on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.demo import DEMO_PASSWORDS, DEMO_PEOPLE, demo_id_number
from models.errors import UserFacingError
from models.paths import DataPaths
from models.security import vault
from models.security.vault import Credentials
from models.store import Store


def tongban(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TONGBAN_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "desktop.cli.main", *args], capture_output=True, text=True,
                          env=env, input=stdin, timeout=120)


def _all_bytes(root: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in root.rglob("*") if p.is_file()]


def test_demo_station_data_directory_holds_no_personal_data_in_clear(tongban_home: Path, tmp_path: Path) -> None:
    init = tongban("init", "--demo", "--json", home=tongban_home)
    assert init.returncode == 0, init.stderr
    recovery = json.loads(init.stdout)["recovery_key"]
    assert recovery and len(recovery.replace("-", "")) == 32
    # A material photo naming a demo person, written through the store like the intake does.
    from models.media import read_verified, store_bytes
    from models.store import open_store

    page = "申请人 王演示 身份证号 {}".format(demo_id_number("19580312", "101")).encode()
    st = open_store(DataPaths(tongban_home))
    sha = store_bytes(st.paths.media, page)
    assert read_verified(st.paths.media, sha) == page
    data_key = st.unlocked.data_key if st.unlocked else b""
    st.close()
    # More work in a second process, so the WAL and logs have seen real use; a backup (zip of the
    # database, keyring and media) and a rotation of the data key leave files of their own.
    assert tongban("case", "list", home=tongban_home).returncode == 0
    case_no = json.loads(tongban("case", "list", "--json", home=tongban_home).stdout)[0]["case_no"]
    assert tongban("case", "show", case_no, home=tongban_home).returncode == 0
    backup = tongban("db", "backup", "--json", home=tongban_home)
    assert backup.returncode == 0, backup.stderr
    assert tongban("user", "rotate-key", home=tongban_home).returncode == 0

    copy = tmp_path / "stolen"
    import shutil

    shutil.copytree(tongban_home, copy)
    needles = [name.encode() for name, _b, _s in DEMO_PEOPLE]
    needles += [demo_id_number(b, s).encode() for _n, b, s in DEMO_PEOPLE]
    needles += [name.encode("utf-16-le") for name, _b, _s in DEMO_PEOPLE]
    needles += [recovery.encode(), data_key.hex().encode(), data_key]
    files = _all_bytes(copy)
    assert any(p.name == "tongban.sqlite3" for p, _ in files)
    assert any(len(p.name) == 64 for p, _ in files)  # the material file is there
    assert any(p.suffix == ".log" or ".log" in p.name for p, _ in files)  # and the log
    import zipfile

    zips = [p for p, _ in files if p.suffix == ".zip"]
    assert zips  # the backup: its entries are compressed, so they are searched one by one too
    for zpath in zips:
        with zipfile.ZipFile(zpath) as zf:
            files += [(zpath / name, zf.read(name)) for name in zf.namelist()]
    for path, content in files:
        for needle in needles:
            assert needle not in content, f"{needle!r} in clear in {path.relative_to(copy)}"
    # And it is not just compressed: the plain sqlite3 module cannot read it.
    import sqlite3

    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(copy / "tongban.sqlite3").execute("SELECT * FROM person").fetchall()


def test_wrong_password_then_lockout_then_admin_lifts_it(tongban_home: Path) -> None:
    paths = DataPaths(tongban_home).ensure()
    vault.create_keyring(paths, {"admin": "correct-horse", "shouli": "battery-staple"})
    with pytest.raises(UserFacingError) as wrong:
        vault.unlock(paths, Credentials("shouli", "not-it-at-all"))
    assert wrong.value.code == "auth.bad_credentials"
    with pytest.raises(UserFacingError) as unknown:
        vault.unlock(paths, Credentials("nobody", "battery-staple"))
    assert unknown.value.code == "auth.bad_credentials"  # same answer as a wrong password
    codes = []
    for _ in range(vault.MAX_FAILURES - 1):
        with pytest.raises(UserFacingError) as exc:
            vault.unlock(paths, Credentials("shouli", "still-wrong"))
        codes.append(exc.value.code)
    assert codes[-1] == "auth.locked_out"
    with pytest.raises(UserFacingError) as locked:
        vault.unlock(paths, Credentials("shouli", "battery-staple"))  # right password, still locked
    assert locked.value.code == "auth.locked_out" and locked.value.params["minutes"] >= 1
    from desktop.messages import render

    assert "已锁定" in render(locked.value)
    assert vault.unlock(paths, Credentials("admin", "correct-horse")).login == "admin"  # others unaffected
    vault.unlock_login(paths, "shouli")
    assert vault.unlock(paths, Credentials("shouli", "battery-staple")).login == "shouli"


def test_an_unknown_login_locks_out_like_a_real_one(tongban_home: Path) -> None:
    """Issue 17 item 12: after five tries a real login said 已锁定 and an unknown one did not,
    which told them apart. Both are counted (in login-failures.json, not in the keyring)."""
    paths = DataPaths(tongban_home).ensure()
    vault.create_keyring(paths, {"admin": "correct-horse"})
    keyring_before = (tongban_home / "keyring.json").read_bytes()
    answers = {}
    for login in ("admin", "nobody"):
        codes = []
        for _ in range(vault.MAX_FAILURES + 1):
            with pytest.raises(UserFacingError) as exc:
                vault.unlock(paths, Credentials(login, "wrong-wrong"))
            codes.append(exc.value.code)
        answers[login] = codes
    assert answers["admin"] == answers["nobody"]
    assert answers["admin"][-2:] == ["auth.locked_out", "auth.locked_out"]
    assert (tongban_home / "keyring.json").read_bytes() == keyring_before  # failures never rewrite it


def test_each_password_and_the_recovery_key_open_the_same_key_none_is_stored(tongban_home: Path) -> None:
    paths = DataPaths(tongban_home).ensure()
    recovery, data_key, hashes = vault.create_keyring(paths, {"admin": "correct-horse", "shenhe": "reviewer-pw"})
    assert vault.unlock(paths, Credentials("admin", "correct-horse")).data_key == data_key
    assert vault.unlock(paths, Credentials("shenhe", "reviewer-pw")).data_key == data_key
    assert vault.unlock(paths, Credentials(recovery_key=recovery.lower().replace("-", " "))).data_key == data_key
    with pytest.raises(UserFacingError) as bad:
        vault.unlock(paths, Credentials(recovery_key="AAAA-" * 7 + "AAAA"))
    assert bad.value.code == "auth.bad_recovery_key"
    text = (tongban_home / "keyring.json").read_text()
    assert data_key.hex() not in text and recovery not in text and "correct-horse" not in text
    assert hashes["admin"].startswith("scrypt$") and hashes["admin"] != hashes["shenhe"]
    with pytest.raises(UserFacingError) as weak:
        vault.set_password(paths, data_key, "x", "short")
    assert weak.value.code == "auth.weak_password"


def test_cli_needs_a_login_on_a_real_station_and_recovery_resets_a_password(tongban_home: Path) -> None:
    init = tongban("init", "--name", "某镇医保服务站", "--admdvs", "522701100", "--level", "乡镇",
                   "--station-no", "002", "--password-stdin", "--json", home=tongban_home, stdin="first-admin-pw\n")
    assert init.returncode == 0, init.stderr
    recovery = json.loads(init.stdout)["recovery_key"]
    assert not vault.is_plaintext_database(tongban_home / "tongban.sqlite3")
    locked = tongban("case", "list", home=tongban_home)
    assert locked.returncode == 1 and "请先以经办人员身份登录" in locked.stderr
    ok = tongban("user", "list", "--login", "admin", "--password-stdin", home=tongban_home, stdin="first-admin-pw\n")
    assert ok.returncode == 0 and "admin" in ok.stdout, ok.stderr
    wrong = tongban("user", "list", "--login", "admin", "--password-stdin", home=tongban_home, stdin="nope-nope\n")
    assert wrong.returncode == 1 and "登录名或密码不正确" in wrong.stderr
    reset = tongban("user", "reset-password", "admin", "--recovery-key-stdin", home=tongban_home,
                    stdin=f"{recovery}\nbrand-new-pw\n")
    assert reset.returncode == 0, reset.stderr
    old = tongban("user", "list", "--login", "admin", "--password-stdin", home=tongban_home, stdin="first-admin-pw\n")
    assert old.returncode == 1
    new = tongban("user", "list", "--login", "admin", "--password-stdin", home=tongban_home, stdin="brand-new-pw\n")
    assert new.returncode == 0, new.stderr


def test_protecting_an_older_plaintext_station_encrypts_database_backups_and_media(demo_store: Store) -> None:
    from models.media import MAGIC, media_path, read_verified, store_bytes
    from models.security.setup import open_as, protect

    assert isinstance(demo_store, Store)
    paths = demo_store.paths
    sha = store_bytes(paths.media, "李演示 的户口簿".encode())
    demo_store.close()
    assert vault.is_plaintext_database(paths.database)
    protected = protect(paths, "admin", "admin-password")
    st = open_as(paths, "admin", "admin-password")
    try:
        assert not vault.is_plaintext_database(paths.database)
        assert media_path(paths.media, sha).read_bytes().startswith(MAGIC)
        assert read_verified(paths.media, sha) == "李演示 的户口簿".encode()
        with st.db.read() as session:
            from sqlalchemy import text

            assert session.execute(text("SELECT count(*) FROM person")).scalar() == len(DEMO_PEOPLE)
    finally:
        st.close()
    assert protected.recovery_key
    for path, content in _all_bytes(paths.root):
        assert "李演示".encode() not in content, path
    assert DEMO_PASSWORDS["admin"] == "demo-admin"


def test_sealed_secret_round_trips_only_with_the_data_key(tongban_home: Path) -> None:
    from models.security.keys import PREFIX, open_secret, seal_secret
    from models.security.setup import ensure_demo

    store, _recovery, _summary = ensure_demo(DataPaths(tongban_home))
    try:
        with store.db.write() as session:
            sealed = seal_secret(session, "-----BEGIN PRIVATE KEY-----\nabc\n", "sync-identity")
            assert sealed.startswith(PREFIX) and "PRIVATE" not in sealed
            assert open_secret(session, sealed, "sync-identity").startswith("-----BEGIN PRIVATE KEY-----")
            assert open_secret(session, "legacy-pem", "sync-identity") == "legacy-pem"
            with pytest.raises(UserFacingError):
                open_secret(session, sealed, "another-purpose")
    finally:
        store.close()


def test_station_signing_key_is_sealed_with_the_data_key(protected_store: Store) -> None:
    from models.security.keys import PREFIX
    from sync.identity import ensure_identity, station_auth

    assert isinstance(protected_store, Store)
    with protected_store.db.write() as session:
        ident = ensure_identity(session)
        assert ident.private_key.startswith(PREFIX) and "PRIVATE KEY" not in ident.private_key
        auth = station_auth(session)
    # The unsealed key signs: its public half is the one enrolled with the hub.
    from sync import protocol as p

    assert p.public_key_b64(auth.key.public_key()) == ident.public_key


def test_the_station_files_are_private_to_its_user(tongban_home: Path, tmp_path: Path) -> None:
    """Issue 17: the database, backups and logs were created 0644 in a 0755 directory."""
    import os
    import stat
    import subprocess
    import sys

    if os.name != "posix":
        pytest.skip("POSIX permissions")
    tongban_home.mkdir(mode=0o755)  # as an earlier version left it
    os.chmod(tongban_home, 0o755)
    env = {**os.environ, "TONGBAN_HOME": str(tongban_home)}
    for args in (["init", "--demo"], ["db", "backup"]):
        done = subprocess.run([sys.executable, "-c", "import os, sys; os.umask(0o022); "
                               "from desktop.cli.main import main; sys.exit(main(sys.argv[1:]))", *args],
                              env=env, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
        assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(tongban_home.stat().st_mode) == 0o700
    files = [p for p in tongban_home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".zip" for p in files) and any(p.name == "tongban.sqlite3" for p in files)
    loose = {str(p.relative_to(tongban_home)): oct(stat.S_IMODE(p.stat().st_mode)) for p in files
             if stat.S_IMODE(p.stat().st_mode) & 0o077}
    assert loose == {}
    for d in (p for p in tongban_home.rglob("*") if p.is_dir()):
        assert stat.S_IMODE(d.stat().st_mode) & 0o077 == 0, d
