"""/api/v1/indicators: the plans' indicator tables, with raw and parsed baselines/targets."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from minsheng.model.plan import Attribute
from minsheng.model.value import Value
from minsheng.usecases.read import indicators
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.deps import SessionDep

router = APIRouter(prefix="/indicators", tags=["indicators"])


class IndicatorPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    plan_id: int
    plan_region: str
    position: int
    domain: str
    name: str
    unit: str | None
    baseline: Value
    target: Value
    attribute: str | None
    cumulative: bool
    catalogue_key: str | None
    notes: list[str]


@router.get("", response_model=list[IndicatorPublic])
def list_indicators(
    *,
    request: Request,
    session: SessionDep,
    params: ListDep,
    plan_id: int | None = None,
    region: str | None = None,
    domain: str | None = None,
    attribute: Attribute | None = None,
    q: str | None = None,
) -> Response:
    """Indicators of the current plans; `region` names a plan's region, `q` part of a name."""
    page = indicators.list_indicators(
        session,
        plan_id=plan_id,
        region=region,
        domain=domain,
        attribute=attribute.value if attribute else None,
        q=q,
        window=params.window,
    )
    rows = [IndicatorPublic.model_validate(row) for row in page.items]
    return list_response(request, params, rows, total=page.total, name="indicators")


@router.get("/{indicator_id}", response_model=IndicatorPublic)
def get_indicator(indicator_id: int, session: SessionDep) -> IndicatorPublic:
    return IndicatorPublic.model_validate(
        indicators.get_indicator(session, indicator_id=indicator_id)
    )
