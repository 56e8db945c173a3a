"""Indicator metadata kept by planners: definition, formula, data source, responsible
department, update frequency and notes (Open SDG's metadata tabs), with every edit kept.

A field left NULL is not set: readers then show what the plan, the catalogue or the
department assignments say (`usecases/read/indicator_metadata.py`), so only what a planner
wrote differently is stored. Unit and direction are not stored: they are the indicator's
own and the evaluator's, and would drift if copied.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from minsheng.store.tables.base import Base, one_of, utc_now

FREQUENCIES = ("annual", "quarterly", "monthly")


class _MetadataFields:
    """The fields a planner keeps, in the order pages show them."""

    definition: Mapped[str | None] = mapped_column(Text)
    formula: Mapped[str | None] = mapped_column(Text)
    data_source: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(Text)
    frequency: Mapped[str | None] = mapped_column(String(16))
    notes: Mapped[str | None] = mapped_column(Text)


class IndicatorMetadata(_MetadataFields, Base):
    """The metadata in force for one plan indicator; its edits are the revisions."""

    __tablename__ = "indicator_metadata"
    __table_args__ = (CheckConstraint(one_of("frequency", FREQUENCIES), name="frequency"),)

    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class IndicatorMetadataRevision(_MetadataFields, Base):
    """One edit: the stored fields as they stood after it, who made it and when."""

    __tablename__ = "indicator_metadata_revisions"
    __table_args__ = (CheckConstraint(one_of("frequency", FREQUENCIES), name="frequency"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
