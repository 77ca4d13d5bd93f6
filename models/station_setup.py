"""Setting a station up: its identity in the database, its first clerk, its settings file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import clock
from models.enums import ClerkRole, StationLevel
from models.errors import ValidationError
from models.orm import Clerk, Station
from models.validation import check_name, check_region_code

_STATION_NO = re.compile(r"^\d{3}$")


@dataclass(frozen=True)
class StationSpec:
    name: str
    admdvs: str  # 行政区划代码 of the place served (6/9/12 digits)
    level: StationLevel
    station_no: str  # 3 digits, assigned by the county

    @property
    def code(self) -> str:
        return self.admdvs[:6] + self.station_no


def validate_spec(spec: StationSpec) -> StationSpec:
    check_region_code(spec.admdvs)
    if not _STATION_NO.match(spec.station_no):
        raise ValidationError("station.bad_number")
    if not check_name(spec.name):
        raise ValidationError("station.name_required")
    expected = {StationLevel.VILLAGE: 12, StationLevel.TOWNSHIP: 9}.get(spec.level)
    if expected and len(spec.admdvs) not in (expected, 6):
        raise ValidationError("station.code_level_mismatch", level=spec.level.value, length=len(spec.admdvs))
    return spec


def current_station(session: Session) -> Station | None:
    """The station of this database; its 行政区划代码 selects the catalog's rule profile."""
    station = session.scalar(select(Station).order_by(Station.id).limit(1))
    if station is not None:
        from models.catalog.profiles import use_station_region

        use_station_region(station.admdvs)
    return station


def create_station(session: Session, spec: StationSpec) -> Station:
    validate_spec(spec)
    if current_station(session) is not None:
        raise ValidationError("station.already_initialised")
    station = Station(
        code=spec.code,
        name=spec.name.strip(),
        admdvs=spec.admdvs,
        level=spec.level,
        created_at=clock.now(),
    )
    session.add(station)
    session.flush()
    from models.catalog.profiles import use_station_region

    use_station_region(station.admdvs)
    return station


def add_clerk(session: Session, station: Station, login: str, name: str, role: ClerkRole) -> Clerk:
    if session.scalar(select(Clerk).where(Clerk.login == login)) is not None:
        raise ValidationError("clerk.login_taken", login=login)
    clerk = Clerk(station=station, login=login, name=name, role=role, active=True, created_at=clock.now())
    session.add(clerk)
    session.flush()
    return clerk
