"""Suggestions (意见建议): public messages, moderation, routing and published replies.
Only a new table.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | None = None
depends_on: str | None = None

STATES = "status IN ('pending', 'accepted', 'rejected')"
REASONS = "reject_reason IS NULL OR reject_reason IN ('spam', 'abusive')"


def upgrade() -> None:
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=100), nullable=False),
        sa.Column("service_item_id", sa.Integer(), nullable=True),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("contact", sa.String(length=100), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sample", sa.Boolean(), nullable=False),
        *_moderation(),
        sa.CheckConstraint(STATES, name=op.f("ck_suggestions_status")),
        sa.CheckConstraint(REASONS, name=op.f("ck_suggestions_reject_reason")),
        *_keys(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestions")),
    )
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_suggestions_plan_id"), ["plan_id"])
        batch_op.create_index(batch_op.f("ix_suggestions_department_id"), ["department_id"])


def _moderation() -> list[sa.Column]:
    return [
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reject_reason", sa.String(length=16), nullable=True),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("moderated_by", sa.String(length=64), nullable=True),
        sa.Column("moderated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("replied_by", sa.String(length=64), nullable=True),
        sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True),
    ]


def _keys() -> list[sa.ForeignKeyConstraint]:
    def key(column: str, table: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
        name = op.f(f"fk_suggestions_{column}_{table}")
        return sa.ForeignKeyConstraint([column], [f"{table}.id"], name=name, ondelete=ondelete)

    return [
        key("plan_id", "plans", "CASCADE"),
        key("service_item_id", "service_items", "SET NULL"),
        key("indicator_id", "indicators", "SET NULL"),
        key("region_id", "regions"),
        key("department_id", "departments"),
    ]


def downgrade() -> None:
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suggestions_department_id"))
        batch_op.drop_index(batch_op.f("ix_suggestions_plan_id"))
    op.drop_table("suggestions")
