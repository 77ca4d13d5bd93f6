"""好差评 reason, time and channel, and the 整改 follow-up of a bad rating, on the case

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

Shipped migrations are never edited: add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rating_reason", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("rated_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("rating_channel", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("rating_followup_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("rating_followup_by", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("rating_followup_note", sa.Text(), nullable=True))
    # Ratings given before this revision: their time is the case's last change (the best there is).
    op.execute("UPDATE \"case\" SET rated_at = updated_at, rating_channel = 'screen' WHERE rating IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        for column in (
            "rating_followup_note",
            "rating_followup_by",
            "rating_followup_at",
            "rating_channel",
            "rated_at",
            "rating_reason",
        ):
            batch_op.drop_column(column)
