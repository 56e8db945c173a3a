"""One current plan per region and period: a 十五五 plan is a region's next plan.

The partial unique index on the current plans covered the region alone, so a region could
hold one current plan in all; from now on it covers (region, period start), and a region's
十四五 and 十五五 plans are both current.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

_CURRENT = sa.text("is_current")


def upgrade() -> None:
    op.drop_index("uq_plans_current_region_id", table_name="plans")
    op.create_index(
        "uq_plans_current_region_period",
        "plans",
        ["region_id", sa.text("coalesce(period_start, 0)")],
        unique=True,
        sqlite_where=_CURRENT,
        postgresql_where=_CURRENT,
    )


def downgrade() -> None:
    op.drop_index("uq_plans_current_region_period", table_name="plans")
    op.create_index(
        "uq_plans_current_region_id",
        "plans",
        ["region_id"],
        unique=True,
        sqlite_where=_CURRENT,
        postgresql_where=_CURRENT,
    )
