"""The service catalog as data: what each 经办服务事项 needs, versioned and signed.

Qt-free. ``load_catalog()`` is what the rest of the app calls; see docs/catalog.md.
"""

from __future__ import annotations

from models.catalog.catalog import Catalog, CatalogError, version_key
from models.catalog.item import ServiceItem, TimeLimit
from models.catalog.loader import clear_cache, compile_source, load_catalog, validate_source
from models.catalog.schema import FieldType, ItemField, Material, MessageEvent, TimeLimitKind

__all__ = [
    "Catalog",
    "CatalogError",
    "FieldType",
    "ItemField",
    "Material",
    "MessageEvent",
    "ServiceItem",
    "TimeLimit",
    "TimeLimitKind",
    "clear_cache",
    "compile_source",
    "load_catalog",
    "validate_source",
    "version_key",
]
