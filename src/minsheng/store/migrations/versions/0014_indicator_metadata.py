"""Indicator metadata: definition, formula, data source, responsible department, frequency.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from __future__ import annotations

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Filled in with the feature's tables."""


def downgrade() -> None:
    """Filled in with the feature's tables."""
