"""Facilities and where people live: points imported per city and date (a point layer),
facilities by type with capacity and status, residents as points or grid cells with
their population. Only new tables.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    _layers()
    _facilities()
    _residents()


def _layers() -> None:
    op.create_table(
        "point_layers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("type_code", sa.String(length=60), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("crs", sa.String(length=40), nullable=False),
        sa.Column("is_sample", sa.Boolean(), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('facilities', 'residents')", name=op.f("ck_point_layers_kind_known")
        ),
        sa.ForeignKeyConstraint(
            ["city_id"], ["regions.id"], name=op.f("fk_point_layers_city_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_point_layers")),
        sa.UniqueConstraint(
            "city_id",
            "kind",
            "type_code",
            "as_of",
            name=op.f("uq_point_layers_city_id_kind_type_code_as_of"),
        ),
    )


def _facilities() -> None:
    op.create_table(
        "facilities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("layer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("lon", sa.Double(), nullable=False),
        sa.Column("lat", sa.Double(), nullable=False),
        sa.Column("capacity", sa.Double(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=True),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "capacity IS NULL OR capacity >= 0", name=op.f("ck_facilities_capacity_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["layer_id"],
            ["point_layers.id"],
            name=op.f("fk_facilities_layer_id_point_layers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_facilities_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facilities")),
    )
    with op.batch_alter_table("facilities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_facilities_layer_id"), ["layer_id"], unique=False)


def _residents() -> None:
    op.create_table(
        "resident_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("layer_id", sa.Integer(), nullable=False),
        sa.Column("lon", sa.Double(), nullable=False),
        sa.Column("lat", sa.Double(), nullable=False),
        sa.Column("population", sa.Double(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "population >= 0", name=op.f("ck_resident_points_population_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["layer_id"],
            ["point_layers.id"],
            name=op.f("fk_resident_points_layer_id_point_layers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_resident_points_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resident_points")),
    )
    with op.batch_alter_table("resident_points", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resident_points_layer_id"), ["layer_id"], unique=False)


def downgrade() -> None:
    for table in ("resident_points", "facilities"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_layer_id"))
        op.drop_table(table)
    op.drop_table("point_layers")
