"""The catalog and the service item a case was opened under (its fields and materials follow them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.catalog.catalog import Catalog, CatalogError
from models.catalog.item import ServiceItem
from models.catalog.loader import load_catalog

if TYPE_CHECKING:
    from models.orm import Case


def catalog_for(case: Case) -> Catalog:
    """The catalog the case was opened under (its fields and materials follow it)."""
    try:
        return load_catalog(case.catalog_version)
    except CatalogError:
        return load_catalog()


def item_for(case: Case) -> ServiceItem:
    return catalog_for(case).get(case.item_code)
