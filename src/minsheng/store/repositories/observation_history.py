"""Every revision of a plan's observations, for exports that publish the full history.

Kept apart from `observations` (the write paths and the values in force): this is one
read-only listing, oldest first.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.store.tables import Indicator, Observation, ObservationRevision, Region

RevisionFound = tuple[ObservationRevision, Observation, str, str]
"""A revision with its observation, the indicator's name and the region's name."""


def plan_revisions(session: Session, *, plan_id: int) -> list[RevisionFound]:
    """Every revision of every observation of the plan's indicators, oldest first."""
    query = (
        select(ObservationRevision, Observation, Indicator.name, Region.name)
        .join(Observation, Observation.id == ObservationRevision.observation_id)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(Region, Region.id == Observation.region_id)
        .where(Indicator.plan_id == plan_id)
        .order_by(ObservationRevision.id)
    )
    return [(r[0], r[1], r[2], r[3]) for r in session.execute(query)]
