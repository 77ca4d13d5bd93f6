"""The hub's own database (SQLAlchemy; SQLite by default, PostgreSQL for production).

Everything a hub worker needs is here or under the shared data directory (media/, partial/),
so several workers (processes, or hosts sharing the data directory) can serve one PostgreSQL
database: seen nonces, upload offsets and enrolments are never kept in process memory, and what
must not run twice at once is serialised by the database (``HubDb.lock``), not by a Python lock.

PostgreSQL URLs use the psycopg 3 driver: ``postgresql+psycopg://user:pw@host:port/db``
(a plain ``postgresql://`` URL is taken to mean the same).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Index, MetaData, String, Text, UniqueConstraint, create_engine, event, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from models.orm.base import UtcDateTime  # aware UTC datetimes, as the station stores them


class HubBase(DeclarativeBase):
    metadata = MetaData(naming_convention={"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s"})
    type_annotation_map = {dt.datetime: UtcDateTime()}  # noqa: RUF012 - SQLAlchemy reads it as is


class HubStation(HubBase):
    __tablename__ = "hub_station"

    code: Mapped[str] = mapped_column(String(9), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    admdvs: Mapped[str] = mapped_column(String(12))
    level: Mapped[str] = mapped_column(String(4))
    public_key: Mapped[str] = mapped_column(String(64))
    #: pending / approved / revoked
    status: Mapped[str] = mapped_column(String(10))
    enrolled_at: Mapped[dt.datetime] = mapped_column()
    approved_at: Mapped[dt.datetime | None] = mapped_column()


class HubAuditAnchor(HubBase):
    """A station's audit-chain head as sent with each 9002 (issue 17 item 11): kept here, out
    of the station's reach, so a cut tail or a wiped log at the station shows."""

    __tablename__ = "hub_audit_anchor"
    __table_args__ = (UniqueConstraint("station_code", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_code: Mapped[str] = mapped_column(String(9), index=True)
    seq: Mapped[int] = mapped_column()
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[dt.datetime] = mapped_column()


class HubNonce(HubBase):
    """Nonces seen inside the signature window: a second use is a replay."""

    __tablename__ = "hub_nonce"
    __table_args__ = (UniqueConstraint("station_code", "nonce"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_code: Mapped[str] = mapped_column(String(9))
    nonce: Mapped[str] = mapped_column(String(64))
    sign_time: Mapped[int] = mapped_column(index=True)


class HubCase(HubBase):
    """One case revision, exactly once per (uuid, revision); later uploads update it."""

    __tablename__ = "hub_case"
    __table_args__ = (UniqueConstraint("uuid", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column()
    parent_uuid: Mapped[str | None] = mapped_column(String(36))
    station_code: Mapped[str] = mapped_column(String(9), index=True)
    case_no: Mapped[str] = mapped_column(String(32))
    item_code: Mapped[str] = mapped_column(String(12))
    state: Mapped[str] = mapped_column(String(8))
    #: highest event seq received: an upload with a lower or equal one changes nothing
    event_seq: Mapped[int] = mapped_column()
    payload: Mapped[str] = mapped_column(Text)  # the CaseRecord JSON
    #: accepted / rejected, with the reason for a rejection
    result: Mapped[str] = mapped_column(String(10))
    reason_code: Mapped[str | None] = mapped_column(String(40))
    reason_field: Mapped[str | None] = mapped_column(String(64))
    reason_material: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
    #: how many times this revision arrived (resends included): shows dedup at work
    receipts: Mapped[int] = mapped_column(default=1)
    received_at: Mapped[dt.datetime] = mapped_column()
    updated_at: Mapped[dt.datetime] = mapped_column()


class HubMedia(HubBase):
    """A media file received in full and verified by its sha256."""

    __tablename__ = "hub_media"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column()
    station_code: Mapped[str] = mapped_column(String(9))
    stored_at: Mapped[dt.datetime] = mapped_column()


class HubUpload(HubBase):
    """A media file being received: the bytes acknowledged so far (the partial file under
    partial/ may be longer after a crash between its fsync and this row's commit: it is cut
    back to ``offset``). The row is the upload's lock, so two workers never append at once."""

    __tablename__ = "hub_upload"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column()
    offset: Mapped[int] = mapped_column()
    station_code: Mapped[str] = mapped_column(String(9))
    updated_at: Mapped[dt.datetime] = mapped_column()


class HubDecision(HubBase):
    """A result from the centre for a case; its id is the stations' cursor."""

    __tablename__ = "hub_decision"
    __table_args__ = (Index("ix_hub_decision_station", "station_code", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_code: Mapped[str] = mapped_column(String(9))
    case_uuid: Mapped[str] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(50))
    decided_at: Mapped[dt.datetime] = mapped_column()


class HubMessage(HubBase):
    """A 消息推送 a station made (``CaseRecord.notifications``), recorded once for the county's SMS
    gateway (hub/sms.py): ``queued`` with a number the applicant agreed to, ``no_consent``
    without one (kept, never sent), then ``sent`` or ``failed``."""

    __tablename__ = "hub_message"
    __table_args__ = (UniqueConstraint("case_uuid", "station_message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_code: Mapped[str] = mapped_column(String(9), index=True)
    case_uuid: Mapped[str] = mapped_column(String(36))
    case_no: Mapped[str] = mapped_column(String(32))
    station_message_id: Mapped[int] = mapped_column()
    event: Mapped[str] = mapped_column(String(24))
    text: Mapped[str] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(20))
    template_source: Mapped[str] = mapped_column(String(80), default="")
    composed: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(12), index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    gateway_ref: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column()  # at the station
    received_at: Mapped[dt.datetime] = mapped_column()
    sent_at: Mapped[dt.datetime | None] = mapped_column()


class HubHoliday(HubBase):
    __tablename__ = "hub_holiday"

    seq: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(unique=True)
    is_workday: Mapped[bool] = mapped_column()
    note: Mapped[str | None] = mapped_column(String(50))


class HubRosterPerson(HubBase):
    """An insured person; ``seq`` grows on every change so stations fetch by cursor."""

    __tablename__ = "hub_roster"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(unique=True)
    admdvs: Mapped[str] = mapped_column(String(12), index=True)
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    gender: Mapped[str | None] = mapped_column(String(2))
    birth_date: Mapped[dt.date | None] = mapped_column()
    card_number: Mapped[str | None] = mapped_column(String(20))


class HubRosterInsurance(HubBase):
    """The person's 参保信息 (``protocol.RosterInsurance`` as JSON), since V1.1: a table of its own,
    so a hub database made before it gains it by ``create_all`` (the hub has no migrations)."""

    __tablename__ = "hub_roster_insurance"

    id_number: Mapped[str] = mapped_column(String(18), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column()


class HubEvoucher(HubBase):
    __tablename__ = "hub_evoucher"

    qr: Mapped[str] = mapped_column(String(28), primary_key=True)
    ec_token: Mapped[str] = mapped_column(String(40))
    id_number: Mapped[str] = mapped_column(String(18))
    name: Mapped[str] = mapped_column(String(50))
    gender: Mapped[str | None] = mapped_column(String(2))
    birth_date: Mapped[dt.date | None] = mapped_column()
    insu_org: Mapped[str | None] = mapped_column(String(50))


class HubCatalog(HubBase):
    """A signed catalog package (as built by models/catalog/package.py), stored under packages/."""

    __tablename__ = "hub_catalog"

    version: Mapped[str] = mapped_column(String(32), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column()
    added_at: Mapped[dt.datetime] = mapped_column()


class HubDb:
    """Engine and sessions. ``write()`` commits on success; SQLite writers begin IMMEDIATE."""

    def __init__(self, url: str) -> None:
        self.url = url = normalise_url(url)
        self.is_postgres = url.startswith("postgresql")
        self.engine: Engine = create_engine(url, connect_args=_connect_args(url), pool_pre_ping=self.is_postgres)
        if url.startswith("sqlite"):
            _sqlite_pragmas(self.engine)
        with self.engine.begin() as conn:
            if self.is_postgres:  # two workers starting together must not both create the tables
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _lock_key("schema")})
            HubBase.metadata.create_all(conn)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def in_dir(cls, data: Path) -> HubDb:
        data.mkdir(parents=True, exist_ok=True)
        return cls(f"sqlite:///{data / 'hub.sqlite3'}")

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def lock(self, session: Session, name: str) -> None:
        """Serialise writers on ``name`` until the transaction ends, across every worker.

        PostgreSQL: a transaction-level advisory lock. SQLite: nothing to do, a write
        transaction (BEGIN IMMEDIATE) already holds the database's only write lock."""
        if self.is_postgres:
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _lock_key(name)})

    def dispose(self) -> None:
        self.engine.dispose()


def normalise_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean psycopg 3 here (SQLAlchemy would pick psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _lock_key(name: str) -> int:
    """A stable signed 64-bit key for ``pg_advisory_xact_lock`` (same in every process)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def _connect_args(url: str) -> dict[str, Any]:
    return {"timeout": 30, "check_same_thread": False} if url.startswith("sqlite") else {}


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
