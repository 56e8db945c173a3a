"""/api/v1/service-items: the standards catalogue, each item with its five standard fields."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from minsheng.usecases.read import service_items
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.api.plan_choice import PlanIdQuery, RegionQuery, region_or_none
from minsheng.web.deps import SessionDep

router = APIRouter(prefix="/service-items", tags=["service items"])


class ServiceItemPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    plan_id: int
    plan_region: str
    position: int
    domain: str
    name: str
    beneficiaries: str | None
    content: str | None
    standard: str | None
    funding: str | None
    lead_department: str | None


@router.get("", response_model=list[ServiceItemPublic])
def list_service_items(
    *,
    request: Request,
    session: SessionDep,
    params: ListDep,
    plan_id: PlanIdQuery = None,
    region: RegionQuery = None,
    domain: str | None = None,
    q: str | None = None,
) -> Response:
    """Service items of the current plans; `q` is a substring of the name or any field."""
    page = service_items.list_service_items(
        session,
        plan_id=plan_id,
        region=region_or_none(session, region),
        domain=domain,
        q=q,
        window=params.window,
    )
    rows = [ServiceItemPublic.model_validate(row) for row in page.items]
    return list_response(request, params, rows, total=page.total, name="service-items")


@router.get("/{item_id}", response_model=ServiceItemPublic)
def get_service_item(item_id: int, session: SessionDep) -> ServiceItemPublic:
    return ServiceItemPublic.model_validate(
        service_items.get_service_item(session, item_id=item_id)
    )
