"""Record departments' observations from a file: all of it, validated, or none of it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minsheng.collect import (
    IndicatorSpec,
    RawRecord,
    ValidationContext,
    read_observation_file,
    validate,
)
from minsheng.collect.messages import NOT_ASSIGNED
from minsheng.errors import InputProblem
from minsheng.model.catalogue import Catalogue
from minsheng.model.observation import CellProblem, ObservationRow, ReviewState, Source
from minsheng.model.plan import Period
from minsheng.model.value import Value, ValueKind
from minsheng.store.repositories import audit, observations
from minsheng.store.tables import Indicator, Observation, ObservationRevision, Plan, Region
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.plans import covered_regions, find_current_plan, targets_of

MAX_PROBLEMS_IN_MESSAGE = 50


class ObservationFileRejected(InputProblem):
    """A file with problems: every one is listed, and nothing of the file is stored."""

    code = "observation_file_rejected"

    def __init__(self, problems: list[CellProblem], *, file: str) -> None:
        self.problems = problems
        lines = [str(problem) for problem in problems[:MAX_PROBLEMS_IN_MESSAGE]]
        more = len(problems) - len(lines)
        if more:
            lines.append(f"… and {more} more")
        message = f"{len(problems)} problem(s), nothing imported:\n  " + "\n  ".join(lines)
        super().__init__(message, file=file)


@dataclass(frozen=True)
class ObservationImport:
    region: str
    recorded: int
    state: ReviewState
    outliers: list[ObservationRow]
    unchanged: int = 0
    """Rows skipped because the observation's latest revision already says the same."""


@dataclass(frozen=True)
class _PlanScope:
    """What a file for one plan may name: its indicators (by name or alias) and regions."""

    indicators: dict[str, Indicator]
    specs: dict[str, IndicatorSpec]
    regions: dict[str, Region]
    catalogue: Catalogue

    def resolve(self, name: str) -> IndicatorSpec | None:
        indicator = self.indicators.get(name) or self._by_catalogue(name)
        return self.specs[indicator.name] if indicator else None

    def _by_catalogue(self, name: str) -> Indicator | None:
        entry = self.catalogue.match(name)
        if entry is None:
            return None
        keyed = [i for i in self.indicators.values() if i.catalogue_key == entry.key]
        return keyed[0] if len(keyed) == 1 else None


def import_observations(
    session: Session,
    *,
    path: Path,
    region: str,
    author: str,
    draft: bool = False,
    may_report: Permission | None = None,
) -> ObservationImport:
    """Validate the whole file against the region's current plan, then store every row.

    Rows become revisions: approved for an administrator's import, or drafts that go
    through review. Outliers are stored too, and returned so the caller can say so.
    """
    try:
        return record_observations(
            session,
            records=read_observation_file(path),
            region=region,
            author=author,
            draft=draft,
            source_name=path.name,
            may_report=may_report,
        )
    except ObservationFileRejected as rejected:  # name the file by the path the user gave
        raise ObservationFileRejected(rejected.problems, file=str(path)) from None


Permission = Callable[[str, str], bool]
"""(indicator name, region name) → may this author report it? None: anything."""


def record_observations(
    session: Session,
    *,
    records: Sequence[RawRecord],
    region: str,
    author: str,
    draft: bool = False,
    source_name: str = "web form",
    may_report: Permission | None = None,
) -> ObservationImport:
    """Validate records (from a file, a web form or the API), then store all or none."""
    plan = find_current_plan(session, region=region)
    scope = _scope(session, plan)
    result = validate(records, _context(session, plan, scope, source_name))
    problems = result.problems or _forbidden(result.rows, may_report, source_name)
    if problems:
        raise ObservationFileRejected(problems, file=source_name)
    state = ReviewState.DRAFT if draft else ReviewState.APPROVED
    changed = _changed_rows(session, plan, scope, result.rows, state)
    for row in changed:
        _record(session, scope, row, state=state, author=author)
    if changed:
        audit.record(
            session,
            username=author,
            action="import",
            entity="observations",
            entity_id=plan.id,
            detail={"source": source_name, "rows": len(changed), "state": state.value},
        )
    written = set(changed)
    outliers = [row for row in result.outliers if row in written]
    unchanged = len(result.rows) - len(changed)
    return ObservationImport(plan.region.name, len(changed), state, outliers, unchanged)


