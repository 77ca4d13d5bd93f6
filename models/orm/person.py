"""Applicants and insured persons known at this station."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

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

    #: 参保信息 synced from the centre's roster (schema 0011); None when the hub sent none.
    insurance: Mapped[PersonInsurance | None] = relationship(
        back_populates="person", uselist=False, cascade="all, delete-orphan"
    )


class PersonInsurance(Base):
    """The person's 参保信息 as the centre holds it (4301 roster, ``RosterInsurance``, schema 0011):
    what 表8 参保凭证 and the 参保缴费证明 print where the case has no value of its own. Money
    as the decimal text the hub sent (``"1234.56"``); months as ``YYYY-MM``."""

    __tablename__ = "person_insurance"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    household_place: Mapped[str | None] = mapped_column(String(200))  # 户籍所在地
    household_type: Mapped[str | None] = mapped_column(String(20))  # 户籍类型
    insurance_type: Mapped[str | None] = mapped_column(String(40))  # 基本医疗保险类型
    insured_admdvs: Mapped[str | None] = mapped_column(String(12))  # 参保地 (行政区划代码)
    insured_from: Mapped[str | None] = mapped_column(String(7))  # 参保时间 起, YYYY-MM
    insured_to: Mapped[str | None] = mapped_column(String(7))  # 止, YYYY-MM
    paid_months: Mapped[int | None] = mapped_column()  # 累计实际缴费月数
    account_balance: Mapped[str | None] = mapped_column(String(20))  # 个人账户余额
    as_of: Mapped[dt.date | None] = mapped_column()  # the day the centre's figures are from
    synced_at: Mapped[dt.datetime] = mapped_column()

    person: Mapped[Person] = relationship(back_populates="insurance")
    contributions: Mapped[list[PersonContribution]] = relationship(
        order_by="PersonContribution.seq", cascade="all, delete-orphan"
    )


class PersonContribution(Base):
    """One line of the person's 缴费记录 (``ContributionRecord``), in the hub's order."""

    __tablename__ = "person_contribution"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person_insurance.person_id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column()
    period_from: Mapped[str] = mapped_column(String(7))
    period_to: Mapped[str] = mapped_column(String(7))
    insurance_type: Mapped[str] = mapped_column(String(40))
    base: Mapped[str | None] = mapped_column(String(20))
    amount: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
