"""Tables the web application needs: standard-field history, project updates, indicator
assignments to departments, API tokens and sign-in attempts. Only new tables.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 17:08:07.533918
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_attempts_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_login_attempts_username"), ["username"], unique=False)

    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_tokens_user_id"), ["user_id"], unique=False)

    op.create_table(
        "indicator_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_indicator_assignments_department_id_departments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_indicator_assignments_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_indicator_assignments_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_assignments")),
        sa.UniqueConstraint(
            "department_id",
            "indicator_id",
            "region_id",
            name=op.f("uq_indicator_assignments_department_id_indicator_id_region_id"),
        ),
    )
    with op.batch_alter_table("indicator_assignments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_assignments_department_id"), ["department_id"], unique=False
        )

    op.create_table(
        "service_item_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_item_id", sa.Integer(), nullable=False),
        sa.Column("beneficiaries", sa.Text(), nullable=True),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("standard", sa.Text(), nullable=True),
        sa.Column("funding", sa.Text(), nullable=True),
        sa.Column("lead_department", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_item_id"],
            ["service_items.id"],
            name=op.f("fk_service_item_revisions_service_item_id_service_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_item_revisions")),
    )
    with op.batch_alter_table("service_item_revisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_item_revisions_service_item_id"),
            ["service_item_id"],
            unique=False,
        )

    op.create_table(
        "key_project_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_project_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "progress BETWEEN 0 AND 100", name=op.f("ck_key_project_updates_progress")
        ),
        sa.ForeignKeyConstraint(
            ["key_project_id"],
            ["key_projects.id"],
            name=op.f("fk_key_project_updates_key_project_id_key_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_project_updates")),
    )
    with op.batch_alter_table("key_project_updates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_key_project_updates_key_project_id"), ["key_project_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("key_project_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_key_project_updates_key_project_id"))

    op.drop_table("key_project_updates")
    with op.batch_alter_table("service_item_revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_item_revisions_service_item_id"))

    op.drop_table("service_item_revisions")
    with op.batch_alter_table("indicator_assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_assignments_department_id"))

    op.drop_table("indicator_assignments")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_tokens_user_id"))

    op.drop_table("api_tokens")
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_attempts_username"))
        batch_op.drop_index(batch_op.f("ix_login_attempts_at"))

    op.drop_table("login_attempts")
