"""An index of the revisions that carry a note.

Every response says whether the database holds synthetic 示例数据, which is a question
about the notes of the values in force. Without an index that question scans every
revision (1.7 M nationally, a quarter of a second); notes are few, so a partial index of
the noted revisions answers it with a seek.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | None = None
depends_on: str | None = None

_NOTED = sa.text("note IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        "ix_observation_revisions_noted",
        "observation_revisions",
        ["note"],
        sqlite_where=_NOTED,
        postgresql_where=_NOTED,
    )


def downgrade() -> None:
    op.drop_index("ix_observation_revisions_noted", table_name="observation_revisions")
