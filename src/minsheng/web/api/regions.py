"""/api/v1/regions: the administrative divisions the plans cover, as a hierarchy."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from minsheng.usecases.read import regions
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.deps import SessionDep

router = APIRouter(prefix="/regions", tags=["regions"])


class RegionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str | None
    name: str
    level: str | None
    parent_id: int | None


@router.get("", response_model=list[RegionPublic])
def list_regions(
    *,
    request: Request,
    session: SessionDep,
    params: ListDep,
    parent_id: int | None = None,
    level: str | None = None,
    q: str | None = None,
) -> Response:
    """Regions with their GB/T 2260 code and parent; follow `parent_id` up the hierarchy."""
    page = regions.list_regions(
        session, parent_id=parent_id, level=level, q=q, window=params.window
    )
    rows = [RegionPublic.model_validate(region) for region in page.items]
    return list_response(request, params, rows, total=page.total, name="regions")
