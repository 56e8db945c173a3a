"""The years an evaluation can default to: the newest year with approved data in each plan.

An evaluation judged in December 2026 of a 2021–2025 plan whose newest approved values
are for 2024 is an evaluation as of 2024, not of "this calendar year": the year comes
from the values in force (see `values.in_force`), not from the clock.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import CTE, Integer, func, literal, select, union_all
from sqlalchemy.orm import Session

from minsheng.store.tables import Indicator, Observation, Plan


def latest_data_years(
    session: Session, *, plan_ids: Collection[int] | None = None
) -> dict[int, int]:
    """For each plan (None: every current plan), the newest year inside its period with a
    number in force in any of its regions; plans with none are left out. One query.

    Each plan's years are tried newest first, and a year is found by the first of the
    plan's indicators with a number in it (`ix_observations_numbers`): with recent data
    that is one seek per plan, not one per indicator (a national database has 2,875 plans,
    115,000 indicators and 1.7 M observations).
    """
    chosen = Plan.is_current if plan_ids is None else Plan.id.in_(list(plan_ids))
    span = session.execute(select(func.min(Plan.period_start), func.max(Plan.period_end))
                           .where(chosen)).one()  # fmt: skip
    if span[0] is None or span[1] is None:
        return {}
    years = _years(span[0], span[1])
    newest = (
        select(years.c.year)
        .where(
            years.c.year.between(Plan.period_start, Plan.period_end),
            select(Observation.id)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .where(
                Indicator.plan_id == Plan.id,
                Observation.year == years.c.year,
                Observation.current_value.is_not(None),
            )
            .correlate_except(Observation, Indicator)
            .offset(0)  # see below
            .exists(),
        )
        .order_by(years.c.year.desc())
        .limit(1)
        .scalar_subquery()
    )
    # OFFSET 0 keeps PostgreSQL from turning the EXISTS into a hashed set of every year of
    # every indicator of the plan, built per plan (1 s nationally instead of 0.1 s).
    query = select(Plan.id, newest).where(chosen)
    return {plan_id: year for plan_id, year in session.execute(query) if year is not None}


def _years(first: int, last: int) -> CTE:
    """The years first … last as a one-column table (a handful: a plan spans five)."""
    rows = [select(literal(year, Integer).label("year")) for year in range(first, last + 1)]
    return union_all(*rows).cte("years")
