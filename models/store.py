"""Opening the station's store: data directory, unlocked keys, migrated database, settings."""

from __future__ import annotations

from dataclasses import dataclass

from models import db, media
from models.db import Database, make_engine
from models.diskspace import is_writable
from models.errors import DatabaseError
from models.migrate import MigrationReport, current_revision, head_revision, migrate
from models.paths import DataPaths, data_paths
from models.security.rotation import finish_pending
from models.security.vault import (
    Credentials,
    Unlocked,
    is_plaintext_database,
    is_protected,
    protect_existing,
    unlock,
)
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
        store = Store(paths, Database(paths.database, read_only=True), Settings.load(paths.settings), report, unlocked)
    else:
        paths.ensure()
        _clean_leftovers(paths)
        report = migrate(paths.database, paths.backups)
        store = Store(paths, Database(paths.database), Settings.load(paths.settings), report, unlocked)
    try:
        _refuse_disabled_clerk(store)
    except BaseException:
        store.close()
        raise
    return store


def unlock_keys(paths: DataPaths, credentials: Credentials | None, *, convert: bool = True) -> Unlocked | None:
    """For ``open_store``: unlock a protected store and hand its key to the DB and media layers.

    Returns None for a plaintext store (one never set up with ``tongban init``; tests). A
    protected store whose database is still in clear (set up over an older station) is
    encrypted here, on its first unlock.
    """
    if not is_protected(paths):
        return None
    if convert:
        finish_pending(paths)  # a key rotation interrupted after its commit completes first
    unlocked = unlock(paths, credentials)
    if convert and is_plaintext_database(paths.database):
        protect_existing(paths, unlocked.data_key)
    db.register_key(paths.database, unlocked.data_key)
    media.register_key(paths.media, unlocked.data_key)
    return unlocked


def _clean_leftovers(paths: DataPaths) -> None:
    """What a killed backup, verify or restore left behind (models/backup.py clean_leftovers)."""
    import logging

    from models.scratch import clean_leftovers

    try:
        removed = clean_leftovers(paths)
    except OSError as exc:  # never a reason not to open the station
        logging.getLogger(__name__).warning("leftover backup temporaries not removed: %s", type(exc).__name__)
        return
    if removed:
        logging.getLogger(__name__).info("removed leftovers of interrupted backups: %s", ", ".join(removed))


def _refuse_disabled_clerk(store: Store) -> None:
    """Whoever's password opened the store must still be an active clerk whose password is the
    current one, for every command, not only those that start a session (issue 17 item 16: a
    keyring slot can outlive the clerk, e.g. in a keyring restored from an older backup). A
    login with no clerk row yet is the first admin during ``tongban init``."""
    unlocked = store.unlocked
    if unlocked is None or not unlocked.login:
        return
    from sqlalchemy import select

    from models.errors import UserFacingError
    from models.orm import Clerk
    from models.security.vault import verifier_matches

    with store.db.read() as session:
        clerk = session.scalar(select(Clerk).where(Clerk.login == unlocked.login))
        if clerk is None:
            return
        if not clerk.active:
            raise UserFacingError("auth.clerk_disabled", login=unlocked.login)
        if clerk.password_hash and not verifier_matches(clerk.password_hash, unlocked.verifier):
            raise UserFacingError("auth.bad_credentials")
