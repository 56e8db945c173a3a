"""Suggestions (意见建议): public messages, moderation, routing and published replies.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02
"""

from __future__ import annotations

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Reserved slot; filled in by the change that needs it."""


def downgrade() -> None:
    """Nothing to undo yet."""
