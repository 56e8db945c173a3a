"""An index of each plan's indicators with whether their target is a running total.

The evaluation reads, for every indicator of the plans judged and each of its regions,
the latest number and, for running totals only, the sum. Deciding which is a total read
each indicator's table row (115,000 nationally, scattered over a wide table); with the
flag beside the plan in an index, SQLite answers from the index alone (0.6 → 0.3 s for
the national progress read).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_indicators_plan_cumulative", "indicators", ["plan_id", "fact_cumulative"])


def downgrade() -> None:
    op.drop_index("ix_indicators_plan_cumulative", table_name="indicators")
