"""The person's 参保信息 synced from the hub's roster (issue 22, 表8 参保凭证 from the roster)

person_insurance (one row per person) and person_contribution (its 缴费记录 lines).
The roster is fetched again once under a new cursor name (sync/engine.ROSTER_CURSOR), so a
station upgraded from 0010 receives the insurance data of persons it already holds.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

Shipped migrations are never edited: add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_insurance",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("household_place", sa.String(length=200), nullable=True),
        sa.Column("household_type", sa.String(length=20), nullable=True),
        sa.Column("insurance_type", sa.String(length=40), nullable=True),
        sa.Column("insured_admdvs", sa.String(length=12), nullable=True),
        sa.Column("insured_from", sa.String(length=7), nullable=True),
        sa.Column("insured_to", sa.String(length=7), nullable=True),
        sa.Column("paid_months", sa.Integer(), nullable=True),
        sa.Column("account_balance", sa.String(length=20), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("synced_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_person_insurance_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_person_insurance")),
    )
    op.create_table(
        "person_contribution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("period_from", sa.String(length=7), nullable=False),
        sa.Column("period_to", sa.String(length=7), nullable=False),
        sa.Column("insurance_type", sa.String(length=40), nullable=False),
        sa.Column("base", sa.String(length=20), nullable=True),
        sa.Column("amount", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person_insurance.person_id"],
            name=op.f("fk_person_contribution_person_id_person_insurance"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_contribution")),
    )
    op.create_index(op.f("ix_person_contribution_person_id"), "person_contribution", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_person_contribution_person_id"), table_name="person_contribution")
    op.drop_table("person_contribution")
    op.drop_table("person_insurance")
