"""Read models for the REST API: filtered, paginated lists of what the plans hold.

Every list returns a `Page`: one slice of rows and the total the filters match, so the
API can say how many there are without sending them all. Filters are keyword-only and
None means "no filter". Lists of stored rows are filtered and sliced in SQL; evaluations
are computed, then sliced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.evaluate import Evaluation, Method
from minsheng.evaluate.rollup import early_warnings
from minsheng.model.observation import ReviewState
from minsheng.model.value import Value
from minsheng.store.repositories import plans as plan_repository
from minsheng.store.tables import (
    Indicator,
    KeyProject,
    Observation,
    ObservationRevision,
    Plan,
    PlanColumn,
    PreviousPlanResult,
    Region,
    ServiceItem,
)
from minsheng.usecases.evaluate_plan import evaluate_plan, previous_plan_verdicts

Item = TypeVar("Item")
ANY_STATE = "any"
STANDARD_FIELDS = ("beneficiaries", "content", "standard", "funding", "lead_department")


@dataclass(frozen=True)
class Slice:
    """Which rows of a list to return: `limit` rows after skipping `offset`."""

    limit: int = 100
    offset: int = 0

    def of(self, rows: Sequence[Item]) -> list[Item]:
        return list(rows[self.offset : self.offset + self.limit])


@dataclass(frozen=True)
class Page(Generic[Item]):
    items: list[Item]
    total: int


@dataclass(frozen=True)
class DomainCount:
    name: str
    indicators: int
    service_items: int


@dataclass(frozen=True)
class PlanDetail:
    id: int
    region: str
    region_code: str | None
    title: str | None
    period_start: int | None
    period_end: int | None
    issue_date: date | None
    version: int
    is_current: bool
    is_reference: bool
    source_name: str
    counts: dict[str, int]
    domains: list[DomainCount]


@dataclass(frozen=True)
class IndicatorRow:
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


@dataclass(frozen=True)
class ObservationRow:
    id: int
    indicator_id: int
    indicator: str
    plan_id: int
    region_id: int
    region: str
    year: int
    value: float | None
    unit: str | None
    source: str
    state: str
    note: str | None
    author: str
    revision_id: int
    recorded_at: datetime


@dataclass(frozen=True)
class EvaluationRow:
    plan_region: str
    evaluation: Evaluation


@dataclass(frozen=True)
class ServiceItemRow:
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


@dataclass(frozen=True)
class ProjectRow:
    id: int
    plan_id: int
    plan_region: str
    column_number: int
    column_title: str
    name: str
    detail: str | None
    status: str
    progress: int | None


@dataclass(frozen=True)
class PreviousResultRow:
    plan_region: str
    domain: str
    name: str
    unit: str | None
    target: Value
    actual: Value
    status: str


def _paged(session: Session, query: Select[Any], window: Slice) -> tuple[list[Any], int]:
    """The query's rows in the window, and how many rows it has in all."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = session.execute(query.limit(window.limit).offset(window.offset)).all()
    return list(rows), total or 0


def _plan_scope(query: Select[Any], plan_id: int | None, region: str | None) -> Select[Any]:
    """Narrow to one plan (any version) or else the current plans, optionally by region."""
    query = query.where(Plan.id == plan_id) if plan_id is not None else query.where(Plan.is_current)
    return query.where(Region.name == region) if region is not None else query


