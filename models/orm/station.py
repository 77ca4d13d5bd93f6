"""The service point (station), its clerks, and its case-number counters."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.enums import ClerkRole, StationLevel
from models.orm.base import Base, StrEnumType


class Station(Base):
    """This counter's identity. One row per database (a database belongs to one station)."""

    __tablename__ = "station"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: County 行政区划代码 (6) + station number within the county (3): unique nationally.
    code: Mapped[str] = mapped_column(String(9), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    #: 行政区划代码 of the place the station serves: 6 (county), 9 (township) or 12 (village) digits.
    admdvs: Mapped[str] = mapped_column(String(12))
    level: Mapped[StationLevel] = mapped_column(StrEnumType(StationLevel, 4))
    created_at: Mapped[dt.datetime] = mapped_column()

    clerks: Mapped[list[Clerk]] = relationship(back_populates="station")

    @property
    def county_code(self) -> str:
        return self.code[:6]

    @property
    def station_no(self) -> str:
        return self.code[6:]


class Clerk(Base):
    """经办人员. Password hashes and role checks are filled in by the security issue."""

    __tablename__ = "clerk"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    login: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    #: The main role (shown first, recorded in the audit log).
    role: Mapped[ClerkRole] = mapped_column(StrEnumType(ClerkRole, 8))
    #: Further roles held by the same login (0005), comma-separated: a village clerk is
    #: 受理员, 打印员 and 同步员 at once. Use ``roles`` rather than reading this.
    extra_roles: Mapped[str] = mapped_column(String(64), default="", server_default="")
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column()

    station: Mapped[Station] = relationship(back_populates="clerks")

    @property
    def roles(self) -> tuple[ClerkRole, ...]:
        """Every role held, the main one first."""
        return join_roles(ClerkRole(self.role), self.extra_roles)


def join_roles(main: ClerkRole, extra: str) -> tuple[ClerkRole, ...]:
    held = [main]
    for part in (extra or "").split(","):
        if part.strip() and ClerkRole(part.strip()) not in held:
            held.append(ClerkRole(part.strip()))
    return tuple(held)


class CaseSequence(Base):
    """Last serial used per station and day: case numbers never repeat, even offline."""

    __tablename__ = "case_sequence"
    __table_args__ = (UniqueConstraint("station_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    day: Mapped[dt.date] = mapped_column()
    last_serial: Mapped[int] = mapped_column(default=0)
