"""/api/v1/indicators: the plans' indicator tables, with raw and parsed baselines/targets."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from minsheng.model.plan import Attribute
from minsheng.model.value import Value
from minsheng.usecases.read import indicators
from minsheng.usecases.read.indicator_verdicts import IndicatorVerdict, own_verdicts
from minsheng.usecases.read.indicators import IndicatorRow
from minsheng.usecases.read.period import EvaluationKind
from minsheng.web.api.fields import YearQuery
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.api.period import year_checked
from minsheng.web.api.plan_choice import PlanIdQuery, RegionQuery, region_or_none
from minsheng.web.deps import SessionDep

router = APIRouter(prefix="/indicators", tags=["indicators"])


class VerdictPublic(BaseModel):
    """The indicator judged in its plan's own region as of `judged_year` (a `mid_term`,
    `final` or `annual` evaluation); `year` is the year `value` is from (数据年份)."""

    judged_year: int
    evaluation: EvaluationKind
    year: int
    value: float | None
    status: str
    warning: str
    ratio: float | None

    @classmethod
    def of(cls, found: IndicatorVerdict) -> VerdictPublic:
        e = found.evaluation
        return cls(
            judged_year=e.judged_year,
            evaluation=found.kind,
            year=e.year,
            value=e.value,
            status=e.status.value,
            warning=e.warning.value,
            ratio=e.ratio,
        )


class IndicatorPublic(BaseModel):
    """An indicator as its plan states it; `evaluation` its verdict when a `year` is asked
    (None otherwise: the list and the single indicator give the same row)."""

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
    evaluation: VerdictPublic | None = None

    @classmethod
    def of(cls, row: IndicatorRow, verdicts: dict[int, IndicatorVerdict]) -> IndicatorPublic:
        found = verdicts.get(row.id)
        public = cls.model_validate(row)
        return public.model_copy(update={"evaluation": VerdictPublic.of(found) if found else None})


@router.get("", response_model=list[IndicatorPublic])
def list_indicators(
    *,
    request: Request,
    session: SessionDep,
    params: ListDep,
    plan_id: PlanIdQuery = None,
    region: RegionQuery = None,
    domain: str | None = None,
    attribute: Attribute | None = None,
    q: str | None = None,
    year: YearQuery | None = None,
) -> Response:
    """Indicators of the current plans; `region` names a plan's region, `q` part of a name;
    `year` adds each one's verdict as of that year of its plan's period."""
    page = indicators.list_indicators(
        session,
        plan_id=plan_id,
        region=region_or_none(session, region),
        domain=domain,
        attribute=attribute.value if attribute else None,
        q=q,
        window=params.window,
    )
    verdicts: dict[int, IndicatorVerdict] = {}
    if year is not None:
        with year_checked():
            verdicts = own_verdicts(session, page.items, year)
    rows = [IndicatorPublic.of(row, verdicts) for row in page.items]
    return list_response(request, params, rows, total=page.total, name="indicators")


@router.get("/{indicator_id}", response_model=IndicatorPublic)
def get_indicator(
    indicator_id: int, session: SessionDep, year: YearQuery | None = None
) -> IndicatorPublic:
    """The indicator; `year` adds its verdict as of that year of its plan's period."""
    row = indicators.get_indicator(session, indicator_id=indicator_id)
    if year is None:
        return IndicatorPublic.of(row, {})
    with year_checked():
        return IndicatorPublic.of(row, own_verdicts(session, [row], year))
