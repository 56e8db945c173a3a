"""Standards by level and their delivery: each service item's standard as the nation, the
province and the city state it (versions with their source document), the delivery
indicators a standard promises and the values departments report. Only new tables.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    _levels()
    _indicators()
    _reports()


def _item_key(table: str) -> list[SchemaItem]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_item_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_item_id"],
            ["service_items.id"],
            name=op.f(f"fk_{table}_service_item_id_service_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def _index(table: str, column: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def _levels() -> None:
    op.create_table(
        "standard_levels",
        *_item_key("standard_levels"),
        sa.Column("level", sa.String(length=16), nullable=False),
        *[
            sa.Column(name, sa.Text(), nullable=True)
            for name in ("beneficiaries", "content", "standard", "funding", "lead_department")
        ],
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "level IN ('national', 'provincial', 'city')", name=op.f("ck_standard_levels_level")
        ),
    )
    _index("standard_levels", "service_item_id")


def _indicators() -> None:
    op.create_table(
        "delivery_indicators",
        *_item_key("delivery_indicators"),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("unit", sa.String(length=32), nullable=True),
        sa.Column("required", sa.Double(), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('coverage', 'frequency', 'amount')", name=op.f("ck_delivery_indicators_kind")
        ),
        sa.UniqueConstraint(
            "service_item_id", "name", name=op.f("uq_delivery_indicators_service_item_id_name")
        ),
    )
    _index("delivery_indicators", "service_item_id")


def _reports() -> None:
    op.create_table(
        "delivery_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Double(), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["delivery_indicators.id"],
            name=op.f("fk_delivery_reports_indicator_id_delivery_indicators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_reports")),
        sa.UniqueConstraint(
            "indicator_id", "year", name=op.f("uq_delivery_reports_indicator_id_year")
        ),
    )
    _index("delivery_reports", "indicator_id")


def downgrade() -> None:
    for table, column in (
        ("delivery_reports", "indicator_id"),
        ("delivery_indicators", "service_item_id"),
        ("standard_levels", "service_item_id"),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))
        op.drop_table(table)
