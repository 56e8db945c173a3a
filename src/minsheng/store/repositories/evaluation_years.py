"""The years an evaluation can default to: the newest year with approved data in each plan.

An evaluation judged in December 2026 of a 2021–2025 plan whose newest approved values
are for 2024 is an evaluation as of 2024, not of "this calendar year": the year comes
from the values in force (see `values.in_force`), not from the clock.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minsheng.store.tables import Indicator, Observation, Plan


def latest_data_years(
    session: Session, *, plan_ids: Collection[int] | None = None
) -> dict[int, int]:
    """For each plan (None: every current plan), the newest year inside its period with a
    number in force in any of its regions; plans with none are left out. One query.

    Each indicator's newest year is one backward seek in `ix_observations_numbers`, so the
    cost follows the plans' indicators, not the observations stored (a national database
    has 115,000 indicators and 1.7 M observations).
    """
    newest = (
        select(func.max(Observation.year))
        .where(
            Observation.indicator_id == Indicator.id,
            Observation.current_value.is_not(None),
            Observation.year >= Plan.period_start,
            Observation.year <= Plan.period_end,
        )
        .scalar_subquery()
    )
    query = (
        select(Indicator.plan_id, func.max(newest))
        .join(Plan, Plan.id == Indicator.plan_id)
        .where(Plan.is_current if plan_ids is None else Plan.id.in_(list(plan_ids)))
        .group_by(Indicator.plan_id)
    )
    return {plan_id: year for plan_id, year in session.execute(query) if year is not None}
