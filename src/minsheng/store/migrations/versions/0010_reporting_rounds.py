"""Reporting rounds (indicators × regions × year with a deadline) and reminders.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Filled in with the feature's tables."""


def downgrade() -> None:
    """Filled in with the feature's tables."""
