"""The value in force's number on each observation, with an index that covers judging.

Judging a plan needs, per indicator and region, the latest year with a number and that
number: with `current_value` beside `current_revision_id` and one index over
(indicator, region, year, value), that is a range seek per pair in the index alone,
instead of a join to the revisions for every row. Existing rows are filled from the
revision in force.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

_FILL = """
UPDATE observations SET current_value = (
    SELECT r.value FROM observation_revisions r WHERE r.id = observations.current_revision_id)
WHERE current_revision_id IS NOT NULL
"""
_COLUMNS = ["indicator_id", "region_id", "year", "current_value"]


def upgrade() -> None:
    op.add_column("observations", sa.Column("current_value", sa.Double(), nullable=True))
    op.execute(_FILL)
    op.create_index("ix_observations_in_force", "observations", _COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_observations_in_force", table_name="observations")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_column("current_value")
