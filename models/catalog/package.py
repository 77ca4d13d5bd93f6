"""Signed catalog packages (sync or USB): build, verify, install.

A package is a zip holding ``catalog.json`` (the compiled catalog, canonical bytes),
``catalog.sig`` (Ed25519 signature of those bytes, base64) and ``key_id``. A station accepts
it only if the signature verifies with one of its trusted issuer keys and the version is newer
than the catalog it runs. Installed catalogs are kept by version, so cases pinned to an older
version still open with the rules they were accepted under.
"""

from __future__ import annotations

import base64
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from models.catalog.catalog import Catalog, CatalogError, version_key
from models.catalog.keys import key_id, load_public_key, trusted_keys
from models.catalog.loader import catalog_home, clear_cache, parse_compiled, peek_version
from models.zipguard import ZipTooLarge, check_bounds, read_member

#: key helpers live in models/catalog/keys.py (models/assistance.py checks policy tables with them)
__all__ = [
    "VerifiedPackage",
    "build_package",
    "generate_keypair",
    "install_package",
    "key_id",
    "load_private_key",
    "load_public_key",
    "trusted_keys",
    "verify_package",
]

PAYLOAD = "catalog.json"
SIGNATURE = "catalog.sig"
KEY_ID = "key_id"
#: Optional: a newer GB/T 2260 行政区划 table (models/regions.py) and its signature by the same key.
REGIONS = "regions.tsv"
REGIONS_SIGNATURE = "regions.sig"
MAX_REGIONS_BYTES = 2 << 20
#: Optional: counties' 医疗救助 policy tables (models/assistance.py), ``policy/<county>.yaml``,
#: each with ``policy/<county>.sig`` by the same key.
POLICY_DIR = "policy/"
MAX_POLICY_BYTES = 256 << 10
#: Bounds on what a package may hold (issue 17 item 10), checked before anything is inflated;
#: the compiled catalog is about 0.3 MB today. The signature is checked on the bounded bytes.
MAX_PACKAGE_BYTES = 16 << 20
MAX_PAYLOAD_BYTES = 16 << 20
MAX_SMALL_MEMBER = 4096


