"""The indicators of any set of plans with their verdicts: the read side's shared core.

Everything is read set-based — the plans' indicators in one query, their regions in one,
the values in force in one — and judged by one pass of the vectorized evaluator, so the
cost grows with the rows read and not with the number of plans times anything. Each
verdict carries the ids of its indicator and region (`Evaluation.indicator_id`,
`region_id`); nothing downstream has to match verdicts to rows by position or name.
Results are cached until the next write to the database (see `usecases.cache`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Protocol

import numpy as np
import numpy.typing as npt
from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation, IndicatorTarget, Method
from minsheng.evaluate.rollup import warned_in_order
from minsheng.evaluate.table import IntArray, Judgements, Subjects, judge
from minsheng.runtime import gc_paused
from minsheng.store.repositories import evaluation_years, regions
from minsheng.usecases.cache import cached
from minsheng.usecases.clock import beijing_today
from minsheng.usecases.read import evaluation_reads as reads
from minsheng.usecases.read.kept_by_plan import kept_by_plan
from minsheng.usecases.read.period import EvaluationKind, Period
from minsheng.usecases.read.plans import PlanSummary, RegionRef, current_plans, plans_by_id
from minsheng.usecases.read.targets import HasPeriod, PlanTargets


def default_year(plan: HasPeriod, today: date | None = None) -> int:
    """This year, kept inside the plan's period (after 2025 the final evaluation): the
    year a department reports for, and an evaluation's year only when no value is in."""
    year = (today or beijing_today()).year
    return max(plan.period_start or year, min(year, plan.period_end or year))


def latest_data_years(session: Session, plan_ids: Collection[int] | None) -> dict[int, int]:
    """The newest year with approved data inside each plan's period (None: every current
    plan); kept until the next write, and then read again for the plans written only."""
    ids = None if plan_ids is None else tuple(sorted(plan_ids))

    def read(stale: list[int] | None) -> dict[int, int]:
        return evaluation_years.latest_data_years(session, plan_ids=ids if stale is None else stale)

    def merge(kept: dict[int, int], stale: set[int], fresh: dict[int, int]) -> dict[int, int]:
        return {plan: year for plan, year in kept.items() if plan not in stale} | fresh

    return cached(session, ("latest_data_years", ids), lambda: kept_by_plan(
        session, ("latest_data_years", ids), ids, read, merge
    ))  # fmt: skip


class StoredPlan(HasPeriod, Protocol):
    """A plan with its id: a stored row or a read model."""

    @property
    def id(self) -> int: ...


def evaluation_year(session: Session, plan: StoredPlan) -> int:
    """A plan's default evaluation year: the newest year with approved data in its period,
    not this calendar year; this year kept inside the period only when it has none."""
    return judged_year(plan, None, latest_data_years(session, [plan.id]))


def overview_year(session: Session, plans: Sequence[StoredPlan]) -> int:
    """The default year across the current plans given: the newest year with approved data
    in any of them (this year, kept inside their periods, when none has any)."""
    latest = latest_data_years(session, None)
    found = [latest[plan.id] for plan in plans if plan.id in latest]
    return max(found or [default_year(plan) for plan in plans] or [beijing_today().year])


def judged_year(plan: StoredPlan, asked: int | None, latest: dict[int, int]) -> int:
    """The year a plan is judged as of: the year asked, else its default (`latest`: the
    plans' newest years with data, from `latest_data_years`)."""
    if asked is not None:
        return asked
    found = latest.get(plan.id)
    return default_year(plan) if found is None else found


def checked_across_plans(session: Session, year: int | None) -> int | None:
    """`year` if some current plan's period holds it (a judgement across every plan keeps
    it inside each one's period), else `YearOutsidePeriod`."""
    return Period.spanning(current_plans(session)).check(year, "the current plans")


@dataclass(frozen=True)
class PlanEvaluation:
    """One plan's verdicts: every indicator in the plan's region and its reporting districts,
    indicator by indicator, the plan's own region first."""

    plan_id: int
    region_id: int
    region: str
    title: str | None
    year: int
    period: Period
    evaluations: list[Evaluation] = field(repr=False)

    @property
    def kind(self) -> EvaluationKind:
        """What the judgement as of `year` is: mid-term, final or annual."""
        return self.period.kind(self.year)

    def own(self) -> dict[int, Evaluation]:
        """The verdict in the plan's own region, by indicator id."""
        return {e.indicator_id or 0: e for e in self.evaluations if e.region_id == self.region_id}

    def by_indicator(self) -> dict[int, list[Evaluation]]:
        """Every region's verdicts by indicator id, the plan's own region first."""
        grouped: dict[int, list[Evaluation]] = defaultdict(list)
        for evaluation in self.evaluations:
            grouped[evaluation.indicator_id or 0].append(evaluation)
        return grouped


