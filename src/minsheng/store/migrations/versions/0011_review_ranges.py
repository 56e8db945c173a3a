"""Range rules for review: the plausible minimum and maximum of an indicator, per region.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "review_ranges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("low", sa.Double(), nullable=True),
        sa.Column("high", sa.Double(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "low IS NOT NULL OR high IS NOT NULL", name=op.f("ck_review_ranges_bounded")
        ),
        sa.CheckConstraint(
            "low IS NULL OR high IS NULL OR low <= high", name=op.f("ck_review_ranges_ordered")
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_review_ranges_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_review_ranges_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_ranges")),
        sa.UniqueConstraint(
            "indicator_id", "region_id", name=op.f("uq_review_ranges_indicator_id_region_id")
        ),
    )
    with op.batch_alter_table("review_ranges", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_ranges_indicator_id"), ["indicator_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("review_ranges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_ranges_indicator_id"))
    op.drop_table("review_ranges")
