"""sync state: station key and enrolment, cursors, batches, media, inbox, runs

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

Shipped migrations are never edited: add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_code", sa.String(length=9), nullable=False),
        sa.Column("private_key", sa.Text(), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("hub_url", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_identity")),
    )
    op.create_table(
        "sync_cursor",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sync_cursor")),
    )
    op.create_table(
        "sync_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("acked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_batch")),
        sa.UniqueConstraint("batch_id", name=op.f("uq_sync_batch_batch_id")),
    )
    op.create_table(
        "sync_batch_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("case_uuid", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=10), nullable=True),
        sa.Column("duplicate", sa.Boolean(), nullable=False),
        sa.Column("reason_code", sa.String(length=40), nullable=True),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("material", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("reopened_uuid", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["sync_batch.id"], name=op.f("fk_sync_batch_item_batch_id_sync_batch"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["outbox_id"], ["sync_outbox.id"], name=op.f("fk_sync_batch_item_outbox_id_sync_outbox")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_batch_item")),
    )
    with op.batch_alter_table("sync_batch_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_batch_item_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_batch_item_case_uuid"), ["case_uuid"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_batch_item_outbox_id"), ["outbox_id"], unique=False)
    op.create_table(
        "sync_media",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_sync_media")),
    )
    op.create_table(
        "sync_inbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("remote_id", sa.Integer(), nullable=False),
        sa.Column("case_uuid", sa.String(length=36), nullable=True),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_inbox")),
        sa.UniqueConstraint("source", "remote_id", name=op.f("uq_sync_inbox_source")),
    )
    op.create_table(
        "sync_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("error_code", sa.String(length=40), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_run")),
    )


def downgrade() -> None:
    op.drop_table("sync_run")
    op.drop_table("sync_inbox")
    op.drop_table("sync_media")
    with op.batch_alter_table("sync_batch_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_batch_item_outbox_id"))
        batch_op.drop_index(batch_op.f("ix_sync_batch_item_case_uuid"))
        batch_op.drop_index(batch_op.f("ix_sync_batch_item_batch_id"))
    op.drop_table("sync_batch_item")
    op.drop_table("sync_batch")
    op.drop_table("sync_cursor")
    op.drop_table("sync_identity")