@dataclass(frozen=True)
class _Scope:
    """What one plan contributes to the pass: its targets' indexes and its regions."""

    plan: PlanSummary
    targets: range
    regions: list[RegionRef]
    year: int
    """The year the plan is judged as of."""


@dataclass(frozen=True)
class EvaluatedPlans:
    """The verdicts of several plans from one pass, materialized per plan on demand."""

    scopes: list[_Scope]
    judged: Judgements
    names: dict[int, str]
    year: int | None
    plan_targets: PlanTargets
    as_of: date | None = None
    """The day whose approved data was judged (None: the values in force)."""
    session: Session | None = field(default=None, compare=False, repr=False)
    """The caller's session, which reads the cells of the verdicts built (the rest is
    shared by every caller until the next write)."""

    @cached_property
    def _rows(self) -> dict[int, range]:
        start, rows = 0, {}
        for scope in self.scopes:
            count = len(scope.targets) * len(scope.regions)
            rows[scope.plan.id] = range(start, start + count)
            start += count
        return rows

    @cached_property
    def _scope_of(self) -> dict[int, _Scope]:
        return {scope.plan.id: scope for scope in self.scopes}

    def targets(self, plan_id: int) -> list[IndicatorTarget]:
        """The plan's indicators as the evaluator read them (each with its id), in order."""
        indexes = self._scope_of[plan_id].targets
        self._load_targets(indexes)
        return [self.judged.targets[k] for k in indexes]

    def plan(self, plan_id: int) -> PlanEvaluation:
        scope = self._scope_of[plan_id]
        evaluations = self.evaluations(self._rows[plan_id])
        region = scope.plan.region
        return PlanEvaluation(
            plan_id,
            region.id,
            region.name,
            scope.plan.title,
            scope.year,
            Period.of(scope.plan),
            evaluations,
        )

    def warned(self) -> IntArray:
        """The rows with a warning, red before yellow, binding before expected, then in the
        plans' order: indexes for `evaluation`, so a page builds only its own verdicts."""
        binding = self.judged.columns.binding[self.judged.subjects.target]
        return warned_in_order(self.judged.result.warning, binding)

    @cached_property
    def plan_ids(self) -> IntArray:
        """The plan id of each row."""
        counts = [len(self._rows[scope.plan.id]) for scope in self.scopes]
        return np.repeat([scope.plan.id for scope in self.scopes], counts).astype(np.int64)

    @cached_property
    def indicator_ids(self) -> IntArray:
        """The indicator id of each row."""
        return self.judged.columns.id[self.judged.subjects.target]

    def own_rows(self, indicator_ids: Collection[int]) -> IntArray:
        """The rows judging these indicators in their plans' own regions, in pass order."""
        sizes = [len(self._rows[scope.plan.id]) for scope in self.scopes]
        own = np.repeat([scope.plan.region.id for scope in self.scopes], sizes)
        wanted = np.isin(self.indicator_ids, np.fromiter(indicator_ids, dtype=np.int64))
        return np.flatnonzero(wanted & (self.judged.subjects.region == own))

    def in_domain(self, domain: str) -> npt.NDArray[np.bool_]:
        """Which rows judge an indicator of `domain`."""
        chosen = np.zeros(len(self.plan_targets), dtype=bool)
        chosen[self.plan_targets.in_domain(self._session()).get(domain, [])] = True
        return chosen[self.judged.subjects.target]

    def evaluation(self, k: int) -> Evaluation:
        """Row `k`'s verdict, naming its region."""
        return self.evaluations([k])[0]

    def evaluations(self, rows: Sequence[int]) -> list[Evaluation]:
        """The verdicts of these rows, their indicators' cells read in one go."""
        self._load_targets(self.judged.subjects.target[np.asarray(rows, dtype=np.int64)])
        region = self.judged.subjects.region
        return [self.judged.evaluation(k, self.names[int(region[k])]) for k in rows]

    def _load_targets(self, indexes: Iterable[int]) -> None:
        self.plan_targets.load(self._session(), indexes)

    def _session(self) -> Session:
        if self.session is None:
            raise RuntimeError("verdicts are built through evaluate_plans(session, …)")
        return self.session


