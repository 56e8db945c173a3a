"""Record departments' observations from a file: all of it, validated, or none of it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from minsheng.collect import (
    IndicatorSpec,
    RawRecord,
    TypedRows,
    ValidationContext,
    read_observation_file,
    validate,
)
from minsheng.collect.messages import NOT_ASSIGNED
from minsheng.errors import InputProblem
from minsheng.model.catalogue import Catalogue
from minsheng.model.observation import CellProblem, ObservationRow, ReviewState, Source
from minsheng.model.plan import Period
from minsheng.model.value import ValueKind
from minsheng.runtime import gc_paused
from minsheng.store.repositories import audit, observation_import, observations, values
from minsheng.store.repositories.observation_import import IndicatorHead
from minsheng.store.repositories.observations import NewRevision, ObservationKey
from minsheng.store.tables import Plan, Region
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.plans import covered_regions, find_current_plan
from minsheng.usecases.ranges import validation_ranges
from minsheng.usecases.read.plans import PlanSummary

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
    plan: str = ""
    """The plan the values went to, with its period (合肥市“十五五”): a region's bare name
    means its newest plan, so the person importing is told which one that was."""


@dataclass(frozen=True)
class _PlanScope:
    """What a file for one plan may name: its indicators (by name or alias) and regions."""

    indicators: dict[str, IndicatorHead]
    regions: dict[str, Region]
    catalogue: Catalogue
    specs: dict[str, IndicatorSpec] = field(default_factory=dict)
    """Each indicator's rules, made when a file first names it (a plan has thousands)."""

    def resolve(self, name: str) -> IndicatorSpec | None:
        indicator = self.indicators.get(name) or self._by_catalogue(name)
        if indicator is None:
            return None
        spec = self.specs.get(indicator.name)
        if spec is None:
            spec = self.specs[indicator.name] = _spec(indicator)
        return spec

    def _by_catalogue(self, name: str) -> IndicatorHead | None:
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
        with gc_paused():
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
    """Validate records (from a file, a web form or the API), then store all or none.

    Names are resolved to ids once per distinct name; the rows that change something are
    then written in bulk (`observations.add_revisions`), with one audit entry.
    """
    with gc_paused():
        plan = find_current_plan(session, region=region)
        scope = _scope(session, plan)
        rows = _valid_rows(records, _context(session, plan, scope, source_name), may_report)
        state = ReviewState.DRAFT if draft else ReviewState.APPROVED
        changed = _changed(session, scope, rows, state)
        revisions = list(changed.values())
        observations.add_revisions(session, revisions=revisions, state=state, author=author)
    if changed:
        audit.record(
            session,
            username=author,
            action="import",
            entity="observations",
            entity_id=plan.id,
            detail={"source": source_name, "rows": len(changed), "state": state.value},
        )
    outliers = [rows.at(index) for index in rows.outliers if index in changed]
    unchanged = len(rows) - len(changed)
    chosen = PlanSummary.of(plan).choice_name
    return ObservationImport(plan.region.name, len(changed), state, outliers, unchanged, chosen)


def _valid_rows(
    records: Sequence[RawRecord], context: ValidationContext, may_report: Permission | None
) -> TypedRows:
    """The records checked and typed, or `ObservationFileRejected` naming every problem."""
    result = validate(records, context)
    rows = result.typed
    problems = result.problems or _forbidden(rows, may_report, context.file)
    if problems or rows is None:
        raise ObservationFileRejected(problems, file=context.file)
    return rows


def _changed(
    session: Session, scope: _PlanScope, rows: TypedRows, state: ReviewState
) -> dict[int, NewRevision]:
    """The rows that would change something, by index: re-importing adds no revisions.

    A row is unchanged when the observation's newest revision in `state` (for approved
    rows: the value in force) has the same value, unit and source.
    """
    indicators = {name: indicator.id for name, indicator in scope.indicators.items()}
    regions = {name: place.id for name, place in scope.regions.items()}
    ids = map(indicators.__getitem__, rows.indicator), map(regions.__getitem__, rows.region)
    keys: list[ObservationKey] = list(zip(*ids, rows.year, strict=True))
    sources = [source or DEFAULT_SOURCE for source in rows.source]
    newest = observations.newest_in_state(session, keys=keys, state=state)
    contents = zip(rows.value, rows.unit, sources, strict=True)
    parts = zip(keys, contents, rows.note, strict=True)
    return {
        index: NewRevision(key, content[0], content[2], content[1], note)
        for index, (key, content, note) in enumerate(parts)
        if newest.get(key) != content
    }


DEFAULT_SOURCE = Source.DEPARTMENT.value
"""The source of a value whose row names none."""


def _forbidden(
    rows: TypedRows | None, may_report: Permission | None, source_name: str
) -> list[CellProblem]:
    """A reporter may write only the indicators and regions assigned to their department."""
    if rows is None or may_report is None:
        return []
    pairs = list(zip(rows.indicator, rows.region, strict=True))
    refused = {pair for pair in set(pairs) if not may_report(*pair)}
    return [
        CellProblem(source_name, row, "indicator", NOT_ASSIGNED.format(*pair))
        for pair, row in zip(pairs, rows.row, strict=True)
        if pair in refused
    ]


def _scope(session: Session, plan: Plan) -> _PlanScope:
    """The plan's indicators as names, ids and units only: their values are not parsed."""
    stored = observation_import.indicator_heads(session, plan_id=plan.id)
    regions = {r.name: r for r in covered_regions(session, plan, store_children=True)}
    return _PlanScope({i.name: i for i in stored}, regions, catalogue_for(session))


def _spec(indicator: IndicatorHead) -> IndicatorSpec:
    qualitative = indicator.target_kind == ValueKind.QUALITATIVE.value
    return IndicatorSpec.infer(indicator.name, indicator.unit, qualitative=qualitative)


def _context(session: Session, plan: Plan, scope: _PlanScope, file: str) -> ValidationContext:
    """What the file is checked against, with the plan's numbers in force as history."""
    names = {i.id: i.name for i in scope.indicators.values()}
    regions = {r.id: r.name for r in scope.regions.values()}
    history: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    for indicator_id, region_id, year, value in values.numbers(session, plan_ids=[plan.id]):
        if region_id in regions and indicator_id in names:
            history[regions[region_id], names[indicator_id]][year] = value
    period = Period(start=plan.period_start or 2021, end=plan.period_end or 2025)
    ranges = validation_ranges(session, plan_id=plan.id)
    return ValidationContext(file, list(scope.regions), scope.resolve, period, history, ranges)