def generate_keypair(private_path: Path, public_path: Path) -> str:
    """Write a new issuer key pair (PEM); returns its key id. Keep the private key offline."""
    private = Ed25519PrivateKey.generate()
    private_path.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    private_path.chmod(0o600)
    public = private.public_key()
    public_path.write_bytes(
        public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    return key_id(public)


def load_private_key(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise CatalogError("catalog.bad_key", file=path.name)
    return key


def build_package(
    payload: bytes,
    private: Ed25519PrivateKey,
    out: Path,
    regions: bytes | None = None,
    policies: dict[str, bytes] | None = None,
) -> Path:
    """``policies``: county code -> a 医疗救助 policy table (YAML), each signed on its own."""
    peek_version(payload)  # refuse to sign something that is not a compiled catalog
    signature = base64.b64encode(private.sign(payload))
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(PAYLOAD, payload)
        zf.writestr(SIGNATURE, signature)
        zf.writestr(KEY_ID, key_id(private.public_key()))
        if regions is not None:
            zf.writestr(REGIONS, regions)
            zf.writestr(REGIONS_SIGNATURE, base64.b64encode(private.sign(regions)))
        for county, table in sorted((policies or {}).items()):
            zf.writestr(f"{POLICY_DIR}{county[:6]}.yaml", table)
            zf.writestr(f"{POLICY_DIR}{county[:6]}.sig", base64.b64encode(private.sign(table)))
    return out


@dataclass(frozen=True)
class VerifiedPackage:
    payload: bytes
    catalog: Catalog
    key_id: str
    #: a 行政区划 table signed by the same key, when the package carries one
    regions: bytes | None = None
    #: 医疗救助 policy tables by county: (YAML bytes, base64 signature by the same key)
    policies: tuple[tuple[str, bytes, bytes], ...] = ()


def verify_package(path: Path, keys: list[Ed25519PublicKey], current_version: str | None = None) -> VerifiedPackage:
    """Check signature, contents and version; raise ``CatalogError`` with the reason otherwise."""
    try:
        if path.stat().st_size > MAX_PACKAGE_BYTES:
            raise CatalogError("catalog.package_too_large", file=path.name, mb=MAX_PACKAGE_BYTES >> 20)
        with zipfile.ZipFile(path) as zf:
            check_bounds(
                zf,
                max_total=MAX_PAYLOAD_BYTES + MAX_REGIONS_BYTES + 3 * MAX_SMALL_MEMBER + 8 * MAX_POLICY_BYTES,
                max_members=32,
            )
            names = set(zf.namelist())
            if PAYLOAD not in names:
                raise CatalogError("catalog.package_unreadable", file=path.name)
            payload = read_member(zf, PAYLOAD, MAX_PAYLOAD_BYTES)
            if SIGNATURE not in names:
                raise CatalogError("catalog.unsigned", file=path.name)
            signature = base64.b64decode(read_member(zf, SIGNATURE, MAX_SMALL_MEMBER), validate=True)
            regions = regions_signature = None
            if REGIONS in names:
                regions = read_member(zf, REGIONS, MAX_REGIONS_BYTES)
                signed = read_member(zf, REGIONS_SIGNATURE, MAX_SMALL_MEMBER)
                regions_signature = base64.b64decode(signed, validate=True)
            policies = []
            for name in sorted(n for n in names if n.startswith(POLICY_DIR) and n.endswith(".yaml")):
                county = name[len(POLICY_DIR) : -len(".yaml")]
                if not county.isdigit() or len(county) != 6:
                    raise CatalogError("catalog.package_unreadable", file=path.name)
                table = read_member(zf, name, MAX_POLICY_BYTES)
                sig_name = f"{POLICY_DIR}{county}.sig"
                sig = read_member(zf, sig_name, MAX_SMALL_MEMBER) if sig_name in names else b""
                policies.append((county, table, sig))
    except ZipTooLarge:
        raise CatalogError("catalog.package_too_large", file=path.name, mb=MAX_PAYLOAD_BYTES >> 20) from None
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise CatalogError("catalog.package_unreadable", file=path.name) from exc
    if not keys:
        raise CatalogError("catalog.no_trusted_key")
    signer = None
    for key in keys:
        try:
            key.verify(signature, payload)
        except InvalidSignature:
            continue
        signer = key
        break
    if signer is None:
        raise CatalogError("catalog.bad_signature", file=path.name)
    if regions is not None:
        try:
            signer.verify(regions_signature or b"", regions)
        except InvalidSignature:
            raise CatalogError("catalog.bad_signature", file=path.name) from None
    for _county, table, sig in policies:
        try:
            signer.verify(base64.b64decode(sig, validate=True), table)
        except (InvalidSignature, ValueError):
            raise CatalogError("catalog.bad_signature", file=path.name) from None
    version, _ = peek_version(payload)
    if current_version is not None and version_key(version) <= version_key(current_version):
        raise CatalogError("catalog.not_newer", version=version, current=current_version)
    catalog = parse_compiled(payload, origin=path.name)
    return VerifiedPackage(payload, catalog, key_id(signer), regions, tuple(policies))


def install_package(path: Path, keys: list[Ed25519PublicKey] | None = None) -> Catalog:
    """Verify ``path`` against the station's newest catalog and keep it in the data directory."""
    from models.catalog.loader import available

    versions = list(available())
    current = max(versions, key=version_key) if versions else None
    verified = verify_package(path, trusted_keys() if keys is None else keys, current)
    folder = catalog_home() / "installed"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{verified.catalog.version}.json"
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(verified.payload)
    tmp.replace(target)
    clear_cache()
    if verified.regions is not None:
        from models.regions import install_table_text

        install_table_text(verified.regions.decode("utf-8"))
    if verified.policies:
        _install_policies(verified.policies, keys)
    return verified.catalog


def _install_policies(policies: tuple[tuple[str, bytes, bytes], ...], keys: list[Ed25519PublicKey] | None) -> None:
    """Keep each county's table unless this station already holds that version or a newer one."""
    from models.assistance import install_policy_table
    from models.errors import UserFacingError

    for _county, table, sig in policies:
        try:
            install_policy_table(table, sig, keys)
        except UserFacingError as exc:
            if exc.code != "assistance.policy_not_newer":
                raise
