"""容缺受理 补齐 deadline: case.deficiency_due

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

Shipped migrations are never edited: add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deficiency_due", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_column("deficiency_due")