def _contains(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_plans(session: Session, *, window: Slice) -> Page[PlanDetail]:
    """Every region's current plan, reference plans last (without per-plan counts)."""
    plans = plan_repository.current_plans(session)
    return Page([_plan_detail(plan) for plan in window.of(plans)], len(plans))


def plan_detail(session: Session, *, plan_id: int) -> PlanDetail:
    """A plan's metadata, how many rows of each kind it holds, and its domains."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound(f"no plan {plan_id}")
    counts = {
        "indicators": _count(session, Indicator, plan_id),
        "previous_plan_results": _count(session, PreviousPlanResult, plan_id),
        "service_items": _count(session, ServiceItem, plan_id),
        "columns": _count(session, PlanColumn, plan_id),
        "key_projects": _count(session, KeyProject, plan_id),
    }
    return _plan_detail(plan, counts, _domains(session, plan_id))


def _plan_detail(
    plan: Plan, counts: dict[str, int] | None = None, domains: list[DomainCount] | None = None
) -> PlanDetail:
    return PlanDetail(
        id=plan.id,
        region=plan.region.name,
        region_code=plan.region.code,
        title=plan.title,
        period_start=plan.period_start,
        period_end=plan.period_end,
        issue_date=plan.issue_date,
        version=plan.version,
        is_current=plan.is_current,
        is_reference=plan.is_reference,
        source_name=plan.source_name,
        counts=counts or {},
        domains=domains or [],
    )


def _count(session: Session, table: Any, plan_id: int) -> int:
    query = select(func.count()).select_from(table).where(table.plan_id == plan_id)
    return session.scalar(query) or 0


def _domains(session: Session, plan_id: int) -> list[DomainCount]:
    """The plan's domains in the plan's order, with indicators and service items in each."""
    indicators = _domain_counts(session, Indicator, plan_id)
    services = _domain_counts(session, ServiceItem, plan_id)
    names = dict.fromkeys([*indicators, *services])
    return [DomainCount(n, indicators.get(n, 0), services.get(n, 0)) for n in names]


def _domain_counts(session: Session, table: Any, plan_id: int) -> dict[str, int]:
    query = (
        select(table.domain, func.count())
        .where(table.plan_id == plan_id)
        .group_by(table.domain)
        .order_by(func.min(table.position))
    )
    return {domain: count for domain, count in session.execute(query)}


def list_regions(
    session: Session,
    *,
    parent_id: int | None = None,
    level: str | None = None,
    q: str | None = None,
    window: Slice,
) -> Page[Region]:
    """Stored regions, provinces before their cities and districts (by id)."""
    query = select(Region).order_by(Region.id)
    if parent_id is not None:
        query = query.where(Region.parent_id == parent_id)
    if level is not None:
        query = query.where(Region.level == level)
    if q:
        query = query.where(Region.name.like(_contains(q), escape="\\"))
    rows, total = _paged(session, query, window)
    return Page([row[0] for row in rows], total)


def _plan_parts(
    part: type[Indicator] | type[ServiceItem],
    *,
    row_id: int | None,
    plan_id: int | None,
    region: str | None,
    domain: str | None,
) -> Select[Any]:
    """Rows of a plan-part table with their plan's region, in each plan's order.

    One row by id, else the current plans' (or one plan's) rows, optionally one domain.
    """
    query = (
        select(part, Region.name)
        .join(Plan, Plan.id == part.plan_id)
        .join(Region, Region.id == Plan.region_id)
        .order_by(Plan.is_reference, Plan.id, part.position)
    )
    if row_id is not None:
        query = query.where(part.id == row_id)
    else:
        query = _plan_scope(query, plan_id, region)
    return query if domain is None else query.where(part.domain == domain)


def list_indicators(
    session: Session,
    *,
    plan_id: int | None = None,
    region: str | None = None,
    domain: str | None = None,
    attribute: str | None = None,
    q: str | None = None,
    indicator_id: int | None = None,
    window: Slice,
) -> Page[IndicatorRow]:
    """Indicators of the current plans (or of one plan version), in each plan's order."""
    query = _plan_parts(
        Indicator, row_id=indicator_id, plan_id=plan_id, region=region, domain=domain
    )
    if attribute is not None:
        query = query.where(Indicator.attribute == attribute)
    if q:
        query = query.where(Indicator.name.like(_contains(q), escape="\\"))
    rows, total = _paged(session, query, window)
    return Page([_indicator_row(indicator, name) for indicator, name in rows], total)


