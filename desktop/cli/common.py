"""What several subcommands share: opening the store, finding the station.

Imported by desktop/cli/main.py for every command, ``tongban gui`` included, so it imports
nothing heavy at module level (SQLAlchemy and the ORM load only when a store is opened).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from models.errors import UserFacingError

if TYPE_CHECKING:
    from models.orm import Station
    from models.permissions import Permission
    from models.store import Store

#: The parsed command line, set by desktop/cli/main.py: who signs in (global --login/--password-stdin).
ARGS: argparse.Namespace | None = None


def store(args: argparse.Namespace | None = None) -> Store:
    """The station's store; on a protected station the clerk signs in (desktop/cli/unlock.py)."""
    from desktop.cli.unlock import credentials
    from models.store import open_store

    return open_store(credentials=credentials(args or ARGS))


def store_with_actor(permission: Permission | None = None, args: argparse.Namespace | None = None) -> tuple[Store, Any]:
    """The store and the signed-in clerk's session (None on an unprotected demo station), who
    must hold ``permission`` when one is given (checked in the core; the store is closed again
    when it is refused)."""
    from models.permissions import require
    from models.security.auth import start_session

    st = store(args)
    try:
        actor = start_session(st, via="cli") if st.unlocked and st.unlocked.login else None
        if permission is not None:
            require(actor, permission)
    except BaseException:
        st.close()
        raise
    return st, actor


def require_station(st: Store) -> Station:
    from models.station_setup import current_station

    with st.db.read() as session:
        station = current_station(session)
    if station is None:
        raise UserFacingError("station.not_initialised")
    return station
