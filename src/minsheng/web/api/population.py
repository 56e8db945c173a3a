"""/api/v1/population: residents and households per region and year (public to read;
planners write, all rows or none, every problem back as {row, column, message})."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict

from minsheng.collect.records import Records
from minsheng.usecases.population import PopulationFileRejected, record_population
from minsheng.usecases.read.population import list_population as population_rows
from minsheng.web.api.fields import YearQuery
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.api.observations import RejectedPublic, rejected_response
from minsheng.web.deps import PlannerDep, SessionDep

router = APIRouter(prefix="/population", tags=["population"])
SOURCE_NAME = "api"
FIELDS = ("region", "year", "population", "households", "source")


class PopulationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    region_id: int
    region: str
    code: str | None
    year: int
    residents: float
    households: float | None
    source: str | None


class PopulationCreate(BaseModel):
    """One figure: a region by name or 6-digit code, residents in persons."""

    region: str
    year: int | str
    population: float | str
    households: float | str | None = None
    source: str | None = None


class PopulationStored(BaseModel):
    added: int
    replaced: int
    regions: int
    years: list[int]


@router.get("", response_model=list[PopulationPublic])
def list_population(
    *,
    request: Request,
    session: SessionDep,
    params: ListDep,
    region_id: int | None = None,
    year: YearQuery | None = None,
) -> Response:
    """Stored figures, by region code and year."""
    page = population_rows(session, region_id=region_id, year=year, window=params.window)
    rows = [PopulationPublic.model_validate(row) for row in page.items]
    return list_response(request, params, rows, total=page.total, name="population")


@router.post(
    "",
    status_code=201,
    response_model=PopulationStored,
    responses={422: {"model": RejectedPublic, "description": "nothing stored; every problem"}},
)
def post_population(
    session: SessionDep, user: PlannerDep, body: list[PopulationCreate]
) -> Response:
    """Store figures, replacing any for the same region and year; all or none."""
    try:
        result = record_population(session, records=_records(body), author=user.username)
    except PopulationFileRejected as rejected:
        session.rollback()  # regions stored on the way are dropped too: nothing is written
        return rejected_response(rejected)
    stored = PopulationStored(
        added=result.added, replaced=result.replaced, regions=result.regions,
        years=list(result.years),
    )  # fmt: skip
    return JSONResponse(stored.model_dump(), status_code=201)


def _records(body: list[PopulationCreate]) -> Records:
    """The body as a file's rows: numbered from 1, columns named by the JSON keys."""
    given = [item.model_dump() for item in body]
    texts = {f: ["" if g[f] is None else str(g[f]).strip() for g in given] for f in FIELDS}
    return Records(SOURCE_NAME, None, list(range(1, len(body) + 1)), texts, {f: f for f in FIELDS})
