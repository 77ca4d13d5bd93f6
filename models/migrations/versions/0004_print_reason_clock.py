"""print reasons and clock trouble: print_log.reason, event sequence and clock state

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

Shipped migrations are never edited: add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("print_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("station_seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("clock_suspect", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index(batch_op.f("ix_case_event_station_seq"), ["station_seq"], unique=False)
    op.create_table(
        "clock_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_seq", sa.Integer(), nullable=False),
        sa.Column("high_water_at", sa.DateTime(), nullable=True),
        sa.Column("hub_offset_s", sa.Integer(), nullable=True),
        sa.Column("hub_checked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clock_state")),
    )
    # Existing events get a station-wide order from their timestamps (the best there is).
    # A keyed temporary table keeps this linear on stations with hundreds of thousands of events.
    op.execute("CREATE TEMP TABLE event_order AS SELECT id, ROW_NUMBER() OVER (ORDER BY at, id) AS rn FROM case_event")
    op.execute("CREATE UNIQUE INDEX temp.ix_event_order_id ON event_order (id)")
    op.execute("UPDATE case_event SET station_seq = (SELECT rn FROM event_order WHERE event_order.id = case_event.id)")
    op.execute("DROP TABLE event_order")
    op.execute("INSERT INTO clock_state (id, event_seq, high_water_at) SELECT 1, COUNT(*), MAX(at) FROM case_event")


def downgrade() -> None:
    op.drop_table("clock_state")
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_event_station_seq"))
        batch_op.drop_column("clock_suspect")
        batch_op.drop_column("station_seq")
    with op.batch_alter_table("print_log", schema=None) as batch_op:
        batch_op.drop_column("reason")
