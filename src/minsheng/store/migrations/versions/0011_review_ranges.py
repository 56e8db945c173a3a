"""Range rules for review: the plausible minimum and maximum of an indicator, per region.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Filled in with the feature's tables."""


def downgrade() -> None:
    """Filled in with the feature's tables."""
