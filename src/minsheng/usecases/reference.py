"""The national 十四五 plan's 22 indicators, stored as a reference plan every city meets."""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.model.reference import national_reference_plan
from minsheng.usecases.import_plan import ImportResult, import_plan

REFERENCE_AUTHOR = "national reference"


def ensure_reference_plan(session: Session) -> ImportResult:
    """Store the national reference plan; a no-op when the same content is already there."""
    return import_plan(session, national_reference_plan(), author=REFERENCE_AUTHOR)
