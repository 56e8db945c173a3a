"""Observations as read models: the value in force, or the newest revision in a state."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from minsheng.model.observation import ReviewState
from minsheng.store.repositories.plan_lists import ANY_STATE, find_observations
from minsheng.store.tables import Indicator, Observation, ObservationRevision
from minsheng.usecases.read.paging import Page, Slice

__all__ = ["ANY_STATE", "ObservationRow", "list_observations"]


@dataclass(frozen=True)
class ObservationRow:
    id: int
    indicator_id: int
    indicator: str
    plan_id: int
    region_id: int
    region: str
    year: int
    value: float | None
    unit: str | None
    source: str
    state: str
    note: str | None
    author: str
    revision_id: int
    recorded_at: datetime

    @classmethod
    def of(
        cls,
        observation: Observation,
        revision: ObservationRevision,
        indicator: Indicator,
        region: str,
    ) -> ObservationRow:
        return cls(
            id=observation.id,
            indicator_id=indicator.id,
            indicator=indicator.name,
            plan_id=indicator.plan_id,
            region_id=observation.region_id,
            region=region,
            year=observation.year,
            value=finite(revision.value),
            unit=revision.unit,
            source=revision.source,
            state=revision.state,
            note=revision.note,
            author=revision.author,
            revision_id=revision.id,
            recorded_at=revision.created_at,
        )


def list_observations(
    session: Session,
    *,
    plan_id: int | None = None,
    indicator_id: int | None = None,
    region: str | None = None,
    year: int | None = None,
    state: str = ReviewState.APPROVED.value,
    window: Slice,
) -> Page[ObservationRow]:
    """Observations with one revision each: the value in force (state `approved`, the
    default), or the newest revision when it is in `state` (`any`: whatever its state)."""
    rows, total = find_observations(
        session,
        plan_id=plan_id,
        indicator_id=indicator_id,
        region=region,
        year=year,
        state=state,
        limit=window.limit,
        offset=window.offset,
    )
    return Page([ObservationRow.of(*row) for row in rows], total)


def finite(value: float | None) -> float | None:
    """A stored ±∞ or NaN (written around the application) reads as missing, so one bad
    number cannot break a whole listing (JSON has no infinity)."""
    return value if value is None or math.isfinite(value) else None
