"""Administrators' additions to the indicator catalogue.

The bundled catalogue (model/data/catalogue.csv) stays the base; these tables hold only
what an administrator adds: new entries, and aliases for entries of either kind. Only new
tables, so nothing needs SQLite's batch mode; the same operations run on PostgreSQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "catalogue_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=64), nullable=True),
        sa.Column("direction", sa.String(length=32), nullable=False),
        sa.Column("domain", sa.String(length=100), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "direction IN ('higher_is_better', 'lower_is_better', 'within_band', 'qualitative')",
            name=op.f("ck_catalogue_entries_direction"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_entries")),
        sa.UniqueConstraint("key", name=op.f("uq_catalogue_entries_key")),
    )
    op.create_table(
        "catalogue_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("normalized", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_aliases")),
        sa.UniqueConstraint("normalized", name=op.f("uq_catalogue_aliases_normalized")),
    )
    op.create_index(op.f("ix_catalogue_aliases_key"), "catalogue_aliases", ["key"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_catalogue_aliases_key"), table_name="catalogue_aliases")
    op.drop_table("catalogue_aliases")
    op.drop_table("catalogue_entries")
