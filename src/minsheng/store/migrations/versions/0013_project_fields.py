"""Key projects as projects: district, nature, investment, dates, responsible unit, location.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Filled in with the feature's tables."""


def downgrade() -> None:
    """Filled in with the feature's tables."""
