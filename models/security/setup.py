"""Setting up protection: a new station, an older plaintext station, the demo station."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from models import audit
from models.errors import UserFacingError
from models.paths import DataPaths
from models.security import vault
from models.security.vault import Credentials

if TYPE_CHECKING:
    from models.store import Store


@dataclass(frozen=True)
class Protected:
    #: Printed once for the station's safe; never stored anywhere by the application.
    recovery_key: str
    password_hashes: dict[str, str]


def protect(paths: DataPaths, admin_login: str, admin_password: str) -> Protected:
    """Create the keyring for a station with its first admin. The next ``open_store`` with
    that admin's password creates the database encrypted, or encrypts an existing one."""
    recovery, _key, hashes = vault.create_keyring(paths, {admin_login: admin_password})
    return Protected(recovery, hashes)


def open_as(paths: DataPaths, login: str, password: str) -> Store:
    from models.store import open_store

    return open_store(paths, credentials=Credentials(login, password))


def ensure_demo(paths: DataPaths, *, form_samples: bool = False) -> tuple[Store, str | None, dict[str, Any]]:
    """The demo station (``tongban init --demo``, ``tongban gui --demo``): protected like a
    real one, with the documented demo passwords. Returns the open store, the recovery key
    if the keyring was created now, and the seeding summary. ``form_samples``: also a case of
    every item that has a printed form (``models.demo.FORM_SAMPLES``)."""
    from models.demo import DEMO_PASSWORDS, seed_demo
    from models.store import open_store

    recovery = None
    hashes: dict[str, str] = {}
    if vault.is_protected(paths):
        if not vault.load_keyring(paths).demo:
            raise UserFacingError("auth.not_demo_station")
    else:
        paths.ensure()
        recovery, _key, hashes = vault.create_keyring(paths, dict(DEMO_PASSWORDS), demo=True)
    store = open_store(paths)
    try:
        with store.db.write() as session:
            summary = seed_demo(session, paths, password_hashes=hashes, form_samples=form_samples)
            if recovery:
                audit.record(session, "station.protect", "station", clerk=None, detail={"demo": True})
    except BaseException:
        store.close()
        raise
    return store, recovery, summary
