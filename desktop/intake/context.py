"""What every intake screen needs: the database, the one op runner, the station, the catalog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.operations import Operations
from models.cases import DEFAULT_DEFICIENCY_DAYS
from models.catalog import Catalog, load_catalog
from models.db import Database
from models.enums import StationLevel
from models.settings import Settings


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
    #: The station's 行政区划代码 (or its code: the county part is what catalog text needs).
    admdvs: str = ""
    #: Working days a 容缺受理 gives to bring what is owed (settings.DEFICIENCY_DAYS).
    deficiency_days: int = DEFAULT_DEFICIENCY_DAYS
    #: This PC's settings (the printers a case's documents go to); None: defaults.
    settings: Settings | None = None

    def get_settings(self) -> Settings:
        if self.settings is None:
            self.settings = Settings(Path(), {})
        return self.settings

    def get_catalog(self) -> Catalog:
        if self.catalog is None:
            self.catalog = load_catalog()
        return self.catalog
