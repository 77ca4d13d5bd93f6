"""security: the hash-chained audit log

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

Shipped migrations are never edited: add a new revision instead. Clerks' passwords need no
schema change (clerk.password_hash exists since 0001; the wrapped keys are in keyring.json).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("clerk_login", sa.String(length=32), nullable=True),
        sa.Column("clerk_role", sa.String(length=8), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=80), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_log_seq")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("audit_log")
