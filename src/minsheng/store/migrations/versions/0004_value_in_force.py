"""The value in force kept on write: two revision pointers on each observation.

`current_revision_id` names the newest approved revision (the value in force) and
`latest_revision_id` the newest revision in any state. Reading them replaces grouping
every revision of the database per request, which made reading cost grow with the
square of the plans. Existing rows are filled from their revisions.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

_FILL = """
UPDATE observations SET
  current_revision_id = (
    SELECT max(r.id) FROM observation_revisions r
    WHERE r.observation_id = observations.id AND r.state = 'approved'),
  latest_revision_id = (
    SELECT max(r.id) FROM observation_revisions r
    WHERE r.observation_id = observations.id)
"""


def upgrade() -> None:
    op.add_column("observations", sa.Column("current_revision_id", sa.Integer(), nullable=True))
    op.add_column("observations", sa.Column("latest_revision_id", sa.Integer(), nullable=True))
    op.execute(_FILL)


def downgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_column("latest_revision_id")
        batch_op.drop_column("current_revision_id")
