"""Cases (办件), their field values and their timeline of events."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.lifecycle import CaseState
from models.orm.base import Base, StrEnumType
from models.orm.outbox import Notification
from models.orm.person import Person
from models.orm.station import Clerk, Station


class Case(Base):
    """One application for one service item by one person.

    ``uuid`` + ``revision`` identify it for sync (a reopened case is a new row with the same
    uuid lineage through ``parent_uuid``); ``case_no`` is what is printed and read out.
    """

    __tablename__ = "case"
    __table_args__ = (
        Index("ix_case_state_promised", "state", "promised_date"),
        Index("ix_case_person_item", "person_id", "item_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    revision: Mapped[int] = mapped_column(default=1)
    parent_uuid: Mapped[str | None] = mapped_column(String(36))
    case_no: Mapped[str] = mapped_column(String(32), unique=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    item_code: Mapped[str] = mapped_column(String(12), index=True)
    item_name: Mapped[str] = mapped_column(String(100))
    #: The catalog version the case was opened under: its fields and materials follow it.
    catalog_version: Mapped[str] = mapped_column(String(32))
    #: (0009) The rule profile it was opened under (models/catalog/profiles.py); NULL before 0009:
    #: the station's profile.
    catalog_profile: Mapped[str | None] = mapped_column(String(32))
    state: Mapped[CaseState] = mapped_column(StrEnumType(CaseState, 8), index=True)
    #: 容缺受理: accepted with materials still owed.
    deficiency_accepted: Mapped[bool] = mapped_column(default=False)
    #: 委托办理: an agent applies for the person.
    by_agent: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("clerk.id"))
    created_at: Mapped[dt.datetime] = mapped_column()
    updated_at: Mapped[dt.datetime] = mapped_column()
    accepted_at: Mapped[dt.datetime | None] = mapped_column()
    #: Promised finish date (办理时限 in working days from acceptance at this station's level).
    promised_date: Mapped[dt.date | None] = mapped_column()
    time_limit_days: Mapped[int | None] = mapped_column()
    #: 容缺受理: the date the owed materials must be brought by (working days from acceptance,
    #: the station's setting: the seeds set no 补齐 period for 容缺).
    deficiency_due: Mapped[dt.date | None] = mapped_column()
    finished_at: Mapped[dt.datetime | None] = mapped_column()
    #: Level the case was forwarded to (乡镇/县) when this station may only accept.
    forwarded_to: Mapped[str | None] = mapped_column(String(4))
    #: 好差评 from the customer view: 非常满意 … 非常不满意 (models/rating.py), once per case.
    rating: Mapped[str | None] = mapped_column(String(8))
    rating_comment: Mapped[str | None] = mapped_column(Text)
    #: (0007) the reason chosen from the county's list for 不满意/非常不满意, when, and how given
    rating_reason: Mapped[str | None] = mapped_column(String(64))
    rated_at: Mapped[dt.datetime | None] = mapped_column()
    rating_channel: Mapped[str | None] = mapped_column(String(16))
    #: (0007) 整改: the follow-up of a bad rating
    rating_followup_at: Mapped[dt.datetime | None] = mapped_column()
    #: the clerk's login (a plain column: adding a foreign key would rebuild the case table)
    rating_followup_by: Mapped[str | None] = mapped_column(String(32))
    rating_followup_note: Mapped[str | None] = mapped_column(Text)
    #: The promised date reached a year without holiday data (weekend rule): printed with
    #: 如遇法定节假日顺延 until the year's schedule arrives (models/deadlines.py, 0009).
    deadline_provisional: Mapped[bool] = mapped_column(default=False)
    #: The provisional date given on the receipt; kept when the schedule arrives.
    promised_date_given: Mapped[dt.date | None] = mapped_column()
    #: The date counted again once the year's schedule arrived; ``promised_date`` (binding) is
    #: the later of the two.
    promised_date_exact: Mapped[dt.date | None] = mapped_column()
    #: The applicant agreed to 短信 notices at this number (消息推送, models/notify.py).
    sms_consent: Mapped[bool] = mapped_column(default=False)
    sms_phone: Mapped[str | None] = mapped_column(String(20))

    station: Mapped[Station] = relationship()
    person: Mapped[Person | None] = relationship()
    created_by: Mapped[Clerk | None] = relationship()
    fields: Mapped[list[CaseFieldValue]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseFieldValue.key"
    )
    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseEvent.seq"
    )
    #: 消息推送 rendered for this case (models/notify.py), oldest first.
    notifications: Mapped[list[Notification]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Notification.id"
    )

    def field_map(self) -> dict[str, str]:
        return {f.key: f.value for f in self.fields}


class CaseFieldValue(Base):
    """受理信息: one value of one catalog field, as text (typed by the catalog field)."""

    __tablename__ = "case_field"
    __table_args__ = (UniqueConstraint("case_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="fields")


class CaseEvent(Base):
    """One step of a case's timeline: who did what, when and why."""

    __tablename__ = "case_event"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column()
    action: Mapped[str] = mapped_column(String(24))
    from_state: Mapped[str | None] = mapped_column(String(8))
    to_state: Mapped[str] = mapped_column(String(8))
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("clerk.id"))
    #: Who acted when it was not a local clerk: "centre" for results flowing back by sync.
    actor: Mapped[str | None] = mapped_column(String(32))
    at: Mapped[dt.datetime] = mapped_column()
    reason: Mapped[str | None] = mapped_column(Text)
    #: Station-wide monotonic sequence (0004): orders events even when the PC clock jumps.
    station_seq: Mapped[int | None] = mapped_column(index=True)
    #: The clock looked wrong when this event was stamped (behind the last known-good time,
    #: or far from the hub's time): ``at`` is the local clock's reading, kept as it was.
    clock_suspect: Mapped[bool] = mapped_column(default=False)

    case: Mapped[Case] = relationship(back_populates="events")
    clerk: Mapped[Clerk | None] = relationship()
