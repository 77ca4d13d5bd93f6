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

    args = ARGS or argparse.Namespace()
    who = argparse.Namespace(
        login=getattr(args, "login", None) or getattr(args, "global_login", None),
        password_stdin=getattr(args, "password_stdin", False) or getattr(args, "global_password_stdin", False),
    )
    return open_store(credentials=credentials(who))


def require_station(st: Store) -> Station:
    with st.db.read() as session:
        station = current_station(session)
    if station is None:
        raise UserFacingError("station.not_initialised")
    return station
