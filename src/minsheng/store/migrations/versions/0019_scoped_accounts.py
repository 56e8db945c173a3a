"""Accounts scoped to a region; assignments keyed by indicator and region ids.

Assignments were stored by indicator and region id already; what changes is that a
permission is read through them (never by an indicator's name, which repeats across
plans). Users get a region: a reporter whose department reports for one plan's region
only is scoped to that region; everyone else stays unscoped (NULL: every region).
Values stored as ±∞ or NaN become missing.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | None = None
depends_on: str | None = None

ONE_REGION = """
SELECT u.id, MIN(p.region_id) FROM users u
JOIN indicator_assignments a ON a.department_id = u.department_id
JOIN indicators i ON i.id = a.indicator_id
JOIN plans p ON p.id = i.plan_id
WHERE u.role = 'reporter'
GROUP BY u.id HAVING COUNT(DISTINCT p.region_id) = 1
"""


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("region_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_users_region_id_regions"), "regions", ["region_id"], ["id"]
        )
    _scope_reporters()
    _forget_non_finite()


def _forget_non_finite() -> None:
    """A value stored as ±∞ or NaN (`1e309`) broke every read of it: it becomes missing.
    (NaN sorts above every number on PostgreSQL, so the same test finds it.)"""
    for table, column in (("observation_revisions", "value"), ("observations", "current_value")):
        op.execute(
            f"UPDATE {table} SET {column} = NULL WHERE {column} > 1e308 OR {column} < -1e308"
        )


def _scope_reporters() -> None:
    """Reporters whose assignments all lie in one region's plans act for that region."""
    bind = op.get_bind()
    for user_id, region_id in bind.execute(sa.text(ONE_REGION)).all():
        bind.execute(
            sa.text("UPDATE users SET region_id = :region WHERE id = :user"),
            {"region": region_id, "user": user_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_users_region_id_regions"), type_="foreignkey")
        batch_op.drop_column("region_id")
