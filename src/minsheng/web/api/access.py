"""/api/v1/access/*, /api/v1/norms: a facility type's service radius on a plan's map
(coverage and blind spots, 2SFCA accessibility, new sites) and the provision norms per
district — the numbers of the 设施布局 page and of `minsheng access` / `minsheng norms`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from minsheng.usecases.read.access import accessibility_of
from minsheng.usecases.read.access import coverage as measure_coverage
from minsheng.usecases.read.access_json import (
    accessibility_json,
    coverage_json,
    norms_json,
    siting_json,
)
from minsheng.usecases.read.norms import norms as provision_norms
from minsheng.usecases.read.point_layout import type_named
from minsheng.usecases.read.siting import MAX_NEW_SITES, siting
from minsheng.web.api.fields import YearQuery
from minsheng.web.api.plan_choice import PlanIdQuery, PlanNameQuery, chosen_plan
from minsheng.web.deps import SessionDep

router = APIRouter(tags=["access"])
Radius = Annotated[float | None, Query(gt=0, le=50_000, description="Metres; default: the type's")]
TypeQuery = Annotated[str, Query(description="Facility type: 社区卫生服务中心, or its code")]


@router.get("/access/coverage")
def access_coverage(
    *,
    session: SessionDep,
    plan_id: PlanIdQuery = None,
    plan: PlanNameQuery = None,
    type: TypeQuery,
    radius: Radius = None,
    on: date | None = None,
) -> dict[str, Any]:
    """Residents within the radius of a facility of the type, per district and overall,
    and the uncovered points (blind spots), most populous first."""
    plan_id = chosen_plan(session, plan_id, plan).id
    found = measure_coverage(session, plan_id=plan_id, type_code=type_named(type).code,
                             radius=radius, on=on)  # fmt: skip
    return coverage_json(found)


@router.get("/access/2sfca")
def access_2sfca(
    *,
    session: SessionDep,
    plan_id: PlanIdQuery = None,
    plan: PlanNameQuery = None,
    type: TypeQuery,
    radius: Radius = None,
    weights: Literal["none", "step", "gravity"] = "none",
    on: date | None = None,
) -> dict[str, Any]:
    """Capacity in reach per resident (2SFCA; E2SFCA with step weights; gravity), as each
    district's population-weighted mean (per point: `minsheng access 2sfca --format csv`)."""
    plan_id = chosen_plan(session, plan_id, plan).id
    found = accessibility_of(session, plan_id=plan_id, type_code=type_named(type).code,
                             radius=radius, weighting=weights, on=on)  # fmt: skip
    return accessibility_json(found)


@router.get("/access/site")
def access_new_sites(
    *,
    session: SessionDep,
    plan_id: PlanIdQuery = None,
    plan: PlanNameQuery = None,
    type: TypeQuery,
    new: Annotated[int, Query(ge=1, le=MAX_NEW_SITES)],
    radius: Radius = None,
    exact: bool = False,
    on: date | None = None,
) -> dict[str, Any]:
    """New sites on a grid over the uncovered residents that reach the most of them
    (maximal covering), existing facilities kept: greedy, or the exact optimum."""
    plan_id = chosen_plan(session, plan_id, plan).id
    found = siting(session, plan_id=plan_id, type_code=type_named(type).code, count=new,
                   radius=radius, exact=exact, on=on)  # fmt: skip
    return siting_json(found)


@router.get("/norms")
def provision_norms_of(
    *,
    session: SessionDep,
    year: YearQuery,
    plan_id: PlanIdQuery = None,
    plan: PlanNameQuery = None,
) -> dict[str, Any]:
    """Each district's provision against the catalogue's norms in a year, with the
    shortfall (populations of the year or the latest before; facilities at its end)."""
    chosen = chosen_plan(session, plan_id, plan).id
    return norms_json(provision_norms(session, plan_id=chosen, year=year))
