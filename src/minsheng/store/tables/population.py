"""Residents (常住人口) and households per region and year: the weights of equalization
and the denominators of per-capita provision norms."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Double, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from minsheng.store.tables.base import Base, utc_now


class Population(Base):
    """A region's residents (persons) and, where known, households in one year."""

    __tablename__ = "populations"
    __table_args__ = (
        UniqueConstraint("region_id", "year"),
        CheckConstraint("residents > 0", name="residents_positive"),
        CheckConstraint("households IS NULL OR households > 0", name="households_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    year: Mapped[int]
    residents: Mapped[float] = mapped_column(Double)
    households: Mapped[float | None] = mapped_column(Double, default=None)
    source: Mapped[str | None] = mapped_column(String(200), default=None)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
