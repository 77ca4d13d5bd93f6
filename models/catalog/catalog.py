"""A loaded catalog: version, effective date and the items by code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from models.catalog.item import ServiceItem
from models.errors import UserFacingError


class CatalogError(UserFacingError):
    """The catalog or a catalog package cannot be used (bad file, signature, version)."""


def version_key(version: str) -> tuple[int, ...]:
    """``2024.01.1`` -> (2024, 1, 1), so versions compare numerically."""
    try:
        return tuple(int(p) for p in version.split("."))
    except ValueError as exc:
        raise CatalogError("catalog.bad_version", version=version) from exc


@dataclass(frozen=True)
class Catalog:
    version: str
    effective_date: dt.date
    title: str
    issuer: str
    items: dict[str, ServiceItem]
    #: where it was loaded from (bundled resources, the data directory, a package)
    origin: str = ""
    overrides_applied: tuple[str, ...] = field(default=())
    #: the rule profile applied (models/catalog/profiles.py) and its chain from the root
    profile: str = "national"
    profile_chain: tuple[str, ...] = field(default=())
    #: every profile the catalog carries: id -> (name, regions, parent, source, note)
    profiles: dict[str, dict[str, object]] = field(default_factory=dict)

    @property
    def profile_name(self) -> str:
        doc = self.profiles.get(self.profile)
        return str(doc["name"]) if doc else "全国（003）"

    def __iter__(self) -> Iterator[ServiceItem]:
        return iter(self.items.values())

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, code: object) -> bool:
        return code in self.items

    def get(self, code: str) -> ServiceItem:
        try:
            return self.items[code]
        except KeyError:
            raise CatalogError("catalog.unknown_item", item_code=code, version=self.version) from None

    def national(self) -> list[ServiceItem]:
        return [i for i in self if i.scope == "national"]

    def search(self, text: str) -> list[ServiceItem]:
        """Items whose code, name or main item contains ``text`` (or its pinyin initials)."""
        needle = text.strip().lower()
        if not needle:
            return list(self)
        from models import pinyin
        from models.catalog.search import matches

        with pinyin.loaded():  # once for the whole list, not per item
            return [i for i in self if matches(i, needle)]
