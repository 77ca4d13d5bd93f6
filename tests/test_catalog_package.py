"""Signed packages: accepted when signed and newer; refused when unsigned, tampered or older."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from models.catalog import CatalogError, clear_cache, load_catalog
from models.catalog.loader import bundled_dir, canonical_json
from models.catalog.package import (
    build_package,
    generate_keypair,
    install_package,
    load_private_key,
    load_public_key,
    verify_package,
)


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TONGBAN_HOME", str(tmp_path / "home"))
    clear_cache()


def _payload(version: str, effective: str = "2024-01-01") -> bytes:
    doc = json.loads((bundled_dir() / "catalog.json").read_text(encoding="utf-8"))
    doc["version"], doc["effective_date"] = version, effective
    return canonical_json(doc)


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    generate_keypair(tmp_path / "issuer.key", tmp_path / "issuer.pub")
    return tmp_path / "issuer.key", tmp_path / "issuer.pub"


def test_signed_newer_package_installs_and_old_version_stays_loadable(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    pkg = build_package(_payload("2099.01.1"), load_private_key(keys[0]), tmp_path / "new.tbcat")
    catalog = install_package(pkg, [load_public_key(keys[1])])
    assert catalog.version == "2099.01.1"
    assert load_catalog(today=__import__("datetime").date(2024, 6, 1)).version == "2099.01.1"
    assert load_catalog("2024.01.2").version == "2024.01.2"  # a case pinned to the old version


def test_future_effective_date_waits(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    import datetime as dt

    pkg = build_package(_payload("2099.01.1", "2099-01-01"), load_private_key(keys[0]), tmp_path / "p.tbcat")
    install_package(pkg, [load_public_key(keys[1])])
    assert load_catalog(today=dt.date(2030, 1, 1)).version == "2024.01.2"
    assert load_catalog(today=dt.date(2099, 1, 1)).version == "2099.01.1"


def test_tampered_package_is_refused(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    good = build_package(_payload("2099.01.1"), load_private_key(keys[0]), tmp_path / "good.tbcat")
    bad = tmp_path / "bad.tbcat"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "catalog.json":
                data = data.replace("不超过30个工作日".encode(), "不超过3个工作日".encode(), 1)
            dst.writestr(name, data)
    with pytest.raises(CatalogError) as err:
        install_package(bad, [load_public_key(keys[1])])
    assert err.value.code == "catalog.bad_signature"
    assert not (tmp_path / "home" / "catalog" / "installed").exists()


def test_unsigned_package_is_refused(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    pkg = tmp_path / "unsigned.tbcat"
    with zipfile.ZipFile(pkg, "w") as zf:
        zf.writestr("catalog.json", _payload("2099.01.1"))
    with pytest.raises(CatalogError) as err:
        verify_package(pkg, [load_public_key(keys[1])])
    assert err.value.code == "catalog.unsigned"


def test_other_issuer_is_refused(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    generate_keypair(tmp_path / "evil.key", tmp_path / "evil.pub")
    pkg = build_package(_payload("2099.01.1"), load_private_key(tmp_path / "evil.key"), tmp_path / "e.tbcat")
    with pytest.raises(CatalogError) as err:
        verify_package(pkg, [load_public_key(keys[1])])
    assert err.value.code == "catalog.bad_signature"


def test_older_or_same_version_is_refused(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    for version in ("2023.12.9", "2024.01.2"):
        pkg = build_package(_payload(version), load_private_key(keys[0]), tmp_path / f"{version}.tbcat")
        with pytest.raises(CatalogError) as err:
            install_package(pkg, [load_public_key(keys[1])])
        assert err.value.code == "catalog.not_newer"


def test_not_a_package(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    junk = tmp_path / "junk.tbcat"
    junk.write_bytes(b"not a zip")
    with pytest.raises(CatalogError) as err:
        verify_package(junk, [load_public_key(keys[1])])
    assert err.value.code == "catalog.package_unreadable"


def test_shipped_issuer_key_loads() -> None:
    from models.catalog.package import trusted_keys

    assert len(trusted_keys()) >= 1