def evaluate_plans(
    session: Session,
    *,
    plan_ids: Collection[int] | None = None,
    year: int | None = None,
    method: Method = Method.LINEAR,
    as_of: date | None = None,
) -> EvaluatedPlans:
    """Judge the plans given (None: every current plan) as of `year` (None: each plan's
    default year), in one pass, with the values in force or (`as_of`) those approved by
    the end of that day in Beijing; cached until the next write."""
    chosen_ids = None if plan_ids is None else tuple(sorted(plan_ids))
    key = ("evaluate_plans", chosen_ids, year, method, as_of)

    def compute() -> EvaluatedPlans:
        with gc_paused():  # a national pass makes millions of small objects, none cyclic
            return _evaluate_plans(session, plan_ids, year, method, as_of)

    found = cached(session, key, compute)
    return replace(found, session=session)


def evaluate_plan(
    session: Session,
    *,
    plan_id: int,
    year: int | None = None,
    method: Method = Method.LINEAR,
    as_of: date | None = None,
) -> PlanEvaluation:
    """One plan's verdicts (a superseded version is judged like a current one)."""
    judged = evaluate_plans(session, plan_ids=[plan_id], year=year, method=method, as_of=as_of)
    return judged.plan(plan_id)


def _evaluate_plans(
    session: Session,
    plan_ids: Collection[int] | None,
    year: int | None,
    method: Method,
    as_of: date | None = None,
) -> EvaluatedPlans:
    chosen = current_plans(session) if plan_ids is None else plans_by_id(session, plan_ids=plan_ids)
    every = plan_ids is None
    latest = {} if year is not None else latest_data_years(session, plan_ids)
    years = {plan.id: judged_year(plan, year, latest) for plan in chosen}
    found, targets = reads.progress_and_targets(
        session, chosen, years, every, asked=year, as_of=as_of
    )
    rows = reads.observations(found, targets.cumulative_ids)
    reported = reads.reporting(session, chosen, every)
    scopes = _scopes(session, chosen, targets.counts, reported, years)
    judged = judge(targets, _subjects(scopes), rows, method, targets.columns)
    names = {r.id: r.name for s in scopes for r in s.regions}
    return EvaluatedPlans(scopes, judged, names, year, targets, as_of=as_of)


def _scopes(
    session: Session,
    chosen: Sequence[PlanSummary],
    counts: Counter[int],
    reported: set[tuple[int, int]],
    years: dict[int, int],
) -> list[_Scope]:
    """Each plan's targets and regions: its own region, then the districts that reported
    anything on its indicators since the base year."""
    reporting_plans = {plan_id for plan_id, _ in reported}
    below = regions.children_of(
        session, parent_ids={p.region.id for p in chosen if p.id in reporting_plans}
    )  # a national pass has 2,876 county plans and no district reporting under them
    scopes, start = [], 0
    for plan in chosen:
        reporting = [r for r in below.get(plan.region.id, []) if (plan.id, r.id) in reported]
        districts = [RegionRef(r.id, r.name, r.code) for r in reporting]
        targets = range(start, start + counts[plan.id])
        scopes.append(_Scope(plan, targets, [plan.region, *districts], years[plan.id]))
        start += counts[plan.id]
    return scopes


def _subjects(scopes: Sequence[_Scope]) -> Subjects:
    """Every target of each plan in each of its regions, indicator by indicator: built as
    arrays (a national pass has 115,000 rows), each target's rows its plan's regions."""
    if not scopes:
        empty = np.zeros(0, dtype=np.int64)
        return Subjects(empty, empty, empty)
    regions = np.array([r.id for s in scopes for r in s.regions], dtype=np.int64)
    width = np.array([len(s.regions) for s in scopes], dtype=np.int64)
    count = np.array([len(s.targets) for s in scopes], dtype=np.int64)
    first = np.array([s.targets.start for s in scopes], dtype=np.int64)
    per_target = np.repeat(width, count)  # each target's number of regions
    targets = np.repeat(np.repeat(first, count) + _ranks(count), per_target)
    offset = np.repeat(np.repeat(np.cumsum(width) - width, count), per_target)
    years = np.repeat([s.year for s in scopes], count * width).astype(np.int64)
    return Subjects(targets, regions[offset + _ranks(per_target)], years)


def _ranks(sizes: IntArray) -> IntArray:
    """0, 1 … size-1 for each size in turn: each row's place within its group."""
    starts = np.repeat(np.cumsum(sizes) - sizes, sizes)
    return np.arange(int(sizes.sum()), dtype=np.int64) - starts
