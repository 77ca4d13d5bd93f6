"""Local overrides: a county's phone numbers, extra materials, local time limits and levels.

They layer over the national data at load time and never edit it. An override file is YAML::

    name: 黔南州都匀市
    items:
      "*":                      # every item
        contact: {consult_phone: 0854-8198115, supervise_phone: 0854-8191131, source: "002#27 …"}
      "002036006001":
        time_limits: [...]      # replaces the item's rules
        add_materials: [...]    # appended (one with an existing key replaces that material)
        remove_materials: [key] # dropped (a rule profile removing another place's material)
        levels: {...}           # replaces the acceptance levels
        add_notes: [...]

Only these keys are allowed, so a typo fails loudly instead of being ignored.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

import yaml

from models.catalog.catalog import CatalogError

ALLOWED = {
    "contact",
    "time_limits",
    "add_materials",
    "remove_materials",
    "levels",
    "handling_type",
    "handling_type_source",
    "add_notes",
    "add_messages",
}


def read_override(path: Path) -> dict[str, Any]:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError("catalog.bad_override", file=path.name, detail=str(exc)[:200]) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), dict):
        raise CatalogError("catalog.bad_override", file=path.name, detail="缺少 items")
    check_keys(doc["items"], path.name)
    doc.setdefault("name", path.stem)
    return doc


def check_keys(items: dict[str, Any], name: str) -> None:
    for code, changes in items.items():
        unknown = set(changes or {}) - ALLOWED
        if unknown:
            raise CatalogError("catalog.bad_override", file=name, detail=f"{code}: {sorted(unknown)}")


def apply_overrides(
    items: dict[str, dict[str, Any]],
    overrides: Iterable[dict[str, Any]],
    *,
    skip_missing: bool | Collection[str] = False,
) -> list[str]:
    """Apply override documents in order to item dicts (in place); returns the names applied.

    ``skip_missing``: True, or the codes that may be absent (items the station's rule profile
    leaves out, e.g. a province's own items at another province's station)."""
    applied = []
    for doc in overrides:
        name = str(doc["name"])
        for code, changes in doc["items"].items():
            targets = list(items) if code == "*" else [code]
            for target in targets:
                if target not in items:
                    if skip_missing is True or (not isinstance(skip_missing, bool) and target in skip_missing):
                        continue
                    raise CatalogError("catalog.override_unknown_item", item_code=target, file=name)
                _apply_one(items[target], changes or {}, name)
        applied.append(name)
    return applied


def _apply_one(item: dict[str, Any], changes: dict[str, Any], name: str) -> None:
    changes = copy.deepcopy(changes)
    if "contact" in changes:
        item["contact"] = changes["contact"]
    if "time_limits" in changes:
        item["time_limits"] = changes["time_limits"]
    if "levels" in changes:
        item["levels"] = changes["levels"]
    for key in ("handling_type", "handling_type_source"):
        if key in changes:
            item[key] = changes[key]
    removed = set(changes.get("remove_materials", []))
    added = {m["key"]: m for m in changes.get("add_materials", [])}
    materials = [added.pop(m["key"], m) for m in item.get("materials", []) if m["key"] not in removed]
    item["materials"] = materials + list(added.values())
    item["notes"] = list(item.get("notes", [])) + changes.get("add_notes", [])
    item["messages"] = list(item.get("messages", [])) + changes.get("add_messages", [])
    done = list(item.get("overrides_applied", []))
    item["overrides_applied"] = done if name in done else [*done, name]
