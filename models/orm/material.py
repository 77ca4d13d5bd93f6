"""Materials checklist entries and the files (photos, PDF pages) attached to them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.orm.base import Base
from models.orm.case import Case


class MaterialEntry(Base):
    """One line of a case's 受理材料 checklist (catalog material key + its status)."""

    __tablename__ = "material_entry"
    __table_args__ = (UniqueConstraint("case_id", "material_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    material_key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    #: received / missing / deferred (容缺) / not_applicable
    status: Mapped[str] = mapped_column(String(16), default="missing")
    #: Which alternative satisfied it (e.g. 社保卡 for 医保电子凭证或有效身份证件或社保卡).
    satisfied_by: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship()
    files: Mapped[list[MaterialFile]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="MaterialFile.page_no"
    )


class MaterialFile(Base):
    """A stored page. The bytes live outside the DB under media/, named by their sha256."""

    __tablename__ = "material_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("material_entry.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    mime: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column()
    page_no: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime] = mapped_column()

    entry: Mapped[MaterialEntry] = relationship(back_populates="files")
