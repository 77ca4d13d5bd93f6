"""Creating, unlocking and maintaining the station's keyring (see keyring.py).

One random 256-bit data key per station. It encrypts the database (SQLCipher, raw key, no
passphrase stretching of its own) and, through a derived subkey, every material file. It is
stored only wrapped: once per clerk under a key derived from the clerk's password (scrypt),
and once under the recovery key printed at set-up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from models import clock
from models.errors import UserFacingError
from models.paths import DataPaths
from models.security import crypto
from models.security.keyring import RECOVERY_SLOT, Failures, Keyring, clerk_slot, keyring_path

logger = logging.getLogger(__name__)

#: Consecutive wrong passwords before a login is locked, and for how long.
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8

_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Credentials:
    """What a clerk typed: a login and password, or the recovery key."""

    login: str | None = None
    password: str | None = field(default=None, repr=False)
    recovery_key: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Unlocked:
    data_key: bytes = field(repr=False)
    #: The clerk whose password opened the keyring (None: the recovery key did).
    login: str | None
    #: The password verifier, to compare with Clerk.password_hash.
    verifier: bytes | None = field(default=None, repr=False)


def is_protected(paths: DataPaths) -> bool:
    return keyring_path(paths).exists()


def load_keyring(paths: DataPaths) -> Keyring:
    try:
        return Keyring.load(keyring_path(paths))
    except FileNotFoundError as exc:
        raise UserFacingError("auth.not_protected") from exc


def key_id(data_key: bytes) -> str:
    return hashlib.sha256(crypto.subkey(data_key, "key-id")).hexdigest()[:16]


def check_password_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserFacingError("auth.weak_password", minimum=MIN_PASSWORD_LENGTH)


def create_keyring(
    paths: DataPaths, passwords: dict[str, str], *, demo: bool = False
) -> tuple[str, bytes, dict[str, str]]:
    """A new data key wrapped for each ``login: password`` and by a new recovery key.

    Returns the recovery key (to print once, never stored), the data key, and each login's
    value for Clerk.password_hash.
    """
    path = keyring_path(paths)
    if path.exists():
        raise UserFacingError("auth.already_protected")
    for password in passwords.values():
        check_password_policy(password)
    data_key = crypto.new_data_key()
    ring = Keyring(path, key_id(data_key), demo=demo)
    recovery = crypto.new_recovery_key()
    ring.slots[RECOVERY_SLOT] = _recovery_slot(ring, data_key, recovery)
    hashes = {login: _put_clerk_slot(ring, data_key, login, pw) for login, pw in passwords.items()}
    ring.save()
    return recovery, data_key, hashes


def set_password(paths: DataPaths, data_key: bytes, login: str, password: str) -> str:
    """Wrap the data key for ``login`` under ``password``; returns the value for Clerk.password_hash."""
    check_password_policy(password)
    ring = load_keyring(paths)
    _check_key(ring, data_key)
    stored = _put_clerk_slot(ring, data_key, login, password)
    ring.failures.pop(login, None)
    ring.save()
    return stored


def remove_password(paths: DataPaths, login: str) -> None:
    """Drop ``login``'s wrapped copy: that password no longer opens the station."""
    ring = load_keyring(paths)
    ring.slots.pop(clerk_slot(login), None)
    ring.failures.pop(login, None)
    ring.save()


