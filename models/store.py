"""Opening the station's store: data directory, migrated database, settings."""

from __future__ import annotations

from dataclasses import dataclass

from models.db import Database, make_engine
from models.diskspace import is_writable
from models.errors import DatabaseError
from models.migrate import MigrationReport, current_revision, head_revision, migrate
from models.paths import DataPaths, data_paths
from models.security.vault import Credentials, Unlocked, unlock_keys
from models.settings import Settings


@dataclass
class Store:
    paths: DataPaths
    db: Database
    settings: Settings
    migration: MigrationReport
    #: How the keyring was opened (None: a plaintext store); see models/security/.
    unlocked: Unlocked | None = None

    def close(self) -> None:
        self.db.dispose()


    @property
    def read_only(self) -> bool:
        return self.db.read_only


def open_store(
    paths: DataPaths | None = None, read_only: bool | None = None, credentials: Credentials | None = None
) -> Store:
    """Create the directories if needed, back up and migrate the database, load settings.

    On a data directory that cannot be written (``read_only=None`` detects it) the store
    opens for reading only, without migrating: the counter shows cases and refuses writes
    with a clear message instead of crashing.

    A protected station (docs/security.md) needs ``credentials``: a clerk's login and
    password or the recovery key (a demo station opens with the demo admin's password).
    """
    paths = paths or data_paths()
    if read_only is None:
        read_only = paths.database.exists() and not is_writable(paths.root)
    unlocked = unlock_keys(paths, credentials, convert=not read_only)
    if read_only:
        current = current_revision(make_engine(paths.database, read_only=True))
        if current != head_revision():
            raise DatabaseError("db.read_only_needs_upgrade")
        report = MigrationReport(current, current, None)
        return Store(
            paths, Database(paths.database, read_only=True), Settings.load(paths.settings), report, unlocked
        )
    paths.ensure()
    report = migrate(paths.database, paths.backups)
    return Store(paths, Database(paths.database), Settings.load(paths.settings), report, unlocked)
