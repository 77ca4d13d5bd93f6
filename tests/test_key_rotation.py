"""Rotating the data key after a clerk is disabled: real SQLCipher files, real media, real crashes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import audit
from models.db import connect_raw
from models.errors import UserFacingError
from models.media import read_verified, store_bytes
from models.orm import Case
from models.paths import DataPaths
from models.security import clerks, crypto, vault
from models.security.auth import ClerkSession, open_and_login
from models.security.keyring import clerk_slot
from models.security.rotation import staging_dir
from models.security.vault import Credentials
from models.store import Store
from tests.cli_helpers import tongban

PHOTOS = [f"材料照片 {n} ".encode() * 200 for n in range(5)]


def _demo(home: Path) -> tuple[DataPaths, str]:
    from models.security.setup import ensure_demo

    paths = DataPaths(home)
    st, recovery, _summary = ensure_demo(paths)
    assert recovery
    for photo in PHOTOS:
        store_bytes(paths.media, photo)
    with st.db.write() as session:  # the station's signing key, sealed with the data key
        from sync.identity import ensure_identity

        ensure_identity(session)
    st.close()
    return paths, recovery


def _admin(paths: DataPaths) -> tuple[Store, ClerkSession]:
    return open_and_login(paths, Credentials("admin", "demo-admin"))


def _opens(path: Path, key: bytes) -> bool:
    con = connect_raw(path, key=key)
    try:
        con.execute("SELECT count(*) FROM clerk").fetchone()
        return True
    except Exception:  # sqlcipher3's DatabaseError: file is not a database (wrong key)
        return False
    finally:
        con.close()


def _check_station(paths: DataPaths, key_id: str) -> None:
    """Opens with a password, the key is ``key_id``, every case, photo, secret and the audit chain intact."""
    st, _admin_session = _admin(paths)
    try:
        assert vault.load_keyring(paths).key_id == key_id
        assert st.unlocked is not None and vault.key_id(st.unlocked.data_key) == key_id
        for photo in PHOTOS:
            assert read_verified(paths.media, crypto_sha(photo)) == photo
        with st.db.read() as session:
            assert session.scalar(select(func.count()).select_from(Case)) == 5
            assert audit.verify(session).ok
            from sync.identity import identity, private_key

            ident = identity(session)
            assert ident is not None and private_key(session, ident) is not None
    finally:
        st.close()
    assert not staging_dir(paths).exists()


def crypto_sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def test_disabled_clerk_with_an_old_keyring_copy_opens_nothing_after_rotation(
    tongban_home: Path, tmp_path: Path
) -> None:
    paths, old_recovery = _demo(tongban_home)
    stolen_keyring = tmp_path / "keyring-copied-by-dayin.json"
    shutil.copy(paths.root / "keyring.json", stolen_keyring)
    st, admin = _admin(paths)
    old_key = st.unlocked.data_key if st.unlocked else b""
    from models.migrate import backup_database

    copy = backup_database(paths.database, paths.backups, "pre-migration")  # keyed like the live file
    try:
        assert clerks.disable_clerk(st, admin, "dayin") is True
        result = clerks.rotate_key(st, admin, reason="disable")
        # The store stays usable on the new key.
        with st.db.read() as session:
            assert session.scalar(select(func.count()).select_from(Case)) == 5
            last = audit.entries(session, limit=2)
            assert [e.action for e in last] == ["key.rotate", "clerk.disable"]
            assert last[0].clerk_login == "admin" and "dayin" not in last[0].detail
    finally:
        st.close()
    assert result.media_files == len(PHOTOS) and result.database_copies == 1
    assert result.damaged_files == [] and result.need_password_reset == []
    new_key = vault.unlock(paths, Credentials("shouli", "demo-shouli")).data_key
    assert new_key != old_key and result.key_id == vault.key_id(new_key)

    # The copied keyring and dayin's password still give the OLD key, which opens nothing now.
    thief = DataPaths(tmp_path / "thief")
    thief.root.mkdir()
    shutil.copy(stolen_keyring, thief.root / "keyring.json")
    assert vault.unlock(thief, Credentials("dayin", "demo-dayin")).data_key == old_key
    assert not _opens(paths.database, old_key) and _opens(paths.database, new_key)
    assert not _opens(copy, old_key) and _opens(copy, new_key)
    raw = (paths.media / crypto_sha(PHOTOS[0])[:2] / crypto_sha(PHOTOS[0])[2:4] / crypto_sha(PHOTOS[0])).read_bytes()
    with pytest.raises(UserFacingError):
        from models.media import recrypt

        recrypt(raw, crypto_sha(PHOTOS[0]), old_key, old_key)  # the old key no longer decrypts it

    # dayin is gone from the new keyring; the others keep their passwords; a new recovery key.
    ring = vault.load_keyring(paths)
    assert clerk_slot("dayin") not in ring.slots and ring.logins() == ["admin", "shenhe", "shouli", "tongbu"]
    with pytest.raises(UserFacingError) as gone:
        vault.unlock(paths, Credentials("dayin", "demo-dayin"))
    assert gone.value.code == "auth.bad_credentials"
    with pytest.raises(UserFacingError):
        vault.unlock(paths, Credentials(recovery_key=old_recovery))
    assert vault.unlock(paths, Credentials(recovery_key=result.recovery_key)).data_key == new_key
    assert result.recovery_key not in (paths.root / "keyring.json").read_text()
    _check_station(paths, result.key_id)


def test_an_exception_midway_leaves_the_station_on_the_old_key(tongban_home: Path) -> None:
    paths, _recovery = _demo(tongban_home)
    before = vault.load_keyring(paths).key_id
    st, admin = _admin(paths)

    def fail_at_third_file(step: object) -> None:
        if getattr(step, "label", "") == "重新加密材料文件" and getattr(step, "done", 0) == 3:
            raise OSError(28, "No space left on device")

    try:
        with pytest.raises(OSError):
            clerks.rotate_key(st, admin, progress=fail_at_third_file)
        with st.db.read() as session:  # the store reopened on the old key
            assert session.scalar(select(func.count()).select_from(Case)) == 5
    finally:
        st.close()
    assert not staging_dir(paths).exists()
    _check_station(paths, before)


def test_rotation_refuses_while_another_connection_has_the_station_open(tongban_home: Path) -> None:
    paths, _recovery = _demo(tongban_home)
    counter, _clerk = open_and_login(paths, Credentials("shouli", "demo-shouli"))  # the counter, still open
    st, admin = _admin(paths)
    try:
        with counter.db.read() as session:
            session.scalar(select(func.count()).select_from(Case))
        with pytest.raises(UserFacingError) as busy:
            clerks.rotate_key(st, admin)
        assert busy.value.code == "auth.rotation_busy"
        from desktop.messages import render

        assert "请先关闭" in render(busy.value)
        with pytest.raises(UserFacingError) as forbidden:  # and only an admin may rotate
            clerks.rotate_key(counter, _clerk)
        assert forbidden.value.code == "auth.forbidden"
    finally:
        st.close()
        counter.close()
    assert not staging_dir(paths).exists()


CHILD = """
import os, signal, sys
from models.paths import DataPaths
from models.security import clerks
from models.security.auth import open_and_login
from models.security.vault import Credentials

