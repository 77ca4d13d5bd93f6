"""Opening the station's store: data directory, migrated database, settings."""

from __future__ import annotations

from dataclasses import dataclass

from models.db import Database
from models.migrate import MigrationReport, migrate
from models.paths import DataPaths, data_paths
from models.settings import Settings


@dataclass
class Store:
    paths: DataPaths
    db: Database
    settings: Settings
    migration: MigrationReport

    def close(self) -> None:
        self.db.dispose()


def open_store(paths: DataPaths | None = None) -> Store:
    """Create the directories if needed, back up and migrate the database, load settings."""
    paths = (paths or data_paths()).ensure()
    report = migrate(paths.database, paths.backups)
    return Store(paths, Database(paths.database), Settings.load(paths.settings), report)
