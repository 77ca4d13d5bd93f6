"""Provisional deadlines (issue 18 part 2) and message templates in use (part 3)

case: deadline_provisional, promised_date_given, promised_date_exact, sms_consent, sms_phone;
notification: state, phone, template_source, composed.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

Shipped migrations are never edited: add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy of "case": dropping the old table would cascade to its
    # events and materials).
    op.add_column("case", sa.Column("deadline_provisional", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("case", sa.Column("promised_date_given", sa.Date(), nullable=True))
    op.add_column("case", sa.Column("promised_date_exact", sa.Date(), nullable=True))
    op.add_column("case", sa.Column("sms_consent", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("case", sa.Column("sms_phone", sa.String(20), nullable=True))
    op.add_column("notification", sa.Column("state", sa.String(8), nullable=True))
    op.add_column("notification", sa.Column("phone", sa.String(20), nullable=True))
    op.add_column("notification", sa.Column("template_source", sa.String(80), nullable=True))
    op.add_column("notification", sa.Column("composed", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        for name in ("composed", "template_source", "phone", "state"):
            batch_op.drop_column(name)
    with op.batch_alter_table("case", schema=None) as batch_op:
        for name in ("sms_phone", "sms_consent", "promised_date_exact", "promised_date_given", "deadline_provisional"):
            batch_op.drop_column(name)
