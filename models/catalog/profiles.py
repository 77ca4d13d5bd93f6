"""Rule profiles: which province's or locality's rules a station applies (issue 18 §1).

A catalog holds the national items (003) and a set of profiles (resources/catalog/profiles/):
贵州 (000/001) with its 黔南州 layer (002) and 都匀 contacts, 平顶山 (004), and ``national``.
The station's 行政区划代码 selects the profile with the longest matching ``regions`` prefix;
nothing matches: ``national``. A profile's chain (national → 贵州 → 黔南州 → 都匀) is applied in
order over the items, then the station's own override files.

A case keeps the profile it was taken in under (``Case.catalog_profile``), as it keeps its
catalog version: a station whose profile changes keeps its open cases on their rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from models.catalog.catalog import CatalogError

NATIONAL = "national"

#: The station's 行政区划代码, registered when the station is read (models/station_setup.py),
#: so that ``load_catalog()`` without a profile serves this station's rules.
_STATION_REGION: list[str] = []


def use_station_region(admdvs: str | None) -> None:
    _STATION_REGION[:] = [admdvs] if admdvs else []


def station_region() -> str | None:
    return _STATION_REGION[0] if _STATION_REGION else None


def profile_for_region(profiles: Iterable[Mapping[str, Any]], admdvs: str | None) -> str:
    """The id of the profile with the longest ``regions`` prefix of ``admdvs``; else national."""
    best, best_len = NATIONAL, 0
    code = (admdvs or "").strip()
    for doc in profiles:
        for prefix in doc.get("regions", []):
            if code.startswith(prefix) and len(prefix) > best_len:
                best, best_len = str(doc["id"]), len(prefix)
    return best


def chain(profiles: Mapping[str, Mapping[str, Any]], profile: str) -> list[str]:
    """Ids from the root to ``profile`` (national first if it exists)."""
    if profile not in profiles:
        if profile == NATIONAL:
            return []
        raise CatalogError("catalog.unknown_profile", profile=profile)
    out: list[str] = []
    current: str | None = profile
    while current is not None:
        if current in out:
            raise CatalogError("catalog.unknown_profile", profile=current)
        out.append(current)
        parent = profiles[current].get("parent")
        if parent is not None and parent not in profiles:
            raise CatalogError("catalog.unknown_profile", profile=str(parent))
        current = str(parent) if parent is not None else None
    out.reverse()
    if NATIONAL in profiles and out[0] != NATIONAL:
        out.insert(0, NATIONAL)
    return out


def item_in(raw_item: Mapping[str, Any], ids: Iterable[str]) -> bool:
    """An item limited to some profiles (a province's own item) is in a chain that names one."""
    wanted = raw_item.get("profiles") or []
    return not wanted or any(p in wanted for p in ids)
