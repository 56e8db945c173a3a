"""Residents and households per region and year (常住人口, 户数): the weights of
equalization and the denominators of per-capita provision norms. Only a new table.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "populations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("residents", sa.Double(), nullable=False),
        sa.Column("households", sa.Double(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("residents > 0", name=op.f("ck_populations_residents_positive")),
        sa.CheckConstraint(
            "households IS NULL OR households > 0", name=op.f("ck_populations_households_positive")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_populations_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_populations")),
        sa.UniqueConstraint("region_id", "year", name=op.f("uq_populations_region_id_year")),
    )
    with op.batch_alter_table("populations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_populations_region_id"), ["region_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("populations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_populations_region_id"))
    op.drop_table("populations")
