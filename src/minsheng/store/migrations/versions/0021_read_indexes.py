"""Indexes for the set-based read side at national scale.

`ix_observations_numbers` holds, per indicator, the years with a number in force (a
partial index: only observations whose `current_value` is set). The year an evaluation
defaults to — the newest year with data in each plan's period — is then one backward
seek per indicator instead of a scan of every observation (1.7 M rows nationally).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | None = None
depends_on: str | None = None

_NUMBERS = sa.text("current_value IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        "ix_observations_numbers",
        "observations",
        ["indicator_id", "year"],
        sqlite_where=_NUMBERS,
        postgresql_where=_NUMBERS,
    )


def downgrade() -> None:
    op.drop_index("ix_observations_numbers", table_name="observations")
