"""Primitives: scrypt (memory-hard), AES-256-GCM, HKDF-SHA256, the recovery key's format.

Everything here is a thin layer over ``cryptography``; no key material is logged or kept
beyond the call.
"""

from __future__ import annotations

import base64
import hmac
import os
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

KEY_BYTES = 32
NONCE_BYTES = 12

#: scrypt cost: 2**15 × 8 × 128 B = 32 MiB and ~0.1 s per try on a village PC (RFC 7914's
#: interactive-login recommendation); stored per slot so it can be raised later.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1


class DecryptError(Exception):
    """Wrong key or altered ciphertext (AES-GCM's tag did not verify)."""


@dataclass(frozen=True)
class KdfParams:
    salt: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(os.urandom(16))

    def as_dict(self) -> dict[str, object]:
        return {"kdf": "scrypt", "salt": b64(self.salt), "n": self.n, "r": self.r, "p": self.p}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> KdfParams:
        if data.get("kdf") != "scrypt":
            raise ValueError("unknown kdf")
        return cls(unb64(str(data["salt"])), int(str(data["n"])), int(str(data["r"])), int(str(data["p"])))


@dataclass(frozen=True)
class PasswordKeys:
    """Two independent keys from one scrypt run: one wraps the data key, one is the verifier."""

    wrap_key: bytes
    verifier: bytes


#: Tests only (tests/test_keyring_races.py): the path of a lock file that every key derivation
#: waits on, after saying so on stderr, so a test can hold a sign-in inside scrypt while other
#: processes act, without timing anything. Unset in production.
TEST_KDF_GATE_ENV = "TONGBAN_TEST_KDF_GATE"
TEST_KDF_GATE_LINE = "tongban-test: key derivation waiting"


def _wait_at_test_gate() -> None:
    gate = os.environ.get(TEST_KDF_GATE_ENV)
    if not gate or os.name != "posix":
        return
    import fcntl
    import sys

    print(TEST_KDF_GATE_LINE, file=sys.stderr, flush=True)
    with open(gate, "rb") as fh:
        fcntl.flock(fh, fcntl.LOCK_SH)  # granted once the test drops its exclusive lock


def derive_password_keys(password: str, params: KdfParams) -> PasswordKeys:
    _wait_at_test_gate()
    master = Scrypt(salt=params.salt, length=KEY_BYTES, n=params.n, r=params.r, p=params.p).derive(
        password.encode("utf-8")
    )
    return PasswordKeys(subkey(master, "password-wrap"), subkey(master, "password-verify"))


def subkey(key: bytes, purpose: str) -> bytes:
    """An independent key for one purpose (HKDF-SHA256), so one key is never used twice."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=f"tongban/{purpose}/v1".encode()).derive(
        key
    )


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """nonce ‖ AES-256-GCM(ciphertext ‖ tag)."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def unseal(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    if len(sealed) < NONCE_BYTES + 16:
        raise DecryptError("too short")
    try:
        return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad)
    except InvalidTag as exc:
        raise DecryptError("tag") from exc


# ---- sealing to a public key (X25519 + HKDF + AES-GCM), for re-wrapping without a password ----
#
# Each clerk's slot holds an X25519 key pair: the private half sealed under the password's
# wrap key, the public half in clear, and the data key sealed to the public half. Rotating the
# data key (after a clerk is disabled) then re-wraps it for every remaining clerk without
# knowing their passwords (docs/security.md, "Rotating the data key").

PUBLIC_BYTES = 32


def new_keypair() -> tuple[bytes, bytes]:
    """(private, public) raw 32-byte X25519 keys."""
    private = X25519PrivateKey.generate()
    return (
        private.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        ),
        private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw),
    )


def _box_key(shared: bytes, ephemeral_public: bytes, public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=ephemeral_public + public, info=b"tongban/keyring-box/v1"
    ).derive(shared)


def seal_to(public: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """ephemeral public key ‖ seal(HKDF(X25519(ephemeral, public)), plaintext)."""
    try:
        recipient = X25519PublicKey.from_public_bytes(public)
    except ValueError as exc:
        raise DecryptError("public key") from exc
    ephemeral = X25519PrivateKey.generate()
    eph_public = ephemeral.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return eph_public + seal(_box_key(ephemeral.exchange(recipient), eph_public, public), plaintext, aad)


def open_sealed(private: bytes, sealed: bytes, aad: bytes) -> bytes:
    if len(sealed) < PUBLIC_BYTES + NONCE_BYTES + 16:
        raise DecryptError("too short")
    try:
        me = X25519PrivateKey.from_private_bytes(private)
        eph_public = sealed[:PUBLIC_BYTES]
        shared = me.exchange(X25519PublicKey.from_public_bytes(eph_public))
    except ValueError as exc:  # a malformed or low-order point
        raise DecryptError("key exchange") from exc
    public = me.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return unseal(_box_key(shared, eph_public, public), sealed[PUBLIC_BYTES:], aad)


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def same(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# The recovery key: 160 random bits as 32 base32 characters in groups of four, printed once
# at set-up and kept in the station's safe. Base32 avoids 0/O and 1/I confusion when typed.
RECOVERY_GROUP = 4


def new_recovery_key() -> str:
    raw = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    return "-".join(raw[i : i + RECOVERY_GROUP] for i in range(0, len(raw), RECOVERY_GROUP))


def normalise_recovery_key(text: str) -> str:
    """Accept what a clerk types: any case, spaces or dashes, O for 0 and I/L for 1 are mapped."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    return "-".join(cleaned[i : i + RECOVERY_GROUP] for i in range(0, len(cleaned), RECOVERY_GROUP))


def recovery_wrap_key(recovery_key: str) -> bytes:
    """The key is already 160 random bits: HKDF is enough, no password stretching needed."""
    return subkey(normalise_recovery_key(recovery_key).encode("ascii"), "recovery-wrap")
