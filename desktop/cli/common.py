"""What several subcommands share: opening the store, finding the station."""

from __future__ import annotations

import argparse

from models.errors import UserFacingError
from models.orm import Station
from models.station_setup import current_station
from models.store import Store, open_store

#: The parsed command line, set by desktop/cli/main.py: who signs in (global --login/--password-stdin).
ARGS: argparse.Namespace | None = None


def store() -> Store:
    """The station's store; on a protected station the clerk signs in (desktop/cli/unlock.py)."""
    from desktop.cli.unlock import credentials

    return open_store(credentials=credentials(ARGS))


def require_station(st: Store) -> Station:
    with st.db.read() as session:
        station = current_station(session)
    if station is None:
        raise UserFacingError("station.not_initialised")
    return station
