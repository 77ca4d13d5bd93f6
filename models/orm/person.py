"""Applicants and insured persons known at this station."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from models.orm.base import Base


class Person(Base):
    """A person identified at the counter (card, e-voucher, typed ID) or from the synced roster."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 公民身份号码 (GB 11643), upper-case X. Unique: one person row per ID number.
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(50), index=True)
    gender: Mapped[str | None] = mapped_column(String(2))  # 男 / 女
    birth_date: Mapped[dt.date | None] = mapped_column()
    ethnicity: Mapped[str | None] = mapped_column(String(20))
    phone: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(200))
    card_number: Mapped[str | None] = mapped_column(String(20))  # 社保卡卡号
    #: How the person was identified last: card / evoucher / typed / roster
    identified_by: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[dt.datetime] = mapped_column()
    updated_at: Mapped[dt.datetime] = mapped_column()
