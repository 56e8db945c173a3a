"""Each plan's observations version: raised in the transaction of every write of the
plan's observations (migration 0024), so a reader that kept a plan's progress knows,
by comparing versions, whether to read it again. A counter committed with the values it
counts cannot miss a write that commits late, as an id high-water mark can."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from minsheng.store.tables import Indicator, Observation, Plan


def raise_for_indicators(session: Session, *, indicator_ids: Collection[int]) -> None:
    """Raise the version of the plans these indicators belong to, once each."""
    owners = select(Indicator.plan_id).where(Indicator.id.in_(list(indicator_ids)))
    _raise(session, owners)


def raise_for_observation(session: Session, *, observation_id: int) -> None:
    """Raise the version of the plan the observation's indicator belongs to."""
    owner = (
        select(Indicator.plan_id)
        .join(Observation, Observation.indicator_id == Indicator.id)
        .where(Observation.id == observation_id)
    )
    _raise(session, owner)


def _raise(session: Session, plan_ids: Select[int]) -> None:
    statement = (
        update(Plan)
        .where(Plan.id.in_(plan_ids.scalar_subquery()))
        .values(observations_version=Plan.observations_version + 1)
        .execution_options(synchronize_session=False)
    )
    session.execute(statement)


def versions(session: Session, *, plan_ids: Collection[int] | None) -> dict[int, int]:
    """The observations version of each plan given (None: every current plan)."""
    chosen = Plan.is_current if plan_ids is None else Plan.id.in_(list(plan_ids))
    query = select(Plan.id, Plan.observations_version).where(chosen)
    return {plan_id: version for plan_id, version in session.execute(query)}