def indicator(session: Session, *, indicator_id: int) -> IndicatorRow:
    found = list_indicators(session, indicator_id=indicator_id, window=Slice(1)).items
    if not found:
        raise NotFound(f"no indicator {indicator_id}")
    return found[0]


def _indicator_row(row: Indicator, plan_region: str) -> IndicatorRow:
    return IndicatorRow(
        id=row.id,
        plan_id=row.plan_id,
        plan_region=plan_region,
        position=row.position,
        domain=row.domain,
        name=row.name,
        unit=row.unit,
        baseline=Value.model_validate(row.baseline),
        target=Value.model_validate(row.target),
        attribute=row.attribute,
        cumulative=row.cumulative,
        catalogue_key=row.catalogue_key,
        notes=list(row.notes or []),
    )


def list_observations(
    session: Session,
    *,
    plan_id: int | None = None,
    indicator_id: int | None = None,
    region: str | None = None,
    year: int | None = None,
    state: str = ReviewState.APPROVED.value,
    window: Slice,
) -> Page[ObservationRow]:
    """Observations with one revision each: the value in force (state `approved`, the
    default), or the newest revision when it is in `state` (`any`: whatever its state).
    """
    chosen = select(
        ObservationRevision.observation_id, func.max(ObservationRevision.id).label("revision_id")
    )
    if state == ReviewState.APPROVED.value:
        chosen = chosen.where(ObservationRevision.state == state)
    latest = chosen.group_by(ObservationRevision.observation_id).subquery()
    query = (
        select(Observation, ObservationRevision, Indicator, Region.name)
        .join(latest, latest.c.observation_id == Observation.id)
        .join(ObservationRevision, ObservationRevision.id == latest.c.revision_id)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(Region, Region.id == Observation.region_id)
        .order_by(Indicator.plan_id, Indicator.position, Region.id, Observation.year)
    )
    if state not in (ReviewState.APPROVED.value, ANY_STATE):
        query = query.where(ObservationRevision.state == ReviewState(state).value)
    filters = {
        Indicator.plan_id: plan_id,
        Observation.indicator_id: indicator_id,
        Region.name: region,
        Observation.year: year,
    }
    for column, wanted in filters.items():
        if wanted is not None:
            query = query.where(column == wanted)
    rows, total = _paged(session, query, window)
    return Page([_observation_row(*row) for row in rows], total)


def _observation_row(
    observation: Observation, revision: ObservationRevision, indicator: Indicator, region: str
) -> ObservationRow:
    return ObservationRow(
        id=observation.id,
        indicator_id=indicator.id,
        indicator=indicator.name,
        plan_id=indicator.plan_id,
        region_id=observation.region_id,
        region=region,
        year=observation.year,
        value=revision.value,
        unit=revision.unit,
        source=revision.source,
        state=revision.state,
        note=revision.note,
        author=revision.author,
        revision_id=revision.id,
        recorded_at=revision.created_at,
    )


def list_evaluations(
    session: Session, *, plan: str, year: int | None, method: Method, window: Slice
) -> Page[EvaluationRow]:
    """One verdict per indicator and region of the plan, in the plan's order."""
    result = evaluate_plan(session, region=plan, year=year, method=method)
    rows = [EvaluationRow(result.region, evaluation) for evaluation in result.evaluations]
    return Page(window.of(rows), len(rows))


def list_warnings(
    session: Session,
    *,
    plan: str | None = None,
    domain: str | None = None,
    region: str | None = None,
    level: str | None = None,
    year: int | None = None,
    method: Method = Method.LINEAR,
    window: Slice,
) -> Page[EvaluationRow]:
    """Early warnings of one plan or of every current plan: red first, then yellow."""
    regions = [plan] if plan else _current_plan_regions(session)
    rows: list[EvaluationRow] = []
    for name in regions:
        result = evaluate_plan(session, region=name, year=year, method=method)
        rows += [EvaluationRow(result.region, e) for e in result.evaluations]
    warned = early_warnings(row.evaluation for row in rows)
    plan_of = {id(row.evaluation): row.plan_region for row in rows}
    chosen = [
        EvaluationRow(plan_of[id(e)], e)
        for e in warned
        if (domain is None or e.domain == domain)
        and (region is None or e.region == region)
        and (level is None or e.warning.value == level)
    ]
    return Page(window.of(chosen), len(chosen))


