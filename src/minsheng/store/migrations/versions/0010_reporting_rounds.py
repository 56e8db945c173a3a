"""Reporting rounds (indicators × regions × year with a deadline) and reminders: the
rounds, the items each department owes (copied at opening), the reminders sent and each
department's liaison mailbox. Only new tables.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    _rounds()
    _items()
    _reminders()
    _contacts()


def _rounds() -> None:
    op.create_table(
        "reporting_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("first_year", sa.Integer(), nullable=False),
        sa.Column("last_year", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("opened_by", sa.String(length=64), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "first_year <= last_year", name=op.f("ck_reporting_rounds_years_in_order")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_reporting_rounds_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_rounds")),
    )
    with op.batch_alter_table("reporting_rounds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reporting_rounds_plan_id"), ["plan_id"])


def _items() -> None:
    op.create_table(
        "round_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["reporting_rounds.id"],
            name=op.f("fk_round_items_round_id_reporting_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_round_items_department_id_departments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_round_items_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_round_items_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_items")),
        sa.UniqueConstraint(
            "round_id",
            "department_id",
            "indicator_id",
            "region_id",
            "year",
            name=op.f("uq_round_items_round_id_department_id_indicator_id_region_id_year"),
        ),
    )
    with op.batch_alter_table("round_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_round_items_department_id"), ["department_id"])
        batch_op.create_index(batch_op.f("ix_round_items_round_id"), ["round_id"])


def _reminders() -> None:
    op.create_table(
        "round_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_by", sa.String(length=64), nullable=False),
        sa.Column("recipients", JSON, nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "channel IN ('in_app', 'email')", name=op.f("ck_round_reminders_channel")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["reporting_rounds.id"],
            name=op.f("fk_round_reminders_round_id_reporting_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_round_reminders_department_id_departments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_reminders")),
    )
    with op.batch_alter_table("round_reminders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_round_reminders_round_id"), ["round_id"])
        batch_op.create_index(batch_op.f("ix_round_reminders_department_id"), ["department_id"])


def _contacts() -> None:
    op.create_table(
        "department_contacts",
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_department_contacts_department_id_departments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("department_id", name=op.f("pk_department_contacts")),
    )


def downgrade() -> None:
    op.drop_table("department_contacts")
    for table, columns in (
        ("round_reminders", ("round_id", "department_id")),
        ("round_items", ("round_id", "department_id")),
        ("reporting_rounds", ("plan_id",)),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))
        op.drop_table(table)
