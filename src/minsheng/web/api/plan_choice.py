"""One name per concept: a plan is `plan_id` on every endpoint; a region is `region`, by name
or by code. `plan` (the plan's region name) is still accepted where it used to be the only
way, marked deprecated in the OpenAPI document."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from sqlalchemy.orm import Session

from minsheng.errors import InputProblem
from minsheng.usecases.read.plans import PlanSummary, get_plan, plan_named
from minsheng.usecases.region_lookup import region_name

PlanIdQuery = Annotated[
    int | None,
    Query(ge=1, description="规划编号（见 /api/v1/plans）", examples=[1]),
]
PlanNameQuery = Annotated[
    str | None,
    Query(
        deprecated=True,
        description="已弃用，请用 plan_id：规划所属行政区的名称或代码（其现行规划）",
        examples=["合肥市"],
    ),
]
RegionQuery = Annotated[
    str | None,
    Query(description="行政区名称或 6 位行政区划代码", examples=["合肥市", "340100"]),
]
NAME_THE_PLAN = "请用 plan_id 指定规划（编号见 /api/v1/plans）"


def chosen_plan(session: Session, plan_id: int | None, plan: str | None) -> PlanSummary:
    """The plan `plan_id` names, else the current plan of the region `plan` names."""
    found = optional_plan(session, plan_id, plan)
    if found is None:
        raise InputProblem(NAME_THE_PLAN, field="plan_id")
    return found


def optional_plan(session: Session, plan_id: int | None, plan: str | None) -> PlanSummary | None:
    """The plan asked for, or None when neither parameter is given."""
    if plan_id is not None:
        return get_plan(session, plan_id=plan_id)
    if plan:
        return plan_named(session, region=region_name(session, plan))
    return None


def region_or_none(session: Session, region: str | None) -> str | None:
    """A region parameter as the name the read models filter on."""
    return region_name(session, region) if region else None
