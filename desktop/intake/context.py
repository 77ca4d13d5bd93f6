"""What every intake screen needs: the database, the one op runner, the station, the catalog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.operations import Operations
from models.catalog import Catalog, load_catalog
from models.db import Database
from models.enums import StationLevel


@dataclass
class IntakeContext:
    db: Database
    ops: Operations
    media_root: Path
    level: StationLevel
    station_name: str
    clerk_id: int | None = None
    catalog: Catalog | None = None
    #: the customer screen faces the queue: mask its personal data (setting customer_screen_masked)
    customer_masked: bool = False
    #: the station's county 行政区划代码: places near it come first when choosing one
    station_admdvs: str = ""

    def get_catalog(self) -> Catalog:
        if self.catalog is None:
            self.catalog = load_catalog()
        return self.catalog