def unlock(paths: DataPaths, credentials: Credentials | None) -> Unlocked:
    """The data key, from a clerk's password or the recovery key. Counts failures, locks out."""
    ring = load_keyring(paths)
    if credentials is None or not (credentials.recovery_key or credentials.login):
        if not ring.demo:
            raise UserFacingError("auth.login_required")
        from models.demo import DEMO_PASSWORDS, DEMO_UNLOCK_LOGIN

        credentials = Credentials(DEMO_UNLOCK_LOGIN, DEMO_PASSWORDS[DEMO_UNLOCK_LOGIN])
    if credentials.recovery_key:
        return _unlock_recovery(ring, credentials.recovery_key)
    login = (credentials.login or "").strip()
    _refuse_if_locked(ring, login)
    slot = ring.slots.get(clerk_slot(login))
    password = credentials.password or ""
    if slot is None:
        # Same work as a real try, so a wrong login cannot be told from a wrong password.
        crypto.derive_password_keys(password, crypto.KdfParams.fresh())
        raise UserFacingError("auth.bad_credentials")
    params = crypto.KdfParams.from_dict(slot)
    keys = crypto.derive_password_keys(password, params)
    name = clerk_slot(login)
    try:
        if "public" in slot:
            private = crypto.unseal(keys.wrap_key, crypto.unb64(slot["private"]), _private_aad(name))
        else:  # a slot written before key rotation existed: the data key sealed to the password
            data_key = crypto.unseal(keys.wrap_key, crypto.unb64(slot["wrapped"]), _aad(ring, name))
    except crypto.DecryptError:
        _count_failure(ring, login)
        _refuse_if_locked(ring, login)
        raise UserFacingError("auth.bad_credentials") from None
    dirty = ring.failures.pop(login, None) is not None
    if "public" in slot:
        try:
            data_key = crypto.open_sealed(private, crypto.unb64(slot["wrapped"]), _aad(ring, name))
        except crypto.DecryptError:
            raise UserFacingError("auth.keyring_damaged") from None
        _check_key(ring, data_key)
    else:
        _check_key(ring, data_key)
        # Upgrade in place (same salt, so Clerk.password_hash stays valid): from now on the
        # data key can be rotated and re-wrapped for this clerk without the password.
        ring.slots[name] = _slot_for(ring, data_key, name, params, keys)
        dirty = True
    if dirty:
        _save_bookkeeping(ring, "login bookkeeping")
    return Unlocked(data_key, login, keys.verifier)


def verifier_matches(stored: str | None, verifier: bytes | None) -> bool:
    """Compare Clerk.password_hash with the verifier a successful unlock produced."""
    if not stored or verifier is None or not stored.startswith("scrypt$"):
        return False
    return crypto.same(crypto.unb64(stored.rsplit("$", 1)[1]), verifier)


def failures_of(paths: DataPaths, login: str) -> Failures:
    return load_keyring(paths).failures.get(login, Failures())


def unlock_login(paths: DataPaths, login: str) -> None:
    """An admin lifts a lockout."""
    ring = load_keyring(paths)
    if ring.failures.pop(login, None) is not None:
        ring.save()


# ---- converting a plaintext store (stations set up before encryption, or by tests) ----


