"""The audit log: who did what to which record, hash-chained (models/audit.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.orm.base import Base


class AuditEntry(Base):
    """One audited event. Rows are only ever appended; ``tongban audit verify`` checks the chain.

    ``entry_hash`` = sha256 over this entry's fields and ``prev_hash`` (the previous entry's
    hash), so editing, deleting or reordering any entry breaks the chain from there on.
    """

    __tablename__ = "audit_log"
    #: AUTOINCREMENT keeps the highest id ever used in sqlite_sequence: deleting the newest
    #: entries (which a chain alone cannot show) leaves that number above the last row.
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 - SQLAlchemy reads it as is

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 1, 2, 3 … without gaps: a deleted entry leaves a gap.
    seq: Mapped[int] = mapped_column(unique=True)
    at: Mapped[dt.datetime] = mapped_column()
    #: The clerk's login; None for the system (sync results from the centre, set-up).
    clerk_login: Mapped[str | None] = mapped_column(String(32))
    clerk_role: Mapped[str | None] = mapped_column(String(8))
    #: What happened: ``login``, ``logout``, ``person.view``, ``print``, ``case.accept`` …
    action: Mapped[str] = mapped_column(String(40))
    #: What it happened to: ``case:<case_no>``, ``person:<id>``, ``clerk:<login>`` …
    target: Mapped[str] = mapped_column(String(80))
    #: JSON with English keys; never personal data in clear (masked values only).
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))
