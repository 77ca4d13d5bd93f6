"""What leaves the station: notifications to send, prints made, and the sync outbox."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.orm.base import Base


class Notification(Base):
    """A rendered 消息推送 message waiting to be sent (by the centre, after sync)."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(24))  # the lifecycle action that produced it
    #: the state the case reached (受理 / 不予受理 / 退回补正 / 办结 …), 0009
    state: Mapped[str | None] = mapped_column(String(8))
    #: the exact text rendered (shown to the clerk, printed, sent)
    text: Mapped[str] = mapped_column(Text)
    #: the number it goes to: only with the applicant's consent (``Case.sms_consent``), else None
    phone: Mapped[str | None] = mapped_column(String(20))
    #: the seed citation (``003#241 …``) or ``composed:…`` for a template written here
    template_source: Mapped[str | None] = mapped_column(String(80))
    composed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column()
    sent_at: Mapped[dt.datetime | None] = mapped_column()


class PrintLog(Base):
    """Every document printed or reprinted (receipts, certificates, slips)."""

    __tablename__ = "print_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"), index=True)
    document: Mapped[str] = mapped_column(String(40))
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("clerk.id"))
    at: Mapped[dt.datetime] = mapped_column()
    copies: Mapped[int] = mapped_column(default=1)
    reprint: Mapped[bool] = mapped_column(default=False)
    sha256: Mapped[str | None] = mapped_column(String(64))
    #: Why a reprint (补打) was made; required for reprints, empty for first prints (0004).
    reason: Mapped[str | None] = mapped_column(Text)


class SyncOutbox(Base):
    """A case revision or media file waiting to be uploaded exactly once."""

    __tablename__ = "sync_outbox"
    __table_args__ = (Index("ix_sync_outbox_pending", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # case / media
    case_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    revision: Mapped[int | None] = mapped_column()
    sha256: Mapped[str | None] = mapped_column(String(64))
    #: pending / sent / acked / rejected
    status: Mapped[str] = mapped_column(String(10), default="pending")
    enqueued_at: Mapped[dt.datetime] = mapped_column()
    acked_at: Mapped[dt.datetime | None] = mapped_column()
    error: Mapped[str | None] = mapped_column(Text)
