"""The years an evaluation can default to: the newest year with approved data in each plan.

An evaluation judged in December 2026 of a 2021–2025 plan whose newest approved values
are for 2024 is an evaluation as of 2024, not of "this calendar year": the year comes
from the values in force (see `values.in_force`), not from the clock.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func
from sqlalchemy.orm import Session

from minsheng.store.repositories.values import in_force
from minsheng.store.tables import Indicator, Observation, Plan


def latest_data_years(
    session: Session, *, plan_ids: Collection[int] | None = None
) -> dict[int, int]:
    """For each plan (None: every current plan), the newest year inside its period with a
    number in force in any of its regions; plans with none are left out. One query."""
    query = in_force(Plan.id, func.max(Observation.year), plan_ids=plan_ids)
    if plan_ids is not None:  # `in_force` joins the plan only for every current plan
        query = query.join(Plan, Plan.id == Indicator.plan_id)
    query = query.where(
        Observation.current_value.is_not(None),
        Observation.year >= Plan.period_start,
        Observation.year <= Plan.period_end,
    ).group_by(Plan.id)
    return {plan_id: year for plan_id, year in session.execute(query)}
