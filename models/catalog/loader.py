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
from models.catalog.overrides import apply_overrides, check_keys, read_override
from models.catalog.profiles import NATIONAL, chain, item_in, profile_for_region, station_region
from models.catalog.schema import Manifest, ProfileDoc
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
    _profiles, profile_problems = validate_profiles(src, items)
    problems.extend(profile_problems)
    return manifest, items, problems


def validate_profiles(src: Path, items: list[ServiceItem]) -> tuple[list[ProfileDoc], list[Problem]]:
    """profiles/*.yaml under ``src``: each valid, and every item valid under every profile."""
    problems: list[Problem] = []
    docs: list[ProfileDoc] = []
    for path in sorted((src / "profiles").glob("*.yaml")) if (src / "profiles").is_dir() else []:
        rel = f"profiles/{path.name}"
        try:
            doc = ProfileDoc.model_validate(_read_yaml(path))
            check_keys(doc.items, rel)
        except (OSError, yaml.YAMLError, CatalogError) as exc:
            problems.append(Problem(rel, "-", "-", str(exc)[:300]))
            continue
        except PydanticValidationError as exc:
            problems.extend(_problems(rel, "-", exc))
            continue
        if path.stem != doc.id:
            problems.append(Problem(rel, "-", "id", f"文件名应为 {doc.id}.yaml"))
        docs.append(doc)
    if problems or not items:
        return docs, problems
    raw = {i.code: i.model_dump(mode="json", by_alias=True, exclude_defaults=True) for i in items}
    dumped = [d.model_dump(mode="json") for d in docs]
    known = {d.id for d in docs} | {NATIONAL}
    for item in items:
        for p in item.profiles:
            if p not in known:
                problems.append(Problem(f"items/{item.code}.yaml", item.code, "profiles", f"未知的规则配置 {p}"))
    for doc in docs:
        for code in doc.items:
            if code != "*" and code not in raw:
                problems.append(Problem(f"profiles/{doc.id}.yaml", code, "items", "目录中没有该事项"))
        try:
            _apply_profile({k: dict(v) for k, v in raw.items()}, dumped, doc.id, origin=f"profiles/{doc.id}.yaml")
        except CatalogError as exc:
            problems.append(Problem(f"profiles/{doc.id}.yaml", "-", "-", str(exc.params)[:300]))
    return docs, problems


def _apply_profile(
    raw_items: dict[str, dict[str, Any]], profiles: list[dict[str, Any]], profile: str, origin: str
) -> tuple[dict[str, ServiceItem], list[str], list[str]]:
    """Items of ``profile``'s chain with the chain's rules applied; (items, chain, names applied)."""
    by_id = {str(p["id"]): p for p in profiles}
    ids = chain(by_id, profile)
    selected = {code: raw for code, raw in raw_items.items() if item_in(raw, ids)}
    docs = [{"name": f"规则配置：{by_id[i]['name']}", "items": by_id[i].get("items", {})} for i in ids]
    applied = apply_overrides(selected, docs, skip_missing=True)
    items = {}
    for code, raw in selected.items():
        try:
            items[code] = ServiceItem.model_validate(raw)
        except PydanticValidationError as exc:
            first = _problems(origin, code, exc)[0]
            raise CatalogError("catalog.invalid", count=exc.error_count(), first=str(first)) from exc
    return items, ids, applied


def compile_source(src: Path) -> bytes:
    """The canonical compiled JSON of a source directory (what gets shipped and signed)."""
    manifest, items, problems = validate_source(src)
    if problems or manifest is None:
        raise CatalogError("catalog.invalid", count=len(problems), first=str(problems[0]) if problems else "")
    profiles, _ = validate_profiles(src, items)
    doc = {
        "format": FORMAT,
        **manifest.model_dump(mode="json"),
        "items": [i.model_dump(mode="json", by_alias=True, exclude_defaults=True) for i in items],
        "profiles": [p.model_dump(mode="json") for p in profiles],
    }
    return canonical_json(doc)


def canonical_json(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"


# -- compiled catalogs ----------------------------------------------------------------------


def parse_compiled(
    data: bytes,
    origin: str,
    overrides: list[dict[str, Any]] | None = None,
    profile: str | None = None,
) -> Catalog:
    """Build a ``Catalog`` from compiled JSON bytes: the rule profile ``profile`` (None: the one
    the station's 行政区划代码 selects, models/catalog/profiles.py), then override documents."""
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc.get("format") != FORMAT:
            raise CatalogError("catalog.bad_format", origin=origin, format=doc.get("format"))
        manifest = Manifest.model_validate({k: doc[k] for k in Manifest.model_fields})
        raw_items = {str(i["code"]): i for i in doc["items"]}
        profiles = [ProfileDoc.model_validate(p).model_dump(mode="json") for p in doc.get("profiles", [])]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise CatalogError("catalog.unreadable", origin=origin, detail=str(exc)[:200]) from exc
    except PydanticValidationError as exc:
        raise CatalogError("catalog.unreadable", origin=origin, detail=str(exc)[:200]) from exc
    chosen = profile or profile_for_region(profiles, station_region())
    _items, ids, applied = _apply_profile(raw_items, profiles, chosen, origin)
    selected = {code: raw for code, raw in raw_items.items() if code in _items}
    applied += apply_overrides(selected, overrides or [], skip_missing=set(raw_items))
    items = {}
    for code, raw in selected.items():
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
        profile=chosen,
        profile_chain=tuple(ids),
        profiles={str(p["id"]): {k: p[k] for k in ("name", "regions", "parent", "source", "note")} for p in profiles},
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


_CACHE: dict[tuple[str, str, str | None, str | None], Catalog] = {}


def load_catalog(version: str | None = None, *, today: dt.date | None = None, profile: str | None = None) -> Catalog:
    """The catalog to use: ``version`` if given (a case's pinned one), else the newest in effect,
    with the rule profile ``profile`` (a case's pinned one), else the station's (its 行政区划代码).

    Cached per data directory; ``clear_cache()`` after installing a package or editing overrides.
    """
    key = (str(data_root()), str(bundled_dir()), version, profile or f"@{station_region() or ''}")
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
    catalog = parse_compiled(path.read_bytes(), origin=str(path), overrides=station_overrides(), profile=profile)
    if today is None:
        _CACHE[key] = catalog
    logger.info("catalog %s loaded from %s (%d items)", catalog.version, path, len(catalog))
    return catalog


def station_profile(admdvs: str | None, version: str | None = None) -> str:
    """The rule profile a station of this 行政区划代码 applies (under catalog ``version``)."""
    try:
        base = load_catalog(version, profile=NATIONAL)
    except CatalogError:
        base = load_catalog(profile=NATIONAL)
    return profile_for_region([{"id": k, **v} for k, v in base.profiles.items()], admdvs)


def clear_cache() -> None:
    _CACHE.clear()


def _read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _problems(file: str, item: str, exc: PydanticValidationError) -> list[Problem]:
    return [Problem(file, item, ".".join(str(p) for p in err["loc"]) or "-", err["msg"]) for err in exc.errors()]
