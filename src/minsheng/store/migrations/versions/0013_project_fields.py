"""Key projects as projects: district, nature, investment, dates, responsible unit, location.

Adds columns to key_projects (all empty for stored projects until `minsheng projects fill`
reads them from the plan's text) with each year's planned and completed investment, and
the fields an update changed to key_project_updates (the status history).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None

JSON_TYPE = sa.JSON().with_variant(JSONB(), "postgresql")
PROJECT_COLUMNS: tuple[tuple[str, sa.types.TypeEngine[Any]], ...] = (
    ("region_id", sa.Integer()),
    ("nature", sa.String(length=16)),
    ("total_investment", sa.Double()),
    ("start_month", sa.String(length=7)),
    ("end_month", sa.String(length=7)),
    ("responsible_unit", sa.String(length=200)),
    ("lon", sa.Double()),
    ("lat", sa.Double()),
)


def upgrade() -> None:
    with op.batch_alter_table("key_projects", schema=None) as batch_op:
        for name, type_ in PROJECT_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
        batch_op.add_column(
            sa.Column("edited_fields", JSON_TYPE, server_default="[]", nullable=False)
        )
        batch_op.add_column(
            sa.Column("investments", JSON_TYPE, server_default="{}", nullable=False)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_key_projects_region_id_regions"), "regions", ["region_id"], ["id"]
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_key_projects_investment_not_negative"),
            "total_investment IS NULL OR total_investment >= 0",
        )
    with op.batch_alter_table("key_project_updates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("changes", JSON_TYPE, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("key_project_updates", schema=None) as batch_op:
        batch_op.drop_column("changes")
    with op.batch_alter_table("key_projects", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("ck_key_projects_investment_not_negative"), type_="check"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_key_projects_region_id_regions"), type_="foreignkey"
        )
        batch_op.drop_column("investments")
        batch_op.drop_column("edited_fields")
        for name, _ in reversed(PROJECT_COLUMNS):
            batch_op.drop_column(name)
