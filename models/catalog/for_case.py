"""The catalog and the service item a case was opened under (its fields and materials follow them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.catalog.catalog import Catalog, CatalogError
from models.catalog.item import ServiceItem
from models.catalog.loader import load_catalog, station_profile

if TYPE_CHECKING:
    from models.orm import Case


def catalog_for(case: Case) -> Catalog:
    """The catalog and rule profile the case was opened under (its fields and materials follow
    them); a case from before profiles (no ``catalog_profile``) follows its station's profile."""
    profile = case.catalog_profile or station_profile(case.station.admdvs, case.catalog_version)
    try:
        return load_catalog(case.catalog_version, profile=profile)
    except CatalogError:
        return load_catalog(profile=profile)


def item_for(case: Case) -> ServiceItem:
    return catalog_for(case).get(case.item_code)
