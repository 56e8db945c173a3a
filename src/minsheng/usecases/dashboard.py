"""Read models for the public dashboard: overview cards, plan, indicator and warning pages.

Each page needs the plan's stored rows and their evaluation side by side; these functions
join the two once, so the routes only render.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.evaluate import Evaluation, Status, WarningLevel
from minsheng.evaluate.rollup import early_warnings
from minsheng.model.catalogue import CatalogueEntry
from minsheng.model.plan import DOMAINS
from minsheng.model.value import Value, ValueKind
from minsheng.store.repositories import observations, plan_parts, plans
from minsheng.store.tables import (
    Department,
    Indicator,
    IndicatorAssignment,
    KeyProject,
    Observation,
    ObservationRevision,
    Plan,
    PlanColumn,
    Region,
    ServiceItem,
)
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.compare import compare_indicator
from minsheng.usecases.evaluate_plan import (
    PreviousVerdict,
    default_year,
    evaluate_plan,
    previous_plan_verdicts,
)
from minsheng.usecases.plans import covered_regions

STATUS_ORDER = tuple(Status)


@dataclass(frozen=True)
class IndicatorRow:
    """A stored indicator with its evaluation in the plan's own region (None: not judged)."""

    indicator: Indicator
    evaluation: Evaluation | None
    latest_value: float | None
    latest_year: int | None


@dataclass(frozen=True)
class DomainSummary:
    domain: str
    counts: list[tuple[Status, int]]
    warnings: int
    total: int


@dataclass(frozen=True)
class PlanCard:
    plan: Plan
    year: int
    domains: list[DomainSummary]
    indicators: int
    red: int
    yellow: int


@dataclass(frozen=True)
class ColumnView:
    column: PlanColumn
    projects: list[KeyProject]


@dataclass(frozen=True)
class PlanView:
    plan: Plan
    year: int
    domains: list[tuple[str, list[IndicatorRow]]]
    previous: list[PreviousVerdict]
    columns: list[ColumnView]
    service_items: int
    data_date: date


@dataclass(frozen=True)
class RegionValue:
    region: Region
    evaluation: Evaluation | None


@dataclass(frozen=True)
class PeerRow:
    """The same concept in another current plan (or the national reference)."""

    plan: Plan
    indicator_id: int
    unit: str | None
    evaluation: Evaluation


@dataclass(frozen=True)
class IndicatorView:
    plan: Plan
    row: IndicatorRow
    year: int
    observed: list[tuple[int, float]]
    regions: list[RegionValue]
    peers: list[PeerRow]
    entry: CatalogueEntry | None
    chart: dict[str, object]
    data_date: date


@dataclass(frozen=True)
class WarningRow:
    plan: Plan
    indicator_id: int
    evaluation: Evaluation
    departments: list[str]


@dataclass(frozen=True)
class WarningList:
    rows: list[WarningRow]
    red: int
    yellow: int
    plans: list[Plan]
    departments: list[str]
    regions: list[str]


def plan_cards(session: Session) -> list[PlanCard]:
    """Every current plan (references last) with its domain-by-domain status counts."""
    return [
        _card(plan, _rows(session, plan, _all_evaluations(session, plan)))
        for plan in plans.current_plans(session)
    ]


def plan_view(session: Session, *, plan_id: int) -> PlanView:
    """Everything the plan page shows, indicators grouped by the nine domains in order."""
    plan = _plan(session, plan_id)
    rows = _rows(session, plan, _all_evaluations(session, plan))
    return PlanView(
        plan=plan,
        year=default_year(plan),
        domains=_grouped(rows),
        previous=previous_plan_verdicts(session, region=plan.region.name)
        if plan.is_current
        else [],
        columns=_columns(session, plan),
        service_items=_count(session, ServiceItem, plan.id),
        data_date=_data_date(session, plan),
    )


def indicator_view(session: Session, *, indicator_id: int) -> IndicatorView:
    """One indicator: its path over the years, its districts, and its peers elsewhere."""
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        raise NotFound(f"no indicator {indicator_id}")
    plan = _plan(session, indicator.plan_id)
    evaluations = _all_evaluations(session, plan)
    row = next(r for r in _rows(session, plan, evaluations) if r.indicator.id == indicator_id)
    observed = _observed(session, indicator, plan.region_id)
    catalogue = catalogue_for(session)
    return IndicatorView(
        plan=plan,
        row=row,
        year=default_year(plan),
        observed=observed,
        regions=_region_values(session, plan, evaluations.get(indicator_id, [])),
        peers=_peers(session, indicator) if plan.is_current else [],
        entry=catalogue.get(indicator.catalogue_key) if indicator.catalogue_key else None,
        chart=_chart(plan, indicator, observed),
        data_date=_data_date(session, plan),
    )


