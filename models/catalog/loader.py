"""Reading the catalog: YAML sources -> validated items -> compiled JSON -> ``Catalog``.

The app loads the compiled ``catalog.json`` (one file, parsed in a few milliseconds); the YAML
under resources/catalog/items/ is what people edit and review, and ``tongban catalog build``
compiles it. Newer catalogs imported from signed packages live in the data directory, and a
case opened under an older version can still load that version.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError as PydanticValidationError

from models.catalog.catalog import Catalog, CatalogError, version_key
from models.catalog.item import ServiceItem
from models.catalog.overrides import apply_overrides, read_override
from models.catalog.schema import Manifest
from models.paths import data_root, resource_path

logger = logging.getLogger(__name__)

FORMAT = 1


@dataclass(frozen=True)
class Problem:
    """One validation problem, located by file, item and field path."""

    file: str
    item: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item}: {self.location}: {self.message}"


def bundled_dir() -> Path:
    return resource_path("catalog")


def catalog_home() -> Path:
    """Installed packages, trusted keys and station overrides in the data directory."""
    return data_root() / "catalog"


# -- sources --------------------------------------------------------------------------------


def validate_source(src: Path) -> tuple[Manifest | None, list[ServiceItem], list[Problem]]:
    """Validate manifest.yaml and items/*.yaml under ``src``; never raises for bad data."""
    problems: list[Problem] = []
    manifest: Manifest | None = None
    try:
        manifest = Manifest.model_validate(_read_yaml(src / "manifest.yaml"))
    except (OSError, yaml.YAMLError) as exc:
        problems.append(Problem("manifest.yaml", "-", "-", str(exc)[:300]))
    except PydanticValidationError as exc:
        problems.extend(_problems("manifest.yaml", "-", exc))
    items: list[ServiceItem] = []
    seen: dict[str, str] = {}
    files = sorted((src / "items").glob("*.yaml"))
    if not files:
        problems.append(Problem("items/", "-", "-", "没有事项文件"))
    for path in files:
        rel = f"items/{path.name}"
        try:
            raw = _read_yaml(path)
        except (OSError, yaml.YAMLError) as exc:
            problems.append(Problem(rel, "-", "-", str(exc)[:300]))
            continue
        code = str(raw.get("code", "?")) if isinstance(raw, dict) else "?"
        try:
            item = ServiceItem.model_validate(raw)
        except PydanticValidationError as exc:
            problems.extend(_problems(rel, code, exc))
            continue
        if path.stem != item.code:
            problems.append(Problem(rel, code, "code", f"文件名应为 {item.code}.yaml"))
        if item.code in seen:
            problems.append(Problem(rel, code, "code", f"编码与 {seen[item.code]} 重复"))
        seen[item.code] = rel
        items.append(item)
    return manifest, items, problems


def compile_source(src: Path) -> bytes:
    """The canonical compiled JSON of a source directory (what gets shipped and signed)."""
    manifest, items, problems = validate_source(src)
    if problems or manifest is None:
        raise CatalogError("catalog.invalid", count=len(problems), first=str(problems[0]) if problems else "")
    doc = {
        "format": FORMAT,
        **manifest.model_dump(mode="json"),
        "items": [i.model_dump(mode="json", by_alias=True, exclude_defaults=True) for i in items],
    }
    return canonical_json(doc)


def canonical_json(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"


# -- compiled catalogs ----------------------------------------------------------------------


def parse_compiled(data: bytes, origin: str, overrides: list[dict[str, Any]] | None = None) -> Catalog:
    """Build a ``Catalog`` from compiled JSON bytes, applying override documents on the way."""
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc.get("format") != FORMAT:
            raise CatalogError("catalog.bad_format", origin=origin, format=doc.get("format"))
        manifest = Manifest.model_validate({k: doc[k] for k in Manifest.model_fields})
        raw_items = {str(i["code"]): i for i in doc["items"]}
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise CatalogError("catalog.unreadable", origin=origin, detail=str(exc)[:200]) from exc
    except PydanticValidationError as exc:
        raise CatalogError("catalog.unreadable", origin=origin, detail=str(exc)[:200]) from exc
    applied = apply_overrides(raw_items, overrides or [])
    items = {}
    for code, raw in raw_items.items():
        try:
            items[code] = ServiceItem.model_validate(raw)
        except PydanticValidationError as exc:
            first = _problems(origin, code, exc)[0]
            raise CatalogError("catalog.invalid", count=exc.error_count(), first=str(first)) from exc
    return Catalog(
        version=manifest.version,
        effective_date=manifest.effective_date,
        title=manifest.title,
        issuer=manifest.issuer,
        items=items,
        origin=origin,
        overrides_applied=tuple(applied),
    )


def peek_version(data: bytes) -> tuple[str, dt.date]:
    """Version and effective date of compiled JSON without validating the items."""
    try:
        doc = json.loads(data.decode("utf-8"))
        return str(doc["version"]), dt.date.fromisoformat(str(doc["effective_date"]))
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise CatalogError("catalog.unreadable", origin="package", detail=str(exc)[:200]) from exc


def available() -> dict[str, Path]:
    """Compiled catalogs on this station by version: the bundled one and installed packages."""
    found: dict[str, Path] = {}
    bundled = bundled_dir() / "catalog.json"
    if bundled.exists():
        found[peek_version(bundled.read_bytes())[0]] = bundled
    installed = catalog_home() / "installed"
    if installed.is_dir():
        for path in sorted(installed.glob("*.json")):
            found[peek_version(path.read_bytes())[0]] = path
    return found


def station_overrides() -> list[dict[str, Any]]:
    folder = catalog_home() / "overrides"
    if not folder.is_dir():
        return []
    return [read_override(p) for p in sorted(folder.glob("*.yaml"))]


_CACHE: dict[tuple[str, str, str | None], Catalog] = {}


def load_catalog(version: str | None = None, *, today: dt.date | None = None) -> Catalog:
    """The catalog to use: ``version`` if given (a case's pinned one), else the newest in effect.

    Cached per data directory; ``clear_cache()`` after installing a package or editing overrides.
    """
    key = (str(data_root()), str(bundled_dir()), version)
    if version is None and today is None and key in _CACHE:
        return _CACHE[key]
    if version is not None and key in _CACHE:
        return _CACHE[key]
    found = available()
    if not found:
        raise CatalogError("catalog.missing", path=str(bundled_dir() / "catalog.json"))
    if version is not None:
        if version not in found:
            raise CatalogError("catalog.unknown_version", version=version)
        path = found[version]
    else:
        day = today or dt.date.today()
        in_effect = [v for v, p in found.items() if peek_version(p.read_bytes())[1] <= day]
        chosen = max(in_effect or list(found), key=version_key)
        path = found[chosen]
    catalog = parse_compiled(path.read_bytes(), origin=str(path), overrides=station_overrides())
    if today is None:
        _CACHE[key] = catalog
    logger.info("catalog %s loaded from %s (%d items)", catalog.version, path, len(catalog))
    return catalog


def clear_cache() -> None:
    _CACHE.clear()


def _read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _problems(file: str, item: str, exc: PydanticValidationError) -> list[Problem]:
    return [Problem(file, item, ".".join(str(p) for p in err["loc"]) or "-", err["msg"]) for err in exc.errors()]
