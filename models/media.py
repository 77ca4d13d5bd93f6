"""Material files stored outside the database, content-addressed by sha256.

A file is written to a temp file in the same directory, fsynced, renamed into place and
the directory fsynced; only then may a MaterialFile row reference it. A power cut leaves
either the whole file or nothing (plus possibly a temp file, which ``tongban db check``
removes).

A protected station's files are encrypted (docs/security.md): once the keyring is unlocked,
``register_key`` gives this module the data key for the media root, and files are stored as
``MAGIC ‖ nonce ‖ AES-256-GCM(content)`` with the plaintext's sha256 as associated data. The
name stays the plaintext's sha256, so deduplication and sync are unchanged.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from models.diskspace import ensure_room
from models.errors import UserFacingError
from models.fsutil import atomic_write

TEMP_PREFIX = ".incoming-"
MAGIC = b"TBMEDIA1"
#: What encryption adds to a file: magic, 12-byte nonce, 16-byte GCM tag.
OVERHEAD = len(MAGIC) + 12 + 16

#: Media subkeys of unlocked stores, by resolved media root.
_KEYS: dict[str, bytes] = {}


def register_key(root: Path, data_key: bytes | None) -> None:
    """Files under ``root`` are encrypted with a subkey of ``data_key`` from now on."""
    from models.security.crypto import subkey

    if data_key is None:
        _KEYS.pop(str(root.resolve()), None)
    else:
        _KEYS[str(root.resolve())] = subkey(data_key, "media")


def _key(root: Path) -> bytes | None:
    return _KEYS.get(str(root.resolve()))


def stored_size(root: Path, plain_size: int) -> int:
    """Size on disk of a file of ``plain_size`` bytes under ``root``."""
    return plain_size + OVERHEAD if _key(root) is not None else plain_size


def _encode(root: Path, digest: str, data: bytes) -> bytes:
    key = _key(root)
    if key is None:
        return data
    from models.security.crypto import seal

    return MAGIC + seal(key, data, digest.encode("ascii"))


def _decode(root: Path, digest: str, raw: bytes) -> bytes:
    if not raw.startswith(MAGIC):
        return raw
    key = _key(root)
    if key is None:
        raise UserFacingError("media.locked")
    from models.security.crypto import DecryptError, unseal

    try:
        return unseal(key, raw[len(MAGIC) :], digest.encode("ascii"))
    except DecryptError:
        raise UserFacingError("media.corrupt", sha256=digest[:12]) from None


def media_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256[2:4] / sha256


def store_bytes(root: Path, data: bytes) -> str:
    """Store ``data`` durably; returns its sha256. Storing the same bytes twice is a no-op."""
    digest = hashlib.sha256(data).hexdigest()
    target = media_path(root, digest)
    if target.exists() and target.stat().st_size == stored_size(root, len(data)):
        return digest
    payload = _encode(root, digest, data)
    ensure_room(root, len(payload))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, payload, prefix=TEMP_PREFIX)
    except OSError as exc:
        raise UserFacingError("media.write_failed", reason=exc.strerror or str(exc)) from exc
    return digest


def read_verified(root: Path, sha256: str) -> bytes:
    """The file's content (decrypted), checked against its name."""
    data = _decode(root, sha256, media_path(root, sha256).read_bytes())
    if hashlib.sha256(data).hexdigest() != sha256:
        raise UserFacingError("media.corrupt", sha256=sha256[:12])
    return data


def file_intact(root: Path, sha256: str, size: int, deep: bool = False) -> bool:
    """Size (and with ``deep``, content) as the database recorded; for ``tongban db check``."""
    path = media_path(root, sha256)
    if path.stat().st_size != stored_size(root, size):
        return False
    if not deep:
        return True
    try:
        read_verified(root, sha256)
    except UserFacingError:
        return False
    return True


def encrypt_existing(root: Path, data_key: bytes) -> int:
    """Encrypt every file still in clear under ``root`` (a store being protected); returns the count."""
    register_key(root, data_key)
    count = 0
    if not root.exists():
        return 0
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.name.startswith(TEMP_PREFIX) or len(path.name) != 64:
            continue
        raw = path.read_bytes()
        if raw.startswith(MAGIC) or hashlib.sha256(raw).hexdigest() != path.name:
            continue  # already encrypted, or damaged: db check reports it, nothing to encrypt
        atomic_write(path, _encode(root, path.name, raw), prefix=TEMP_PREFIX)
        count += 1
    return count


def recrypt(raw: bytes, digest: str, old_data_key: bytes, new_data_key: bytes) -> bytes:
    """A stored file's bytes re-encrypted from one data key to another (key rotation,
    models/security/rotation.py). Files still in clear are encrypted; the content must match
    its name, else ``media.corrupt``."""
    from models.security.crypto import DecryptError, seal, subkey, unseal

    if raw.startswith(MAGIC):
        try:
            raw = unseal(subkey(old_data_key, "media"), raw[len(MAGIC) :], digest.encode("ascii"))
        except DecryptError:
            raise UserFacingError("media.corrupt", sha256=digest[:12]) from None
    if hashlib.sha256(raw).hexdigest() != digest:
        raise UserFacingError("media.corrupt", sha256=digest[:12])
    return MAGIC + seal(subkey(new_data_key, "media"), raw, digest.encode("ascii"))


def write_durably(target: Path, payload: bytes) -> None:
    """Temp file, fsync, rename, directory fsync (for files beside the media tree)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, payload, prefix=TEMP_PREFIX)
