"""Range rules (an indicator's plausible min/max, per region or for every region)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.store.tables import Indicator, Region, ReviewRange
from minsheng.store.tables.base import utc_now

RangeKey = tuple[int, int | None]
"""(indicator id, region id or None for every region)."""


@dataclass(frozen=True)
class StoredRange:
    """A range rule with the names a planner reads it by."""

    indicator_id: int
    indicator: str
    region_id: int | None
    region: str | None
    low: float | None
    high: float | None
    author: str


def set_range(
    session: Session,
    *,
    indicator_id: int,
    region_id: int | None,
    low: float | None,
    high: float | None,
    author: str,
) -> ReviewRange:
    """Add the rule, or replace the one for exactly this indicator and region."""
    found = session.scalar(
        select(ReviewRange).where(
            ReviewRange.indicator_id == indicator_id,
            ReviewRange.region_id.is_(None)
            if region_id is None
            else ReviewRange.region_id == region_id,
        )
    )
    rule = found or ReviewRange(indicator_id=indicator_id, region_id=region_id, author=author)
    rule.low, rule.high, rule.author, rule.updated_at = low, high, author, utc_now()
    session.add(rule)
    session.flush()
    return rule


def ranges_of(session: Session, *, plan_ids: Collection[int]) -> list[StoredRange]:
    """Every rule of the plans' indicators, in indicator order (one query)."""
    query = (
        select(ReviewRange, Indicator.name, Region.name)
        .join(Indicator, Indicator.id == ReviewRange.indicator_id)
        .outerjoin(Region, Region.id == ReviewRange.region_id)
        .where(Indicator.plan_id.in_(list(plan_ids)))
        .order_by(
            Indicator.plan_id,
            Indicator.position,
            ReviewRange.region_id.is_not(None),  # every region first, on both databases
            ReviewRange.region_id,
        )
    )
    return [
        StoredRange(r.indicator_id, indicator, r.region_id, region, r.low, r.high, r.author)
        for r, indicator, region in session.execute(query)
    ]
