"""What each indicator's cells say, stored beside the cells.

Judging every plan needs, per indicator, its baseline's number, the target's bounds, the
direction its target states (or the one its name and movement suggest) and two flags.
Worked out from the cells at every read, that was most of a national evaluation's time;
the cells never change once stored (a new version is a new plan), so the facts are
written with the indicator. Existing rows are left empty here and filled by
`minsheng db upgrade` (the evaluator, which works them out, sits above the store); until
then the read side works them out from the cells, as before.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

_COLUMNS: tuple[tuple[str, sa.types.TypeEngine[Any]], ...] = (
    ("fact_baseline", sa.Double()),
    ("fact_low", sa.Double()),
    ("fact_high", sa.Double()),
    ("fact_stated_direction", sa.String(20)),
    ("fact_guessed_direction", sa.String(20)),
    ("fact_strict", sa.Boolean()),
    ("fact_cumulative", sa.Boolean()),
)


def upgrade() -> None:
    for name, kind in _COLUMNS:
        op.add_column("indicators", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        for name, _ in reversed(_COLUMNS):
            batch_op.drop_column(name)
