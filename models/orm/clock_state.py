"""What the station knows about time beyond its own (possibly wrong) clock."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Mapped, mapped_column

from models.orm.base import Base


class ClockState(Base):
    """One row (id 1): the station-wide event sequence and the clock's known-good marks.

    ``high_water_at`` is the latest time ever stamped on an event (a clock set back behind it
    is noticed); ``hub_offset_s`` is hub time minus local time at the last sync, when known.
    """

    __tablename__ = "clock_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_seq: Mapped[int] = mapped_column(default=0)
    high_water_at: Mapped[dt.datetime | None] = mapped_column()
    hub_offset_s: Mapped[int | None] = mapped_column()
    hub_checked_at: Mapped[dt.datetime | None] = mapped_column()
