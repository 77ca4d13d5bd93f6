"""Local working-day overrides for years chinese-calendar does not know yet (filled by sync/operator)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from models.orm.base import Base


class HolidayOverride(Base):
    __tablename__ = "holiday_override"

    day: Mapped[dt.date] = mapped_column(primary_key=True)
    is_workday: Mapped[bool] = mapped_column()
    note: Mapped[str | None] = mapped_column(String(50))  # e.g. 春节 / 春节调休
    source: Mapped[str] = mapped_column(String(50), default="local")
