"""Satisfaction surveys (满意度调查): surveys, questions and anonymous answers.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""

from __future__ import annotations

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Reserved slot; filled in by the change that needs it."""


def downgrade() -> None:
    """Nothing to undo yet."""
