"""An index of the audit log by entity.

Whether the catalogue or an indicator's catalogue link changed is the newest audit entry
of those entities; the log grows with every write, one row per revision, and without an
index each evaluation pass scanned all of it (112,000 rows nationally: 0.03 s, growing
with every upload). With the index it is one seek per entity.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_audit_log_entity_id", "audit_log", ["entity", "id"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_entity_id", table_name="audit_log")
