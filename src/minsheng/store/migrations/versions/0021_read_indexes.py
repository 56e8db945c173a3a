"""Indexes for the set-based read side at national scale.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02
"""

from __future__ import annotations

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Reserved slot; filled in by the change that needs it."""


def downgrade() -> None:
    """Nothing to undo yet."""
