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
from typing import NoReturn

from models import clock
from models.errors import UserFacingError
from models.paths import DataPaths
from models.security import crypto
from models.security.keyring import (
    RECOVERY_SLOT,
    FailureLog,
    Failures,
    Keyring,
    clerk_slot,
    keyring_lock,
    keyring_path,
)

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
    for password in passwords.values():
        check_password_policy(password)
    path.parent.mkdir(parents=True, exist_ok=True)
    with keyring_lock(paths.root):
        if path.exists():
            raise UserFacingError("auth.already_protected")
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
    params = crypto.KdfParams.fresh()
    keys = crypto.derive_password_keys(password, params)  # the slow part, outside the lock
    with keyring_lock(paths.root):
        ring = load_keyring(paths)
        _check_key(ring, data_key)
        ring.slots[clerk_slot(login)] = _slot_for(ring, data_key, clerk_slot(login), params, keys)
        ring.save()
        _clear_failures(paths, login)
    return _password_hash(params, keys)


def remove_password(paths: DataPaths, login: str) -> None:
    """Drop ``login``'s wrapped copy: that password no longer opens the station."""
    with keyring_lock(paths.root):
        ring = load_keyring(paths)
        ring.slots.pop(clerk_slot(login), None)
        ring.save()
        _clear_failures(paths, login)


def unlock(paths: DataPaths, credentials: Credentials | None) -> Unlocked:
    """The data key, from a clerk's password or the recovery key. Counts failures, locks out.

    Each try is counted *before* the key derivation (``_begin_try``, under the keyring lock),
    so parallel guesses cannot run more than ``MAX_FAILURES`` derivations, and a success clears
    the count. The keyring is read again under the lock once the password has proved right:
    a rotation that finished during the derivation has re-wrapped the new data key for the
    same clerk key pair, so the clerk gets the current key. A failed try writes nothing but
    the failure log.
    """
    ring = load_keyring(paths)
    if credentials is None or not (credentials.recovery_key or credentials.login):
        if not ring.demo:
            raise UserFacingError("auth.login_required")
        from models.demo import DEMO_PASSWORDS, DEMO_UNLOCK_LOGIN

        credentials = Credentials(DEMO_UNLOCK_LOGIN, DEMO_PASSWORDS[DEMO_UNLOCK_LOGIN])
    if credentials.recovery_key:
        return _unlock_recovery(paths, ring, credentials.recovery_key)
    login = (credentials.login or "").strip()
    name = clerk_slot(login)
    _begin_try(paths, login)
    slot = ring.slots.get(name)
    password = credentials.password or ""
    if slot is None:
        # Same work and the same counting as a real try, so a wrong login cannot be told from
        # a wrong password (also not by a lockout that only real logins would get).
        crypto.derive_password_keys(password, crypto.KdfParams.fresh())
        _failed(paths, login, "auth.bad_credentials")
    params = crypto.KdfParams.from_dict(slot)
    keys = crypto.derive_password_keys(password, params)
    try:
        if "public" in slot:
            private = crypto.unseal(keys.wrap_key, crypto.unb64(slot["private"]), _private_aad(name))
        else:  # a slot written before key rotation existed: the data key sealed to the password
            legacy_key = crypto.unseal(keys.wrap_key, crypto.unb64(slot["wrapped"]), _aad(ring, name))
    except crypto.DecryptError:
        _failed(paths, login, "auth.bad_credentials")
    with keyring_lock(paths.root):
        _clear_failures(paths, login, quiet=True)
        current = load_keyring(paths)
        now_slot = current.slots.get(name)
        if now_slot is None or now_slot.get("salt") != slot.get("salt"):
            # Disabled, or a new password set, while this one was being checked.
            raise UserFacingError("auth.bad_credentials")
        if "public" in slot:
            if now_slot.get("private") != slot["private"]:
                raise UserFacingError("auth.bad_credentials")
            try:
                data_key = crypto.open_sealed(private, crypto.unb64(now_slot["wrapped"]), _aad(current, name))
            except crypto.DecryptError:
                raise UserFacingError("auth.keyring_damaged") from None
            _check_key(current, data_key)
        else:
            if now_slot != slot:
                raise UserFacingError("auth.bad_credentials")
            data_key = legacy_key
            _check_key(current, data_key)
            # Upgrade in place (same salt, so Clerk.password_hash stays valid): from now on the
            # data key can be rotated and re-wrapped for this clerk without the password.
            current.slots[name] = _slot_for(current, data_key, name, params, keys)
            _save_bookkeeping(current, "slot upgrade")
    return Unlocked(data_key, login, keys.verifier)


def verifier_matches(stored: str | None, verifier: bytes | None) -> bool:
    """Compare Clerk.password_hash with the verifier a successful unlock produced."""
    if not stored or verifier is None or not stored.startswith("scrypt$"):
        return False
    return crypto.same(crypto.unb64(stored.rsplit("$", 1)[1]), verifier)


def failures_of(paths: DataPaths, login: str) -> Failures:
    return FailureLog.load(paths.root).get(login)


