"""several roles per login: clerk.extra_roles

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

Shipped migrations are never edited: add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clerk", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extra_roles", sa.String(length=64), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("clerk", schema=None) as batch_op:
        batch_op.drop_column("extra_roles")
