"""Initial schema.

Regions, versioned plans and their parts, users, the audit log, observations with their
revisions. Written by autogenerate from minsheng.store.tables and reviewed: JSON is JSONB
on PostgreSQL; the partial unique index keeps one current plan per region on both databases.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("detail", JSON_TYPE, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "departments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_departments")),
        sa.UniqueConstraint("name", name=op.f("uq_departments_name")),
    )
    op.create_table(
        "regions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["regions.id"], name=op.f("fk_regions_parent_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regions")),
        sa.UniqueConstraint("code", name=op.f("uq_regions_code")),
        sa.UniqueConstraint("parent_id", "name", name=op.f("uq_regions_parent_id_name")),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("period_start", sa.Integer(), nullable=True),
        sa.Column("period_end", sa.Integer(), nullable=True),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("source_name", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("is_reference", sa.Boolean(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_plans_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
        sa.UniqueConstraint("region_id", "version", name=op.f("uq_plans_region_id_version")),
    )
    op.create_index(op.f("ix_plans_content_hash"), "plans", ["content_hash"], unique=False)
    op.create_index(op.f("ix_plans_region_id"), "plans", ["region_id"], unique=False)
    op.create_index(
        "uq_plans_current_region_id",
        "plans",
        ["region_id"],
        unique=True,
        sqlite_where=sa.text("is_current"),
        postgresql_where=sa.text("is_current"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "role IN ('admin', 'planner', 'reporter', 'viewer')", name=op.f("ck_users_role")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"], ["departments.id"], name=op.f("fk_users_department_id_departments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "columns",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("body", JSON_TYPE, nullable=False),
        sa.CheckConstraint(
            "kind IN ('indicators', 'services', 'projects', 'other')", name=op.f("ck_columns_kind")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_columns_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("plan_id", "number", name=op.f("pk_columns")),
    )
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=100), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=64), nullable=True),
        sa.Column("baseline", JSON_TYPE, nullable=False),
        sa.Column("target", JSON_TYPE, nullable=False),
        sa.Column("attribute", sa.String(length=16), nullable=True),
        sa.Column("cumulative", sa.Boolean(), nullable=False),
        sa.Column("notes", JSON_TYPE, nullable=False),
        sa.Column("catalogue_key", sa.String(length=64), nullable=True),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "attribute IN ('expected', 'binding')", name=op.f("ck_indicators_attribute")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_indicators_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
        sa.UniqueConstraint("plan_id", "position", name=op.f("uq_indicators_plan_id_position")),
    )
    op.create_index(
        op.f("ix_indicators_catalogue_key"), "indicators", ["catalogue_key"], unique=False
    )
    op.create_index(op.f("ix_indicators_plan_id"), "indicators", ["plan_id"], unique=False)
    op.create_table(
        "previous_plan_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=100), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=64), nullable=True),
        sa.Column("target", JSON_TYPE, nullable=False),
        sa.Column("actual", JSON_TYPE, nullable=False),
        sa.Column("attribute", sa.String(length=16), nullable=True),
        sa.Column("cumulative", sa.Boolean(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "attribute IN ('expected', 'binding')", name=op.f("ck_previous_plan_results_attribute")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_previous_plan_results_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_previous_plan_results")),
        sa.UniqueConstraint(
            "plan_id", "position", name=op.f("uq_previous_plan_results_plan_id_position")
        ),
    )
    op.create_index(
        op.f("ix_previous_plan_results_plan_id"), "previous_plan_results", ["plan_id"], unique=False
    )
    op.create_table(
        "service_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=100), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("beneficiaries", sa.Text(), nullable=True),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("standard", sa.Text(), nullable=True),
        sa.Column("funding", sa.Text(), nullable=True),
        sa.Column("lead_department", sa.Text(), nullable=True),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_service_items_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_items")),
        sa.UniqueConstraint("plan_id", "position", name=op.f("uq_service_items_plan_id_position")),
    )
    op.create_index(op.f("ix_service_items_plan_id"), "service_items", ["plan_id"], unique=False)
    op.create_table(
        "key_projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("column_number", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="planned", nullable=False),
        sa.Column("progress", sa.Integer(), nullable=True),
        sa.CheckConstraint("progress BETWEEN 0 AND 100", name=op.f("ck_key_projects_progress")),
        sa.ForeignKeyConstraint(
            ["plan_id", "column_number"],
            ["columns.plan_id", "columns.number"],
            name=op.f("fk_key_projects_plan_id_column_number_columns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_key_projects_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_projects")),
    )
    op.create_index(op.f("ix_key_projects_plan_id"), "key_projects", ["plan_id"], unique=False)
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_observations_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_observations_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observations")),
        sa.UniqueConstraint(
            "indicator_id",
            "region_id",
            "year",
            name=op.f("uq_observations_indicator_id_region_id_year"),
        ),
    )
    op.create_index(op.f("ix_observations_region_id"), "observations", ["region_id"], unique=False)
    op.create_table(
        "observation_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Double(), nullable=True),
        sa.Column("raw", sa.Text(), nullable=True),
        sa.Column("unit", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "state IN ('draft', 'submitted', 'approved', 'returned')",
            name=op.f("ck_observation_revisions_state"),
        ),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observations.id"],
            name=op.f("fk_observation_revisions_observation_id_observations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observation_revisions")),
    )
    op.create_index(
        op.f("ix_observation_revisions_observation_id"),
        "observation_revisions",
        ["observation_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_observation_revisions_observation_id"), table_name="observation_revisions"
    )
    op.drop_table("observation_revisions")
    op.drop_index(op.f("ix_observations_region_id"), table_name="observations")
    op.drop_table("observations")
    op.drop_index(op.f("ix_key_projects_plan_id"), table_name="key_projects")
    op.drop_table("key_projects")
    op.drop_index(op.f("ix_service_items_plan_id"), table_name="service_items")
    op.drop_table("service_items")
    op.drop_index(op.f("ix_previous_plan_results_plan_id"), table_name="previous_plan_results")
    op.drop_table("previous_plan_results")
    op.drop_index(op.f("ix_indicators_plan_id"), table_name="indicators")
    op.drop_index(op.f("ix_indicators_catalogue_key"), table_name="indicators")
    op.drop_table("indicators")
    op.drop_table("columns")
    op.drop_table("users")
    op.drop_index(
        "uq_plans_current_region_id",
        table_name="plans",
        sqlite_where=sa.text("is_current"),
        postgresql_where=sa.text("is_current"),
    )
    op.drop_index(op.f("ix_plans_region_id"), table_name="plans")
    op.drop_index(op.f("ix_plans_content_hash"), table_name="plans")
    op.drop_table("plans")
    op.drop_table("regions")
    op.drop_table("departments")
    op.drop_table("audit_log")
