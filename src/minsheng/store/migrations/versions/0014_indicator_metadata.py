"""Indicator metadata: definition, formula, data source, responsible department, frequency.

One row per plan indicator holding what planners wrote (NULL: not set, so readers show
what the plan says), and every edit as a revision. Only new tables.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | None = None
depends_on: str | None = None

FREQUENCY = "frequency IN ('annual', 'quarterly', 'monthly')"


def _fields() -> list[sa.Column]:
    return [
        sa.Column("definition", sa.Text(), nullable=True),
        sa.Column("formula", sa.Text(), nullable=True),
        sa.Column("data_source", sa.Text(), nullable=True),
        sa.Column("department", sa.Text(), nullable=True),
        sa.Column("frequency", sa.String(length=16), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "indicator_metadata",
        sa.Column("indicator_id", sa.Integer(), autoincrement=False, nullable=False),
        *_fields(),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(FREQUENCY, name=op.f("ck_indicator_metadata_frequency")),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_indicator_metadata_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("indicator_id", name=op.f("pk_indicator_metadata")),
    )
    _revisions()


def _revisions() -> None:
    op.create_table(
        "indicator_metadata_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        *_fields(),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(FREQUENCY, name=op.f("ck_indicator_metadata_revisions_frequency")),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_indicator_metadata_revisions_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_metadata_revisions")),
    )
    with op.batch_alter_table("indicator_metadata_revisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_metadata_revisions_indicator_id"),
            ["indicator_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("indicator_metadata_revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_metadata_revisions_indicator_id"))
    op.drop_table("indicator_metadata_revisions")
    op.drop_table("indicator_metadata")