def _changed_rows(
    session: Session,
    plan: Plan,
    scope: _PlanScope,
    rows: Sequence[ObservationRow],
    state: ReviewState,
) -> list[ObservationRow]:
    """Rows that would change something: re-importing an export adds no revisions.

    A row is unchanged when the observation's latest revision in `state` (for approved
    rows: the value in force) has the same value, unit and source.
    """
    latest = _latest_in_state(session, plan, state)

    def same(row: ObservationRow) -> bool:
        key = (scope.indicators[row.indicator].id, scope.regions[row.region].id, row.year)
        found = latest.get(key)
        return found == (row.value, row.unit, _source(row).value)

    return [row for row in rows if not same(row)]


def _latest_in_state(
    session: Session, plan: Plan, state: ReviewState
) -> dict[tuple[int, int, int], tuple[float | None, str | None, str]]:
    """(indicator id, region id, year) → value, unit and source of the latest such revision."""
    newest = (
        select(func.max(ObservationRevision.id))
        .where(ObservationRevision.state == state.value)
        .group_by(ObservationRevision.observation_id)
    )
    query = (
        select(Observation, ObservationRevision)
        .join(ObservationRevision, ObservationRevision.observation_id == Observation.id)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .where(Indicator.plan_id == plan.id, ObservationRevision.id.in_(newest))
    )
    return {
        (o.indicator_id, o.region_id, o.year): (r.value, r.unit, r.source)
        for o, r in session.execute(query)
    }


def _source(row: ObservationRow) -> Source:
    return Source(row.source) if row.source else Source.DEPARTMENT


def _forbidden(
    rows: Sequence[ObservationRow], may_report: Permission | None, source_name: str
) -> list[CellProblem]:
    """A reporter may write only the indicators and regions assigned to their department."""
    if may_report is None:
        return []
    return [
        CellProblem(
            source_name, row.row, "indicator", NOT_ASSIGNED.format(row.indicator, row.region)
        )
        for row in rows
        if not may_report(row.indicator, row.region)
    ]


def _scope(session: Session, plan: Plan) -> _PlanScope:
    stored, _ = targets_of(session, plan)
    specs = {i.name: _spec(i) for i in stored}
    regions = {r.name: r for r in covered_regions(session, plan, store_children=True)}
    return _PlanScope({i.name: i for i in stored}, specs, regions, catalogue_for(session))


def _spec(indicator: Indicator) -> IndicatorSpec:
    qualitative = Value.model_validate(indicator.target).kind is ValueKind.QUALITATIVE
    return IndicatorSpec.infer(indicator.name, indicator.unit, qualitative=qualitative)


def _context(session: Session, plan: Plan, scope: _PlanScope, file: str) -> ValidationContext:
    names = {i.id: i.name for i in scope.indicators.values()}
    regions = {r.id: r.name for r in scope.regions.values()}
    history: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    for (indicator_id, region_id, year), current in observations.current_values(
        session, plan_id=plan.id
    ).items():
        if current.value is not None and region_id in regions:
            history[regions[region_id], names[indicator_id]][year] = current.value
    period = Period(start=plan.period_start or 2021, end=plan.period_end or 2025)
    return ValidationContext(file, list(scope.regions), scope.resolve, period, history)


def _record(
    session: Session, scope: _PlanScope, row: ObservationRow, *, state: ReviewState, author: str
) -> None:
    observation = observations.get_or_add_observation(
        session,
        indicator_id=scope.indicators[row.indicator].id,
        region_id=scope.regions[row.region].id,
        year=row.year,
    )
    observations.add_revision(
        session,
        observation_id=observation.id,
        value=row.value,
        source=_source(row),
        state=state,
        author=author,
        unit=row.unit,
        note=row.note,
    )
