"""Satisfaction surveys (满意度调查): surveys, questions, anonymous responses and their
scores, and the public forms' flood counter (a keyed hash of the address per accepted
post). Only new tables.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    _surveys()
    _questions()
    _responses()
    _answers()
    _submissions()


def _key(table: str, column: str, target: str, ondelete: str | None) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def _index(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def _surveys() -> None:
    op.create_table(
        "surveys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("period", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_surveys_status")),
        _key("surveys", "plan_id", "plans", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys")),
    )
    _index("surveys", "plan_id")


def _questions() -> None:
    op.create_table(
        "survey_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column("domain", sa.String(length=100), nullable=False),
        sa.Column("service_item_id", sa.Integer(), nullable=True),
        _key("survey_questions", "survey_id", "surveys", "CASCADE"),
        _key("survey_questions", "service_item_id", "service_items", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_questions")),
    )
    _index("survey_questions", "survey_id")


def _responses() -> None:
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("source IN ('web', 'import')", name=op.f("ck_survey_responses_source")),
        _key("survey_responses", "survey_id", "surveys", "CASCADE"),
        _key("survey_responses", "region_id", "regions", None),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
    )
    _index("survey_responses", "survey_id")


def _answers() -> None:
    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name=op.f("ck_survey_answers_score")),
        _key("survey_answers", "response_id", "survey_responses", "CASCADE"),
        _key("survey_answers", "question_id", "survey_questions", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answers")),
    )
    _index("survey_answers", "response_id", "question_id")


def _submissions() -> None:
    op.create_table(
        "form_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(length=40), nullable=False),
        sa.Column("address_hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_submissions")),
    )
    with op.batch_alter_table("form_submissions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_form_submissions_form_address_at", ["form", "address_hash", "at"], unique=False
        )


def downgrade() -> None:
    op.drop_table("form_submissions")
    op.drop_table("survey_answers")
    op.drop_table("survey_responses")
    op.drop_table("survey_questions")
    op.drop_table("surveys")
