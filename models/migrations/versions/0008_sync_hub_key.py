"""The hub's pinned answer-signing key: sync_identity.hub_key

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

Shipped migrations are never edited: add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_identity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hub_key", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_identity", schema=None) as batch_op:
        batch_op.drop_column("hub_key")
