"""Accounts that can be maintained: active flag, password changes and one-time reset links.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Filled in with the feature's tables."""


def downgrade() -> None:
    """Filled in with the feature's tables."""
