"""What several subcommands share: opening the store, finding the station."""

from __future__ import annotations

from models.errors import UserFacingError
from models.orm import Station
from models.station_setup import current_station
from models.store import Store, open_store


def store() -> Store:
    return open_store()


def require_station(st: Store) -> Station:
    with st.db.read() as session:
        station = current_station(session)
    if station is None:
        raise UserFacingError("station.not_initialised")
    return station
