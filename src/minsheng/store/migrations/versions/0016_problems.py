"""The problem list and rectification ledger (问题清单 → 整改台账): problems with their
source, owner department, measures, deadline, status and closing evidence (a value or a
document kept in the database), and the departments' progress reports. Only new tables.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | None = None
depends_on: str | None = None

KINDS = "kind IN ('red', 'yellow', 'standard', 'equalization', 'complaints', 'other')"
STATES = "status IN ('open', 'in_progress', 'closed')"


def upgrade() -> None:
    _problems()
    _progress()


def _source() -> list[sa.Column]:
    return [
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("service_item_id", sa.Integer(), nullable=True),
        sa.Column("source_text", sa.Text(), nullable=True),
    ]


def _evidence() -> list[sa.Column]:
    return [
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("evidence_value", sa.Double(), nullable=True),
        sa.Column("evidence_note", sa.Text(), nullable=True),
        sa.Column("evidence_name", sa.String(length=200), nullable=True),
        sa.Column("evidence_type", sa.String(length=100), nullable=True),
        sa.Column("evidence_file", sa.LargeBinary(), nullable=True),
    ]


def _problems() -> None:
    op.create_table(
        "problems",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        *_source(),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("opened_by", sa.String(length=64), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        *_evidence(),
        sa.CheckConstraint(KINDS, name=op.f("ck_problems_kind")),
        sa.CheckConstraint(STATES, name=op.f("ck_problems_status")),
        *_problem_keys(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_problems")),
    )
    with op.batch_alter_table("problems", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_problems_plan_id"), ["plan_id"])
        batch_op.create_index(batch_op.f("ix_problems_department_id"), ["department_id"])


def _problem_keys() -> list[sa.ForeignKeyConstraint]:
    return [
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_problems_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_problems_indicator_id_indicators"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_problems_region_id_regions")
        ),
        sa.ForeignKeyConstraint(
            ["service_item_id"],
            ["service_items.id"],
            name=op.f("fk_problems_service_item_id_service_items"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_problems_department_id_departments"),
        ),
    ]


def _progress() -> None:
    op.create_table(
        "problem_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.Integer(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("value", sa.Double(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["problem_id"],
            ["problems.id"],
            name=op.f("fk_problem_progress_problem_id_problems"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_problem_progress")),
    )
    with op.batch_alter_table("problem_progress", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_problem_progress_problem_id"), ["problem_id"])


def downgrade() -> None:
    with op.batch_alter_table("problem_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_problem_progress_problem_id"))
    op.drop_table("problem_progress")
    with op.batch_alter_table("problems", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_problems_department_id"))
        batch_op.drop_index(batch_op.f("ix_problems_plan_id"))
    op.drop_table("problems")