def is_plaintext_database(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == _SQLITE_HEADER
    except FileNotFoundError:
        return False


def encrypt_database_file(path: Path, data_key: bytes) -> None:
    """Rewrite a plaintext SQLite file encrypted (sqlcipher_export), atomically."""
    from models.db import cipher_dbapi, key_pragma

    tmp = path.with_name(path.name + ".encrypting")
    tmp.unlink(missing_ok=True)
    con = cipher_dbapi().connect(str(path))
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute(f"ATTACH DATABASE ? AS enc KEY {key_pragma(data_key)}", (str(tmp),))
        con.execute("SELECT sqlcipher_export('enc')")
        con.execute("DETACH DATABASE enc")
    finally:
        con.close()
    fd = os.open(tmp, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)


def protect_existing(paths: DataPaths, data_key: bytes) -> list[str]:
    """Encrypt whatever of this store is still in clear: database, pre-migration copies, media."""
    from models import media

    done: list[str] = []
    if is_plaintext_database(paths.database):
        encrypt_database_file(paths.database, data_key)
        done.append("database")
    if paths.backups.exists():
        for copy in sorted(paths.backups.glob("*.sqlite3")):
            if is_plaintext_database(copy):
                encrypt_database_file(copy, data_key)
                done.append(f"backup {copy.name}")
    count = media.encrypt_existing(paths.media, data_key)
    if count:
        done.append(f"{count} media files")
    if done:
        logger.info("encrypted what was still in clear: %s", ", ".join(done))
    return done


# ---- internals ----


def _aad(ring: Keyring, slot: str) -> bytes:
    return f"tongban-keyring/{ring.key_id}/{slot}".encode()


def _private_aad(slot: str) -> bytes:
    # Not bound to the key id: the clerk's key pair outlives a rotation of the data key.
    return f"tongban-keyring/{slot}/private-key".encode()


def _slot_for(
    ring: Keyring, data_key: bytes, slot: str, params: crypto.KdfParams, keys: crypto.PasswordKeys
) -> dict[str, object]:
    """A clerk's slot: a fresh X25519 key pair, its private half sealed under the password,
    and the data key sealed to its public half (so rotation can re-wrap without the password)."""
    private, public = crypto.new_keypair()
    return {
        **params.as_dict(),
        "public": crypto.b64(public),
        "private": crypto.b64(crypto.seal(keys.wrap_key, private, _private_aad(slot))),
        "wrapped": crypto.b64(crypto.seal_to(public, data_key, _aad(ring, slot))),
    }


def _put_clerk_slot(ring: Keyring, data_key: bytes, login: str, password: str) -> str:
    params = crypto.KdfParams.fresh()
    keys = crypto.derive_password_keys(password, params)
    ring.slots[clerk_slot(login)] = _slot_for(ring, data_key, clerk_slot(login), params, keys)
    return f"scrypt${params.n}${params.r}${params.p}${crypto.b64(params.salt)}${crypto.b64(keys.verifier)}"


def _recovery_slot(ring: Keyring, data_key: bytes, recovery: str) -> dict[str, object]:
    return {
        "kdf": "hkdf",
        "wrapped": crypto.b64(crypto.seal(crypto.recovery_wrap_key(recovery), data_key, _aad(ring, RECOVERY_SLOT))),
    }


def rewrapped(ring: Keyring, new_key: bytes, logins: list[str]) -> tuple[Keyring, str, list[str]]:
    """A keyring for ``new_key`` (rotation): each of ``logins`` re-wrapped to its public key,
    a new recovery key, no lockout counters carried over but the current ones.

    Returns the new keyring (not saved), the new recovery key and the logins that could not be
    re-wrapped (no slot, or a slot from before key pairs that was never opened since).
    """
    new = Keyring(ring.path, key_id(new_key), demo=ring.demo, failures=dict(ring.failures))
    recovery = crypto.new_recovery_key()
    new.slots[RECOVERY_SLOT] = _recovery_slot(new, new_key, recovery)
    skipped: list[str] = []
    for login in logins:
        name = clerk_slot(login)
        old = ring.slots.get(name)
        if old is None or "public" not in old:
            skipped.append(login)
            continue
        new.slots[name] = {
            **old,
            "wrapped": crypto.b64(crypto.seal_to(crypto.unb64(old["public"]), new_key, _aad(new, name))),
        }
    return new, recovery, skipped


def _unlock_recovery(ring: Keyring, recovery_key: str) -> Unlocked:
    _refuse_if_locked(ring, RECOVERY_SLOT)
    slot = ring.slots.get(RECOVERY_SLOT)
    if slot is None:
        raise UserFacingError("auth.bad_recovery_key")
    try:
        data_key = crypto.unseal(
            crypto.recovery_wrap_key(recovery_key), crypto.unb64(slot["wrapped"]), _aad(ring, RECOVERY_SLOT)
        )
    except crypto.DecryptError:
        _count_failure(ring, RECOVERY_SLOT)
        _refuse_if_locked(ring, RECOVERY_SLOT)
        raise UserFacingError("auth.bad_recovery_key") from None
    _check_key(ring, data_key)
    if ring.failures.pop(RECOVERY_SLOT, None) is not None:
        _save_bookkeeping(ring, "recovery failure reset")
    return Unlocked(data_key, None)


def _check_key(ring: Keyring, data_key: bytes) -> None:
    if key_id(data_key) != ring.key_id:
        raise UserFacingError("auth.keyring_damaged")


def _refuse_if_locked(ring: Keyring, login: str) -> None:
    failures = ring.failures.get(login)
    if failures and failures.locked_until:
        now = clock.now()
        if failures.locked_until > now:
            minutes = max(1, int((failures.locked_until - now).total_seconds() // 60) + 1)
            raise UserFacingError("auth.locked_out", minutes=minutes)


def _count_failure(ring: Keyring, login: str) -> None:
    failures = ring.failures.setdefault(login, Failures())
    if failures.locked_until and failures.locked_until <= clock.now():
        failures.count, failures.locked_until = 0, None  # the last lockout has run out
    failures.count += 1
    if failures.count >= MAX_FAILURES:
        failures.locked_until = clock.now() + LOCKOUT
        logger.warning("login locked for %s minutes after %s failures", LOCKOUT.seconds // 60, failures.count)
    _save_bookkeeping(ring, "failure count")


def _save_bookkeeping(ring: Keyring, what: str) -> None:
    """Failure counts and slot upgrades are saved when they can be; on read-only media or a full
    disk the clerk still gets the real answer (wrong password, or in), not an internal error.
    A failure count that could not be saved does not lock (the media cannot be written anyway)."""
    try:
        ring.save()
    except OSError as exc:
        logger.warning("keyring not saved (%s): %s", what, type(exc).__name__)
