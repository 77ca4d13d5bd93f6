"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23

Shipped migrations are never edited: add a new revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "holiday_override",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("is_workday", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=50), nullable=True),
        sa.Column("source", sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_holiday_override")),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("gender", sa.String(length=2), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("ethnicity", sa.String(length=20), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("card_number", sa.String(length=20), nullable=True),
        sa.Column("identified_by", sa.String(length=10), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("id_number", name=op.f("uq_person_id_number")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_name"), ["name"], unique=False)

    op.create_table(
        "station",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=9), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("admdvs", sa.String(length=12), nullable=False),
        sa.Column("level", sa.String(length=4), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station")),
        sa.UniqueConstraint("code", name=op.f("uq_station_code")),
    )
    op.create_table(
        "sync_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("case_uuid", sa.String(length=36), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("enqueued_at", sa.DateTime(), nullable=False),
        sa.Column("acked_at", sa.DateTime(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_outbox")),
    )
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_outbox_case_uuid"), ["case_uuid"], unique=False)
        batch_op.create_index("ix_sync_outbox_pending", ["status", "id"], unique=False)

    op.create_table(
        "case_sequence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_case_sequence_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_sequence")),
        sa.UniqueConstraint("station_id", "day", name=op.f("uq_case_sequence_station_id")),
    )
    op.create_table(
        "clerk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"], name=op.f("fk_clerk_station_id_station")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clerk")),
        sa.UniqueConstraint("login", name=op.f("uq_clerk_login")),
    )
    op.create_table(
        "case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("parent_uuid", sa.String(length=36), nullable=True),
        sa.Column("case_no", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("item_code", sa.String(length=12), nullable=False),
        sa.Column("item_name", sa.String(length=100), nullable=False),
        sa.Column("catalog_version", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("deficiency_accepted", sa.Boolean(), nullable=False),
        sa.Column("by_agent", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("promised_date", sa.Date(), nullable=True),
        sa.Column("time_limit_days", sa.Integer(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("forwarded_to", sa.String(length=4), nullable=True),
        sa.Column("rating", sa.String(length=8), nullable=True),
        sa.Column("rating_comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["clerk.id"], name=op.f("fk_case_created_by_id_clerk")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_case_person_id_person")),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"], name=op.f("fk_case_station_id_station")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case")),
        sa.UniqueConstraint("case_no", name=op.f("uq_case_case_no")),
        sa.UniqueConstraint("uuid", name=op.f("uq_case_uuid")),
    )
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_item_code"), ["item_code"], unique=False)
        batch_op.create_index("ix_case_person_item", ["person_id", "item_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_state"), ["state"], unique=False)
        batch_op.create_index("ix_case_state_promised", ["state", "promised_date"], unique=False)

    op.create_table(
        "case_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("from_state", sa.String(length=8), nullable=True),
        sa.Column("to_state", sa.String(length=8), nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=32), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_case_event_case_id_case"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["clerk_id"], ["clerk.id"], name=op.f("fk_case_event_clerk_id_clerk")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_event")),
        sa.UniqueConstraint("case_id", "seq", name=op.f("uq_case_event_case_id")),
    )
    op.create_table(
        "case_field",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_case_field_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_field")),
        sa.UniqueConstraint("case_id", "key", name=op.f("uq_case_field_case_id")),
    )
    op.create_table(
        "material_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("material_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("satisfied_by", sa.String(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_material_entry_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_material_entry")),
        sa.UniqueConstraint("case_id", "material_key", name=op.f("uq_material_entry_case_id")),
    )
    with op.batch_alter_table("material_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_material_entry_case_id"), ["case_id"], unique=False)

    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=24), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_notification_case_id_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notification_case_id"), ["case_id"], unique=False)

    op.create_table(
        "print_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("document", sa.String(length=40), nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("reprint", sa.Boolean(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_print_log_case_id_case")),
        sa.ForeignKeyConstraint(["clerk_id"], ["clerk.id"], name=op.f("fk_print_log_clerk_id_clerk")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_log")),
    )
    with op.batch_alter_table("print_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_print_log_case_id"), ["case_id"], unique=False)

    op.create_table(
        "material_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("mime", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("page_no", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["material_entry.id"],
            name=op.f("fk_material_file_entry_id_material_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_material_file")),
    )
    with op.batch_alter_table("material_file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_material_file_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_material_file_sha256"), ["sha256"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("material_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_material_file_sha256"))
        batch_op.drop_index(batch_op.f("ix_material_file_entry_id"))

    op.drop_table("material_file")
    with op.batch_alter_table("print_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_print_log_case_id"))

    op.drop_table("print_log")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_case_id"))

    op.drop_table("notification")
    with op.batch_alter_table("material_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_material_entry_case_id"))

    op.drop_table("material_entry")
    op.drop_table("case_field")
    op.drop_table("case_event")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_index("ix_case_state_promised")
        batch_op.drop_index(batch_op.f("ix_case_state"))
        batch_op.drop_index("ix_case_person_item")
        batch_op.drop_index(batch_op.f("ix_case_item_code"))

    op.drop_table("case")
    op.drop_table("clerk")
    op.drop_table("case_sequence")
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_outbox_pending")
        batch_op.drop_index(batch_op.f("ix_sync_outbox_case_uuid"))

    op.drop_table("sync_outbox")
    op.drop_table("station")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_name"))

    op.drop_table("person")
    op.drop_table("holiday_override")