label, at = sys.argv[1], int(sys.argv[2])
from pathlib import Path
paths = DataPaths(Path(os.environ["TONGBAN_HOME"]))
st, admin = open_and_login(paths, Credentials("admin", "demo-admin"))

def crash(step):
    if step.label == label and step.done == at:
        os.kill(os.getpid(), signal.SIGKILL)

clerks.rotate_key(st, admin, progress=crash)
print("NOT KILLED")
"""


@pytest.mark.parametrize(
    ("label", "at", "rotated"),
    [("重新加密材料文件", 3, False), ("切换到新密钥", 2, True), ("切换到新密钥", 6, True)],
    ids=["while-staging", "after-commit-early", "after-commit-late"],
)
def test_sigkill_mid_rotation_leaves_a_station_on_the_old_or_the_new_key(
    tongban_home: Path, label: str, at: int, rotated: bool
) -> None:
    paths, _recovery = _demo(tongban_home)
    before = vault.load_keyring(paths).key_id
    env = {**os.environ, "TONGBAN_HOME": str(tongban_home)}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, label, str(at)], env=env, capture_output=True, text=True, timeout=120
    )
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr
    stage = staging_dir(paths)
    assert stage.exists()
    assert (stage / "COMMITTED").exists() is rotated
    if rotated:
        committed_id = (stage / "COMMITTED").read_text()
        assert committed_id != before
        _check_station(paths, committed_id)  # opening finishes the switch-over first
    else:
        _check_station_without_cleanup(paths, before)
        st, admin = _admin(paths)  # the next rotation throws the abandoned staging away and succeeds
        try:
            result = clerks.rotate_key(st, admin)
        finally:
            st.close()
        _check_station(paths, result.key_id)


def _check_station_without_cleanup(paths: DataPaths, key_id: str) -> None:
    st, _a = _admin(paths)
    try:
        assert vault.load_keyring(paths).key_id == key_id
        for photo in PHOTOS:
            assert read_verified(paths.media, crypto_sha(photo)) == photo
        with st.db.read() as session:
            assert session.scalar(select(func.count()).select_from(Case)) == 5
    finally:
        st.close()


def test_a_slot_from_before_key_pairs_is_upgraded_at_login_or_reported(tongban_home: Path) -> None:
    paths = DataPaths(tongban_home).ensure()
    _recovery, data_key, _hashes = vault.create_keyring(paths, {"admin": "admin-password", "old": "old-password"})
    ring = vault.load_keyring(paths)
    params = crypto.KdfParams.fresh()
    keys = crypto.derive_password_keys("old-password", params)
    aad = f"tongban-keyring/{ring.key_id}/clerk:old".encode()
    ring.slots["clerk:old"] = {**params.as_dict(), "wrapped": crypto.b64(crypto.seal(keys.wrap_key, data_key, aad))}
    ring.save()
    new, _rec, skipped = vault.rewrapped(vault.load_keyring(paths), crypto.new_data_key(), ["admin", "old"])
    assert skipped == ["old"] and "clerk:old" not in new.slots  # reported: an admin resets that password
    assert vault.unlock(paths, Credentials("old", "old-password")).data_key == data_key
    upgraded = vault.load_keyring(paths).slots["clerk:old"]
    assert "public" in upgraded and upgraded["salt"] == params.as_dict()["salt"]  # same salt: same verifier
    assert vault.unlock(paths, Credentials("old", "old-password")).data_key == data_key
    _new, _rec, skipped = vault.rewrapped(vault.load_keyring(paths), crypto.new_data_key(), ["admin", "old"])
    assert skipped == []


def test_cli_disable_rotates_by_default_and_shows_the_new_recovery_key(tongban_home: Path) -> None:
    paths, _recovery = _demo(tongban_home)
    before = vault.load_keyring(paths).key_id
    kept = tongban("user", "disable", "tongbu", "--no-rotate-key", home=tongban_home)
    assert kept.returncode == 0, kept.stderr
    assert vault.load_keyring(paths).key_id == before and "恢复密钥" not in kept.stdout
    done = tongban("user", "disable", "dayin", "--json", home=tongban_home)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    rotation = out["rotation"]
    assert out["disabled"] == "dayin" and rotation["key_id"] == vault.load_keyring(paths).key_id != before
    assert vault.unlock(paths, Credentials(recovery_key=rotation["recovery_key"])).login is None
    text = tongban(
        "user", "rotate-key", "--login", "shenhe", "--password-stdin", home=tongban_home, stdin="demo-shenhe\n"
    )
    assert text.returncode == 1 and "审核员无权执行" in text.stderr
    again = tongban("user", "rotate-key", home=tongban_home)
    assert again.returncode == 0, again.stderr
    assert "新的恢复密钥" in again.stdout and "请新做一次备份" in again.stdout
    _check_station(paths, vault.load_keyring(paths).key_id)


def test_rotation_keeps_the_hub_key_and_the_held_audit_entries(tongban_home: Path) -> None:
    """Two things sealed with the data key outside the database: the hub's USB-bundle keys
    (hub-key.json) and audit entries held while the disk was full. Both survive a rotation."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from models import deferred_log
    from sync.bundle import HubKeyCard, load_hub_key, save_hub_key

    paths, _recovery = _demo(tongban_home)
    st, admin = _admin(paths)
    try:
        card = HubKeyCard.for_key(Ed25519PrivateKey.generate())
        save_hub_key(st, card)
        held = deferred_log.new_entry("print", "document:receipt", clerk=admin, detail={"copies": 1})
        deferred_log.defer(st.db, held)  # as if the disk had been full at that print
        clerks.rotate_key(st, admin, reason="manual")
        assert load_hub_key(st) == card  # re-sealed under the new key, not "keyring damaged"
        with st.db.read() as session:
            actions = [e.action for e in audit.entries(session, limit=3)]
            assert audit.verify(session).ok
        assert actions[:2] == ["key.rotate", "print"]  # chained before the rotation, not lost
        assert deferred_log.pending(st.db) == []
    finally:
        st.close()
    reopened, _clerk = open_and_login(paths, Credentials("shouli", "demo-shouli"))
    try:
        assert load_hub_key(reopened) == card
    finally:
        reopened.close()
