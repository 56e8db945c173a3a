"""/api/v1/equalization: how equal a plan's districts are on one indicator in a year."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter

from minsheng.usecases.read.equalization import equalization as measure_equalization
from minsheng.usecases.read.equalization import equalization_json, indicator_named
from minsheng.usecases.read.period import checked_year
from minsheng.usecases.read.plans import plan_named
from minsheng.web.api.period import year_checked
from minsheng.web.deps import SessionDep

router = APIRouter(tags=["equalization"])


@router.get("/equalization")
def equalization(
    *,
    session: SessionDep,
    plan: str,
    indicator: str,
    year: int,
    group_by: Literal["urban_county", "county_type"] = "urban_county",
) -> dict[str, Any]:
    """Each district's value, population and whether it reaches the target; CV, Gini,
    Theil T and L (split 城区/县) and max/min, unweighted and population-weighted; the
    trend of the CV since the plan's base year (docs/equalization.md)."""
    chosen = plan_named(session, region=plan)
    with year_checked():
        checked_year(chosen, year, chosen.title or plan, base=True)
    plan_id = chosen.id
    indicator_id = indicator_named(session, plan_id=plan_id, name=indicator)
    found = measure_equalization(
        session, plan_id=plan_id, indicator_id=indicator_id, year=year, grouping=group_by
    )
    return equalization_json(found)
