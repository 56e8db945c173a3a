"""Range rules for review: the plausible minimum and maximum of an indicator's values.

DHIS2 calls them min/max values: a planner says that 孕产妇死亡率 in 合肥市 lies between 0
and 20 per 100,000, for one district or (region NULL) every region of the plan, and a
value outside is flagged for review with the range in the reason.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Double, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from minsheng.store.tables.base import Base, utc_now


class ReviewRange(Base):
    """An indicator's plausible range for one region, or (region NULL) all of them."""

    __tablename__ = "review_ranges"
    __table_args__ = (
        UniqueConstraint("indicator_id", "region_id"),
        CheckConstraint("low IS NOT NULL OR high IS NOT NULL", name="bounded"),
        CheckConstraint("low IS NULL OR high IS NULL OR low <= high", name="ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), index=True
    )
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    low: Mapped[float | None] = mapped_column(Double)
    high: Mapped[float | None] = mapped_column(Double)
    author: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
