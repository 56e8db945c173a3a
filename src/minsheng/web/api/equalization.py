"""/api/v1/equalization: how equal a plan's districts are on one indicator in a year."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter

from minsheng.usecases.plans import indicator_named
from minsheng.usecases.read.equalization import equalization as measure_equalization
from minsheng.usecases.read.equalization import equalization_json
from minsheng.usecases.read.period import checked_year
from minsheng.web.api.fields import YearQuery
from minsheng.web.api.period import year_checked
from minsheng.web.api.plan_choice import PlanIdQuery, PlanNameQuery, chosen_plan
from minsheng.web.deps import SessionDep

router = APIRouter(tags=["equalization"])


@router.get("/equalization")
def get_equalization(
    *,
    session: SessionDep,
    indicator: str,
    year: YearQuery,
    plan_id: PlanIdQuery = None,
    plan: PlanNameQuery = None,
    group_by: Literal["urban_county", "county_type"] = "urban_county",
) -> dict[str, Any]:
    """Each district's value, population and whether it reaches the target; CV, Gini,
    Theil T and L (split 城区/县) and max/min, unweighted and population-weighted; the
    trend of the CV since the plan's base year (docs/equalization.md)."""
    chosen = chosen_plan(session, plan_id, plan)
    with year_checked():
        checked_year(chosen, year, chosen.title or chosen.region.name, base=True)
    plan_id = chosen.id
    indicator_id = indicator_named(session, plan_id=plan_id, name=indicator)
    found = measure_equalization(
        session, plan_id=plan_id, indicator_id=indicator_id, year=year, grouping=group_by
    )
    return equalization_json(found)
