"""The years an evaluation can default to: the newest year with approved data in each plan.

An evaluation judged in December 2026 of a 2021–2025 plan whose newest approved values
are for 2024 is an evaluation as of 2024, not of "this calendar year": the year comes
from the values in force (see `values.in_force`), not from the clock.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import ColumnElement, and_, case, func, literal, select
from sqlalchemy.orm import Session

from minsheng.store.tables import Indicator, Observation, Plan


def latest_data_years(
    session: Session, *, plan_ids: Collection[int] | None = None
) -> dict[int, int]:
    """For each plan (None: every current plan), the newest year inside its period with a
    number in force in any of its regions; plans with none are left out. One query.

    Each plan's years are tried newest first, one branch of a CASE each (both databases
    stop at the first that holds), and a year is found by the first of the plan's
    indicators with a number in it (`ix_observations_numbers`): with recent data that is
    one seek per plan, not one per indicator or per year (a national database has 2,875
    plans, 115,000 indicators and 1.7 M observations).
    """
    chosen = Plan.is_current if plan_ids is None else Plan.id.in_(list(plan_ids))
    span = session.execute(select(func.min(Plan.period_start), func.max(Plan.period_end))
                           .where(chosen)).one()  # fmt: skip
    if span[0] is None or span[1] is None:
        return {}
    newest = case(*((_has_numbers(year), year) for year in range(span[1], span[0] - 1, -1)))
    query = select(Plan.id, newest).where(chosen)
    return {plan_id: year for plan_id, year in session.execute(query) if year is not None}


def _has_numbers(year: int) -> ColumnElement[bool]:
    """Whether the year is in the plan's period and one of its indicators has a number in
    force for it. OFFSET 0 keeps PostgreSQL from turning the EXISTS into a hashed set of
    every year of every indicator of the plan, built per plan (1 s nationally)."""
    numbers = (
        select(Observation.id)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .where(
            Indicator.plan_id == Plan.id,
            Observation.year == year,
            Observation.current_value.is_not(None),
        )
        .correlate_except(Observation, Indicator)
        .offset(0)
    )
    return and_(literal(year).between(Plan.period_start, Plan.period_end), numbers.exists())
