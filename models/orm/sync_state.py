"""What the station remembers about sync: its key and enrolment, cursors, batches, inbox.

The outbox itself (models/orm/outbox.py) says what must leave; these tables say what the hub
answered, so that nothing is marked synced before its acknowledgement is stored, and so that
results from the centre are applied exactly once.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.orm.base import Base


class SyncIdentity(Base):
    """This station's signing key and its enrolment with a hub (one row)."""

    __tablename__ = "sync_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_code: Mapped[str] = mapped_column(String(9))
    #: Ed25519 private key, PKCS8 PEM. Never leaves the station; backups carry it like the DB.
    private_key: Mapped[str] = mapped_column(Text)
    #: base64 of the raw public key, as sent at enrolment
    public_key: Mapped[str] = mapped_column(String(64))
    hub_url: Mapped[str | None] = mapped_column(String(200))
    #: base64 Ed25519 key the hub signs its answers with, pinned at enrolment (or at the first
    #: good sync of a station enrolled before hubs signed): answers signed otherwise are refused.
    hub_key: Mapped[str | None] = mapped_column(String(64))
    #: none / pending / approved / revoked (as last answered by the hub)
    status: Mapped[str] = mapped_column(String(10), default="none")
    enrolled_at: Mapped[dt.datetime | None] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column()


class SyncCursor(Base):
    """How far a downstream feed (results, roster, holidays) has been applied."""

    __tablename__ = "sync_cursor"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[dt.datetime] = mapped_column()


class SyncBatch(Base):
    """One batch of case revisions sent to the hub, for the reconciliation list."""

    __tablename__ = "sync_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(40), unique=True)
    #: sent (answer not stored yet) / acked
    status: Mapped[str] = mapped_column(String(10), default="sent")
    cases: Mapped[int] = mapped_column(default=0)
    accepted: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[dt.datetime] = mapped_column()
    acked_at: Mapped[dt.datetime | None] = mapped_column()


class SyncBatchItem(Base):
    """One case revision in a batch and the hub's answer for it."""

    __tablename__ = "sync_batch_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("sync_batch.id", ondelete="CASCADE"), index=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("sync_outbox.id"), index=True)
    case_uuid: Mapped[str] = mapped_column(String(36), index=True)
    revision: Mapped[int] = mapped_column()
    #: accepted / rejected; NULL until the answer is stored
    result: Mapped[str | None] = mapped_column(String(10))
    duplicate: Mapped[bool] = mapped_column(default=False)
    reason_code: Mapped[str | None] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(64))
    material: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
    #: the draft revision opened when this one was rejected
    reopened_uuid: Mapped[str | None] = mapped_column(String(36))


class SyncMedia(Base):
    """A material file the hub has acknowledged in full (hash verified there), or found corrupt here."""

    __tablename__ = "sync_media"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column()
    #: uploaded / corrupt
    status: Mapped[str] = mapped_column(String(10))
    at: Mapped[dt.datetime] = mapped_column()


class SyncInbox(Base):
    """A downstream record applied (or set aside as a conflict): each exactly once."""

    __tablename__ = "sync_inbox"
    __table_args__ = (UniqueConstraint("source", "remote_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(10))  # results
    remote_id: Mapped[int] = mapped_column()
    case_uuid: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(24))
    #: applied / conflict / unknown_case
    status: Mapped[str] = mapped_column(String(12))
    error: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column()


class SyncRun(Base):
    """One sync run: what ``tongban sync status`` and the sync center report as the last run."""

    __tablename__ = "sync_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column()
    finished_at: Mapped[dt.datetime | None] = mapped_column()
    #: running / ok / failed / cancelled
    status: Mapped[str] = mapped_column(String(10))
    error_code: Mapped[str | None] = mapped_column(String(40))
    summary: Mapped[str | None] = mapped_column(Text)  # JSON counts, no personal data
