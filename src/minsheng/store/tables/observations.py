"""Observations and their revisions (values are added, never overwritten)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Double,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from minsheng.store.tables.base import (
    REVIEW_STATES,
    Base,
    one_of,
    utc_now,
)

TRIGGER_KEPT_KEYS = frozenset(
    {
        "fk_observations_indicator_id_indicators",
        "fk_observations_region_id_regions",
        "fk_observation_revisions_observation_id_observations",
    }
)
"""Foreign keys that PostgreSQL keeps by triggers checking a statement's rows at once
(migrations 0025 and 0026): declared here for SQLite and for readers, absent from its
catalogue. There an observation is deleted only with its indicator."""


class Observation(Base):
    """An indicator's value for one region and year; its history is in the revisions.

    Two pointers are kept on write so that reading never groups the revisions:
    `current_revision_id` is the value in force (the newest approved revision) and
    `latest_revision_id` the newest revision in any state. Revisions are only added and
    their ids only grow, so each pointer moves forward with every revision it concerns.
    `current_value` repeats the value in force's number, so that judging reads one index
    (`ix_observations_in_force`) and never the revisions.
    """

    __tablename__ = "observations"
    __table_args__ = (
        UniqueConstraint("indicator_id", "region_id", "year"),
        Index("ix_observations_in_force", "indicator_id", "region_id", "year", "current_value"),
        Index(  # the years with a number, per indicator (migration 0021)
            "ix_observations_numbers",
            "indicator_id",
            "year",
            sqlite_where=text("current_value IS NOT NULL"),
            postgresql_where=text("current_value IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    year: Mapped[int]
    current_revision_id: Mapped[int | None] = mapped_column(default=None)
    latest_revision_id: Mapped[int | None] = mapped_column(default=None)
    current_value: Mapped[float | None] = mapped_column(Double, default=None)


class ObservationRevision(Base):
    """One change to an observation; rows are only ever added, never overwritten."""

    __tablename__ = "observation_revisions"
    __table_args__ = (
        CheckConstraint(one_of("state", REVIEW_STATES), name="state"),
        Index(  # the noted revisions, such as 示例数据 (migration 0022)
            "ix_observation_revisions_noted",
            "note",
            sqlite_where=text("note IS NOT NULL"),
            postgresql_where=text("note IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observations.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[float | None] = mapped_column(Double)
    raw: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