def warning_list(
    session: Session,
    *,
    plan_id: int | None = None,
    domain: str | None = None,
    department: str | None = None,
    region: str | None = None,
) -> WarningList:
    """Red then yellow warnings of every current plan (or one), narrowed by the filters."""
    current = plans.current_plans(session)
    chosen = [p for p in current if plan_id is None or p.id == plan_id]
    owners = _departments(session)
    rows = [row for plan in chosen for row in _warnings(session, plan, owners)]
    every_department = sorted({name for names in owners.values() for name in names})
    every_region = list(dict.fromkeys(row.evaluation.region for row in rows))
    rows = [
        row
        for row in rows
        if (not domain or row.evaluation.domain == domain)
        and (not region or row.evaluation.region == region)
        and (not department or department in row.departments)
    ]
    red = sum(row.evaluation.warning is WarningLevel.RED for row in rows)
    return WarningList(rows, red, len(rows) - red, current, every_department, every_region)


def _plan(session: Session, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound(f"no plan {plan_id}")
    return plan


def _all_evaluations(session: Session, plan: Plan) -> dict[int, list[Evaluation]]:
    """Each indicator's evaluations (own region first, then reporting districts).

    The evaluator returns them indicator by indicator, every region in turn, in the
    plan's order; a superseded version is not evaluated.
    """
    if not plan.is_current:
        return {}
    stored = plan_parts.indicators_of(session, plan_id=plan.id)
    evaluations = evaluate_plan(session, region=plan.region.name).evaluations
    per = len(evaluations) // len(stored) if stored else 0
    chunks = {i.id: evaluations[n * per : (n + 1) * per] for n, i in enumerate(stored)}
    assert all(e.name == i.name for i in stored for e in chunks[i.id])
    return chunks


def _rows(
    session: Session, plan: Plan, evaluations: dict[int, list[Evaluation]]
) -> list[IndicatorRow]:
    latest = _latest_values(session, plan)
    rows = []
    for indicator in plan_parts.indicators_of(session, plan_id=plan.id):
        own = next(iter(evaluations.get(indicator.id, [])), None)
        if own is not None and own.value is not None:
            value, year = own.value, own.year
        else:
            value, year = latest.get(indicator.id, (None, None))
        rows.append(IndicatorRow(indicator, own, value, year))
    return rows


def _latest_values(session: Session, plan: Plan) -> dict[int, tuple[float | None, int | None]]:
    """The newest approved value of each indicator in the plan's own region."""
    found: dict[int, tuple[float | None, int | None]] = {}
    for (indicator_id, region_id, year), value in sorted(
        observations.current_values(session, plan_id=plan.id).items()
    ):
        if region_id == plan.region_id and value.value is not None:
            found[indicator_id] = (value.value, year)
    return found


def _card(plan: Plan, rows: list[IndicatorRow]) -> PlanCard:
    judged = [row.evaluation for row in rows if row.evaluation is not None]
    warned = early_warnings(judged)
    return PlanCard(
        plan=plan,
        year=default_year(plan),
        domains=[_summary(domain, items) for domain, items in _grouped(rows)],
        indicators=len(rows),
        red=sum(e.warning is WarningLevel.RED for e in warned),
        yellow=sum(e.warning is WarningLevel.YELLOW for e in warned),
    )


def _summary(domain: str, rows: list[IndicatorRow]) -> DomainSummary:
    statuses = [row.evaluation.status if row.evaluation else Status.NO_DATA for row in rows]
    counts = [(s, statuses.count(s)) for s in STATUS_ORDER if s in statuses]
    warned = sum(
        row.evaluation is not None and row.evaluation.warning is not WarningLevel.NONE
        for row in rows
    )
    return DomainSummary(domain, counts, warned, len(rows))


def _grouped(rows: list[IndicatorRow]) -> list[tuple[str, list[IndicatorRow]]]:
    """The nine domains in order (empty ones too), then any other category the plan uses."""
    groups: dict[str, list[IndicatorRow]] = {domain: [] for domain in DOMAINS}
    for row in rows:
        groups.setdefault(row.indicator.domain, []).append(row)
    return list(groups.items())


def _columns(session: Session, plan: Plan) -> list[ColumnView]:
    columns = session.scalars(
        select(PlanColumn).where(PlanColumn.plan_id == plan.id).order_by(PlanColumn.number)
    )
    projects: dict[int, list[KeyProject]] = defaultdict(list)
    for project in session.scalars(
        select(KeyProject).where(KeyProject.plan_id == plan.id).order_by(KeyProject.id)
    ):
        projects[project.column_number].append(project)
    return [ColumnView(column, projects[column.number]) for column in columns]


def _count(session: Session, table: type[ServiceItem], plan_id: int) -> int:
    return session.scalar(select(func.count()).select_from(table).where(table.plan_id == plan_id))


def _data_date(session: Session, plan: Plan) -> date:
    """When the page's data last changed: the newest approved value, else the import."""
    newest: datetime | None = session.scalar(
        select(func.max(ObservationRevision.created_at))
        .join(Observation, Observation.id == ObservationRevision.observation_id)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .where(Indicator.plan_id == plan.id, ObservationRevision.state == "approved")
    )
    return max(newest or plan.imported_at, plan.imported_at).date()


def _observed(session: Session, indicator: Indicator, region_id: int) -> list[tuple[int, float]]:
    """The approved values of the plan's own region, year by year."""
    values = observations.current_values(session, plan_id=indicator.plan_id)
    return sorted(
        (year, value.value)
        for (indicator_id, region, year), value in values.items()
        if indicator_id == indicator.id and region == region_id and value.value is not None
    )


def _region_values(
    session: Session, plan: Plan, evaluations: list[Evaluation]
) -> list[RegionValue]:
    """Every region the plan covers, judged where it has reported."""
    judged = {e.region: e for e in evaluations}
    regions = covered_regions(session, plan, store_children=False)
    return [RegionValue(region, judged.get(region.name)) for region in regions]


def _peers(session: Session, indicator: Indicator) -> list[PeerRow]:
    comparison = compare_indicator(session, name=indicator.name)
    key = comparison.entry.key if comparison.entry else None
    query = (
        select(Indicator, Plan)
        .join(Plan, Plan.id == Indicator.plan_id)
        .where(Plan.is_current)
        .order_by(Plan.is_reference, Plan.id, Indicator.position)
    )
    ids: dict[tuple[str, str], tuple[int, Plan]] = {}
    for other, plan in session.execute(query):
        if (key and other.catalogue_key == key) or other.name == indicator.name:
            ids.setdefault((plan.region.name, other.name), (other.id, plan))
    return [
        PeerRow(plan, other_id, row.unit, row.evaluation)
        for row in comparison.rows
        for other_id, plan in [ids[row.region, row.evaluation.name]]
    ]


def _departments(session: Session) -> dict[tuple[int, int | None], list[str]]:
    """Department names per (indicator id, region id or None for every region)."""
    query = select(IndicatorAssignment, Department.name).join(
        Department, Department.id == IndicatorAssignment.department_id
    )
    owners: dict[tuple[int, int | None], list[str]] = defaultdict(list)
    for assignment, name in session.execute(query):
        owners[assignment.indicator_id, assignment.region_id].append(name)
    return owners


def _warnings(
    session: Session, plan: Plan, owners: dict[tuple[int, int | None], list[str]]
) -> list[WarningRow]:
    region_ids = {r.name: r.id for r in covered_regions(session, plan, store_children=False)}
    ids = {}
    judged = []
    for indicator_id, evaluations in _all_evaluations(session, plan).items():
        for evaluation in evaluations:
            ids[id(evaluation)] = indicator_id
            judged.append(evaluation)
    rows = []
    for evaluation in early_warnings(judged):
        indicator_id = ids[id(evaluation)]
        names = owners.get((indicator_id, None), []) + owners.get(
            (indicator_id, region_ids.get(evaluation.region)), []
        )
        rows.append(WarningRow(plan, indicator_id, evaluation, sorted(set(names))))
    return rows


def _chart(
    plan: Plan, indicator: Indicator, observed: list[tuple[int, float]]
) -> dict[str, object]:
    """The numbers the indicator chart draws; `target` is None for a qualitative target.

    A cumulative target is a five-year total, so its observations are drawn as running
    totals and its expected path starts from zero.
    """
    base_year = (plan.period_start or 2021) - 1
    baseline = Value.model_validate(indicator.baseline)
    low, high = _target_bounds(Value.model_validate(indicator.target))
    later = [(year, value) for year, value in observed if year > base_year]
    if indicator.cumulative:
        start: float | None = 0.0
        later = [(year, sum(v for _, v in later[: n + 1])) for n, (year, _) in enumerate(later)]
    else:
        start = baseline.number if baseline.kind is ValueKind.NUMBER else None
    end = low if high is None or low is None else (low + high) / 2
    target_year = plan.period_end or 2025
    return {
        "unit": indicator.unit or "",
        "baseYear": base_year,
        "targetYear": target_year,
        "baseline": None if start is None else [base_year, start],
        "observed": [[year, value] for year, value in later],
        "path": [] if start is None or end is None else [[base_year, start], [target_year, end]],
        "target": None if low is None else {"low": low, "high": high},
    }


def _target_bounds(target: Value) -> tuple[float | None, float | None]:
    """(threshold, None) for a number or comparison, (low, high) for a range."""
    if target.kind is ValueKind.RANGE:
        return target.low, target.high
    if target.kind in (ValueKind.NUMBER, ValueKind.COMPARISON):
        return target.number, None
    return None, None
