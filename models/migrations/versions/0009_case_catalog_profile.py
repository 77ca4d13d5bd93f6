"""The rule profile a case was taken in under: case.catalog_profile

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

A case keeps its catalog version and, from this revision, the rule profile (national, guizhou,
qiannan, pingdingshan …; models/catalog/profiles.py) its station applied when it was opened.
Cases from before are NULL: they follow their station's profile.

Shipped migrations are never edited: add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("catalog_profile", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_column("catalog_profile")
