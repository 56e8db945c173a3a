"""An observation's newest revision as plain values: what the entry pages show and compare.

The entry form, the drafts list and the review queue all show the newest revision of an
observation, whatever its state; they get it as this read model, never as store rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.model.observation import ReviewState
from minsheng.store.repositories import observations
from minsheng.store.repositories.observations import LatestRevision


@dataclass(frozen=True)
class LatestValue:
    """An observation (indicator × region × year) with its newest revision's content."""

    observation_id: int
    indicator_id: int
    region_id: int
    indicator: str
    region: str
    year: int
    value: float | None
    source: str
    state: str
    reason: str | None
    note: str | None
    author: str

    @classmethod
    def of(cls, item: LatestRevision) -> LatestValue:
        observation, revision = item.observation, item.revision
        return cls(
            observation_id=observation.id,
            indicator_id=observation.indicator_id,
            region_id=observation.region_id,
            indicator=item.indicator,
            region=item.region,
            year=observation.year,
            value=revision.value,
            source=revision.source,
            state=revision.state,
            reason=revision.reason,
            note=revision.note,
            author=revision.author,
        )


def latest_values(
    session: Session, *, plan_id: int, state: ReviewState | None = None
) -> list[LatestValue]:
    """Each observation of the plan with its newest revision, optionally in one state."""
    found = observations.latest_revisions(session, plan_id=plan_id, state=state)
    return [LatestValue.of(item) for item in found]
