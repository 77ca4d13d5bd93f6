"""Issuer keys (Ed25519) trusted for catalog packages and what they carry (a 行政区划 table,
counties' 医疗救助 policy tables): shipped in resources/catalog/keys plus any an admin added."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from models.catalog.catalog import CatalogError
from models.catalog.loader import bundled_dir, catalog_home


def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def load_public_key(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except ValueError as exc:
        raise CatalogError("catalog.bad_key", file=path.name) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise CatalogError("catalog.bad_key", file=path.name)
    return key


def trusted_keys() -> list[Ed25519PublicKey]:
    """The issuer keys this station trusts: shipped in resources/ plus any added by an admin."""
    folders = [bundled_dir() / "keys", catalog_home() / "keys"]
    return [load_public_key(p) for folder in folders if folder.is_dir() for p in sorted(folder.glob("*.pub"))]
