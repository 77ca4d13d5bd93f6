"""Sealing other secrets with the station's data key (for sync/identity.py's signing key).

On a protected station the whole database is already encrypted with the data key, so a
secret stored in it is protected like the data key. Sealing adds a second layer: the value
in the row is ``tbk1:`` + AES-256-GCM under an HKDF subkey for ``purpose``, so it stays
unreadable even in an export or a row copied out of an unlocked database. On a plaintext
store (tests, an unprotected legacy station) ``seal_secret`` returns the value unchanged, and
``open_secret`` accepts unsealed legacy values (e.g. a PEM written before this existed).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from models.db import key_for
from models.errors import UserFacingError
from models.security import crypto

PREFIX = "tbk1:"

#: Files in the data directory holding one sealed value: (file name, purpose). A data-key
#: rotation re-seals them with the database (models/security/rotation.py).
HUB_KEY_FILE = "hub-key.json"  # the hub's bundle keys, learnt at the first USB export (sync/bundle.py)
HUB_KEY_PURPOSE = "hub-bundle-key"
SEALED_FILES: tuple[tuple[str, str], ...] = ((HUB_KEY_FILE, HUB_KEY_PURPOSE),)


def _data_key(session: Session) -> bytes | None:
    database = session.get_bind().engine.url.database
    return key_for(Path(database)) if database else None


def seal_secret(session: Session, secret: str, purpose: str) -> str:
    key = _data_key(session)
    if key is None:
        return secret
    return seal_with_key(key, secret, purpose)


def open_secret(session: Session, stored: str, purpose: str) -> str:
    if not stored.startswith(PREFIX):
        return stored
    key = _data_key(session)
    if key is None:
        raise UserFacingError("auth.login_required")
    return open_with_key(key, stored, purpose)


def seal_with_key(data_key: bytes, secret: str, purpose: str) -> str:
    """``tbk1:`` + AES-256-GCM of ``secret`` under the HKDF subkey of ``data_key`` for ``purpose``."""
    sealed = crypto.seal(crypto.subkey(data_key, f"secret/{purpose}"), secret.encode("utf-8"), purpose.encode())
    return PREFIX + crypto.b64(sealed)


def open_with_key(data_key: bytes, stored: str, purpose: str) -> str:
    """The secret in a sealed ``stored`` value; ``auth.keyring_damaged`` when it does not open."""
    try:
        plain = crypto.unseal(
            crypto.subkey(data_key, f"secret/{purpose}"), crypto.unb64(stored[len(PREFIX) :]), purpose.encode()
        )
    except crypto.DecryptError:
        raise UserFacingError("auth.keyring_damaged") from None
    return plain.decode("utf-8")


def reseal(stored: str, purpose: str, old_key: bytes, new_key: bytes) -> str:
    """A sealed value opened with ``old_key`` and sealed again with ``new_key`` (a data-key rotation)."""
    return seal_with_key(new_key, open_with_key(old_key, stored, purpose), purpose)