def locked_logins(paths: DataPaths) -> set[str]:
    """Logins whose lockout has not run out."""
    now = clock.now()
    return {
        login
        for login, f in FailureLog.load(paths.root).failures.items()
        if f.locked_until and f.locked_until > now
    }


def unlock_login(paths: DataPaths, login: str) -> None:
    """An admin lifts a lockout."""
    with keyring_lock(paths.root):
        _clear_failures(paths, login)


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
    return _password_hash(params, keys)


def _password_hash(params: crypto.KdfParams, keys: crypto.PasswordKeys) -> str:
    return f"scrypt${params.n}${params.r}${params.p}${crypto.b64(params.salt)}${crypto.b64(keys.verifier)}"


def _recovery_slot(ring: Keyring, data_key: bytes, recovery: str) -> dict[str, object]:
    return {
        "kdf": "hkdf",
        "wrapped": crypto.b64(crypto.seal(crypto.recovery_wrap_key(recovery), data_key, _aad(ring, RECOVERY_SLOT))),
    }


def rewrapped(ring: Keyring, new_key: bytes, logins: list[str]) -> tuple[Keyring, str, list[str]]:
    """A keyring for ``new_key`` (rotation): each of ``logins`` re-wrapped to its public key,
    a new recovery key (failure counts live apart, in login-failures.json).

    Returns the new keyring (not saved), the new recovery key and the logins that could not be
    re-wrapped (no slot, or a slot from before key pairs that was never opened since).
    """
    new = Keyring(ring.path, key_id(new_key), demo=ring.demo)
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


def _unlock_recovery(paths: DataPaths, ring: Keyring, recovery_key: str) -> Unlocked:
    _begin_try(paths, RECOVERY_SLOT)
    wrap_key = crypto.recovery_wrap_key(recovery_key)
    with keyring_lock(paths.root):
        current = load_keyring(paths)  # the recovery slot a rotation left, if one finished meanwhile
        slot = current.slots.get(RECOVERY_SLOT)
        try:
            if slot is None:
                raise crypto.DecryptError("no recovery slot")
            data_key = crypto.unseal(wrap_key, crypto.unb64(slot["wrapped"]), _aad(current, RECOVERY_SLOT))
        except crypto.DecryptError:
            data_key = None
        if data_key is not None:
            _check_key(current, data_key)
            _clear_failures(paths, RECOVERY_SLOT, quiet=True)
    if data_key is None:
        _failed(paths, RECOVERY_SLOT, "auth.bad_recovery_key")
    return Unlocked(data_key, None)


def _check_key(ring: Keyring, data_key: bytes) -> None:
    if key_id(data_key) != ring.key_id:
        raise UserFacingError("auth.keyring_damaged")


def _locked_error(failures: Failures) -> UserFacingError | None:
    if failures.locked_until:
        now = clock.now()
        if failures.locked_until > now:
            minutes = max(1, int((failures.locked_until - now).total_seconds() // 60) + 1)
            return UserFacingError("auth.locked_out", minutes=minutes)
    return None


def _begin_try(paths: DataPaths, login: str) -> None:
    """Refuse a locked login, else count this try as a failure up front (cleared on success).
    The fifth counted try sets the lockout, so a sixth parallel guess is refused before it
    runs the key derivation."""
    with keyring_lock(paths.root):
        log = FailureLog.load(paths.root)
        failures = log.failures.setdefault(login, Failures())
        locked = _locked_error(failures)
        if locked is not None:
            raise locked
        if failures.locked_until:  # the last lockout has run out
            failures.count, failures.locked_until = 0, None
        failures.count += 1
        if failures.count >= MAX_FAILURES:
            failures.locked_until = clock.now() + LOCKOUT
        try:
            log.save()
        except OSError as exc:
            # Read-only media or a full disk: the clerk still gets the real answer (wrong
            # password, or in), not an internal error; a count that cannot be saved cannot lock.
            logger.warning("login failure count not saved: %s", type(exc).__name__)


def _failed(paths: DataPaths, login: str, code: str) -> NoReturn:
    """The try (already counted) failed: say so, or that the login is now locked."""
    failures = FailureLog.load(paths.root).get(login)
    if failures.count >= MAX_FAILURES:
        logger.warning("login locked for %s minutes after %s failures", LOCKOUT.seconds // 60, failures.count)
    locked = _locked_error(failures)
    if locked is not None:
        raise locked
    raise UserFacingError(code)


def _clear_failures(paths: DataPaths, login: str, *, quiet: bool = False) -> None:
    """Reset ``login``'s count (caller holds the keyring lock). ``quiet``: a sign-in that cannot
    save this (read-only media) still goes ahead."""
    log = FailureLog.load(paths.root)
    if log.failures.pop(login, None) is None:
        return
    try:
        log.save()
    except OSError as exc:
        if not quiet:
            raise
        logger.warning("login failure count not reset: %s", type(exc).__name__)


def _save_bookkeeping(ring: Keyring, what: str) -> None:
    """A slot upgrade is saved when it can be; on read-only media or a full disk the clerk
    still gets in (the old slot keeps working)."""
    try:
        ring.save()
    except OSError as exc:
        logger.warning("keyring not saved (%s): %s", what, type(exc).__name__)
