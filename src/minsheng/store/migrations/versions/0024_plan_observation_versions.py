"""A counter on each plan, raised by every write of its observations.

Evaluating every plan reads each indicator's progress in each region (115,000 pairs
nationally, about a second). After a write of one plan's values only that plan's rows
are out of date; the counter, committed with the values it counts, tells a reader which
plans to read again. An id high-water mark could not: ids are taken before commit, so a
write that commits late can hide below a mark already read.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column(
        "plans",
        sa.Column("observations_version", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    # in place (SQLite 3.35+ drops a column): a batch copy would lose the plans' index on
    # an expression, which SQLite's reflection does not describe
    op.drop_column("plans", "observations_version")