def _current_plan_regions(session: Session) -> list[str]:
    return [plan.region.name for plan in plan_repository.current_plans(session)]


def list_service_items(
    session: Session,
    *,
    plan_id: int | None = None,
    region: str | None = None,
    domain: str | None = None,
    q: str | None = None,
    item_id: int | None = None,
    window: Slice,
) -> Page[ServiceItemRow]:
    """Service items of the current plans; `q` matches the name or any standard field."""
    query = _plan_parts(ServiceItem, row_id=item_id, plan_id=plan_id, region=region, domain=domain)
    if q:
        pattern = _contains(q)
        searched = [ServiceItem.name, *(getattr(ServiceItem, f) for f in STANDARD_FIELDS)]
        query = query.where(or_(*(column.like(pattern, escape="\\") for column in searched)))
    rows, total = _paged(session, query, window)
    return Page([_service_item_row(item, name) for item, name in rows], total)


def service_item(session: Session, *, item_id: int) -> ServiceItemRow:
    found = list_service_items(session, item_id=item_id, window=Slice(1)).items
    if not found:
        raise NotFound(f"no service item {item_id}")
    return found[0]


def _service_item_row(item: ServiceItem, plan_region: str) -> ServiceItemRow:
    return ServiceItemRow(
        id=item.id,
        plan_id=item.plan_id,
        plan_region=plan_region,
        position=item.position,
        domain=item.domain,
        name=item.name,
        **{field: getattr(item, field) for field in STANDARD_FIELDS},
    )


def list_projects(
    session: Session,
    *,
    plan_id: int | None = None,
    region: str | None = None,
    column: int | None = None,
    status: str | None = None,
    q: str | None = None,
    window: Slice,
) -> Page[ProjectRow]:
    """Key projects of the current plans, by plan and column; `q` matches name or detail."""
    query = (
        select(KeyProject, PlanColumn.title, Region.name)
        .join(Plan, Plan.id == KeyProject.plan_id)
        .join(Region, Region.id == Plan.region_id)
        .join(
            PlanColumn,
            (PlanColumn.plan_id == KeyProject.plan_id)
            & (PlanColumn.number == KeyProject.column_number),
        )
        .order_by(Plan.is_reference, Plan.id, KeyProject.column_number, KeyProject.id)
    )
    query = _plan_scope(query, plan_id, region)
    if column is not None:
        query = query.where(KeyProject.column_number == column)
    if status is not None:
        query = query.where(KeyProject.status == status)
    if q:
        pattern = _contains(q)
        query = query.where(
            KeyProject.name.like(pattern, escape="\\")
            | KeyProject.detail.like(pattern, escape="\\")
        )
    rows, total = _paged(session, query, window)
    return Page([_project_row(*row) for row in rows], total)


def _project_row(project: KeyProject, column_title: str, plan_region: str) -> ProjectRow:
    return ProjectRow(
        id=project.id,
        plan_id=project.plan_id,
        plan_region=plan_region,
        column_number=project.column_number,
        column_title=column_title,
        name=project.name,
        detail=project.detail,
        status=project.status,
        progress=project.progress,
    )


def list_previous_results(
    session: Session, *, plan: str | None = None, window: Slice
) -> Page[PreviousResultRow]:
    """The previous plan's completion table of one plan or every current plan, judged."""
    rows = [
        PreviousResultRow(name, v.domain, v.name, v.unit, v.target, v.actual, v.status.value)
        for name in ([plan] if plan else _current_plan_regions(session))
        for v in previous_plan_verdicts(session, region=name)
    ]
    return Page(window.of(rows), len(rows))
