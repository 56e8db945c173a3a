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
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Protocol

import numpy as np
from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation, IndicatorTarget, Method, WarningLevel
from minsheng.evaluate.table import IntArray, Judgements, Observations, Subjects, judge
from minsheng.model.catalogue import Catalogue
from minsheng.model.plan import Attribute
from minsheng.model.value import Value
from minsheng.store.repositories import plan_parts, plans, regions, values
from minsheng.store.tables import Indicator, Plan, Region
from minsheng.usecases.cache import cached
from minsheng.usecases.catalogue import catalogue_for


class HasPeriod(Protocol):
    """A plan as far as its period goes: a stored row or a read model."""

    @property
    def period_start(self) -> int | None: ...

    @property
    def period_end(self) -> int | None: ...


def default_year(plan: HasPeriod, today: date | None = None) -> int:
    """This year, kept inside the plan's period (after 2025 the final evaluation)."""
    year = (today or date.today()).year
    return max(plan.period_start or year, min(year, plan.period_end or year))


def base_year(plan: HasPeriod) -> int:
    """The year before the plan's period: its baselines' year."""
    return (plan.period_start or 2021) - 1


@dataclass(frozen=True)
class PlanEvaluation:
    """One plan's verdicts: every indicator in the plan's region and its reporting districts,
    indicator by indicator, the plan's own region first."""

    plan_id: int
    region_id: int
    region: str
    title: str | None
    year: int
    evaluations: list[Evaluation] = field(repr=False)

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

    plan: Plan
    targets: range
    regions: list[Region]

    def year(self, asked: int | None) -> int:
        return asked or default_year(self.plan)


@dataclass(frozen=True)
class EvaluatedPlans:
    """The verdicts of several plans from one pass, materialized per plan on demand."""

    scopes: list[_Scope]
    judged: Judgements
    names: dict[int, str]
    year: int | None

    @cached_property
    def _rows(self) -> dict[int, range]:
        start, rows = 0, {}
        for scope in self.scopes:
            count = len(scope.targets) * len(scope.regions)
            rows[scope.plan.id] = range(start, start + count)
            start += count
        return rows

    def plan(self, plan_id: int) -> PlanEvaluation:
        scope = next(s for s in self.scopes if s.plan.id == plan_id)
        evaluations = [self._evaluation(k) for k in self._rows[plan_id]]
        region = scope.plan.region
        return PlanEvaluation(
            plan_id, region.id, region.name, scope.plan.title, scope.year(self.year), evaluations
        )

    def warned(self) -> list[tuple[int, Evaluation]]:
        """(plan id, verdict) of every warning, in plan order: only these are built."""
        warned = np.flatnonzero(self.judged.result.warning != _NO_WARNING)
        plan_of = {k: s.plan.id for s in self.scopes for k in self._rows[s.plan.id]}
        return [(plan_of[int(k)], self._evaluation(int(k))) for k in warned]

    def _evaluation(self, k: int) -> Evaluation:
        return self.judged.evaluation(k, self.names[int(self.judged.subjects.region[k])])


_NO_WARNING = list(WarningLevel).index(WarningLevel.NONE)


def evaluate_plans(
    session: Session,
    *,
    plan_ids: Collection[int] | None = None,
    year: int | None = None,
    method: Method = Method.LINEAR,
) -> EvaluatedPlans:
    """Judge the plans given (None: every current plan) as of `year` (None: each plan's
    default year), in one pass; cached until the next write."""
    key = ("evaluate_plans", None if plan_ids is None else tuple(sorted(plan_ids)), year, method)
    return cached(session, key, lambda: _evaluate_plans(session, plan_ids, year, method))


def evaluate_plan(
    session: Session, *, plan_id: int, year: int | None = None, method: Method = Method.LINEAR
) -> PlanEvaluation:
    """One plan's verdicts (a superseded version is judged like a current one)."""
    return evaluate_plans(session, plan_ids=[plan_id], year=year, method=method).plan(plan_id)


def _evaluate_plans(
    session: Session, plan_ids: Collection[int] | None, year: int | None, method: Method
) -> EvaluatedPlans:
    chosen = (
        plans.current_plans(session)
        if plan_ids is None
        else plans.plans_by_id(session, plan_ids=plan_ids)
    )
    ids = [plan.id for plan in chosen]
    stored = plan_parts.indicators_of_plans(session, plan_ids=ids)
    targets, owner = _targets(chosen, stored, catalogue_for(session))
    rows, row_owner = _after_base_year(values.numbers(session, plan_ids=ids), targets, owner)
    scopes = _scopes(session, chosen, Counter(owner.values()), _reported(rows, row_owner))
    judged = judge(targets, _subjects(scopes, year), rows, method)
    names = {r.id: r.name for s in scopes for r in s.regions}
    return EvaluatedPlans(scopes, judged, names, year)


def _targets(
    chosen: Sequence[Plan], stored: Sequence[Indicator], catalogue: Catalogue
) -> tuple[list[IndicatorTarget], dict[int, int]]:
    """The evaluator's targets, plan by plan in `chosen`'s order, each in its plan's order,
    and the plan id of each indicator id."""
    by_plan: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in stored:
        by_plan[indicator.plan_id].append(indicator)
    targets = [target_of(plan, i, catalogue) for plan in chosen for i in by_plan[plan.id]]
    owner = {i.id: i.plan_id for plan in chosen for i in by_plan[plan.id]}
    return targets, owner


def target_of(plan: Plan, indicator: Indicator, catalogue: Catalogue) -> IndicatorTarget:
    """A stored indicator as the evaluator reads it, with the catalogue's direction."""
    entry = catalogue.get(indicator.catalogue_key) if indicator.catalogue_key else None
    return IndicatorTarget(
        name=indicator.name,
        baseline=Value.model_validate(indicator.baseline),
        target=Value.model_validate(indicator.target),
        attribute=Attribute(indicator.attribute) if indicator.attribute else None,
        cumulative=indicator.cumulative,
        base_year=base_year(plan),
        target_year=plan.period_end or 2025,
        direction=entry.direction if entry else None,
        domain=indicator.domain,
        id=indicator.id,
    )


def _after_base_year(
    rows: list[values.NumberRow], targets: Sequence[IndicatorTarget], owner: dict[int, int]
) -> tuple[Observations, IntArray]:
    """Values of the years after each plan's base year (the base year's value is the
    baseline), and the plan id of each."""
    observed = Observations.of(rows)
    ids = np.array([t.id for t in targets], dtype=np.int64)
    order = np.argsort(ids)
    at = order[np.searchsorted(ids[order], observed.indicator)] if len(ids) else observed.indicator
    first = np.array([t.base_year for t in targets], dtype=np.int64)[at] if len(ids) else at
    plan = np.array([owner[t.id or 0] for t in targets], dtype=np.int64)[at] if len(ids) else at
    keep = observed.year > first
    kept = Observations(
        observed.indicator[keep], observed.region[keep], observed.year[keep], observed.value[keep]
    )
    return kept, plan[keep]


def _reported(rows: Observations, row_owner: IntArray) -> set[tuple[int, int]]:
    """(plan id, region id) of every region with a value of one of the plan's indicators."""
    if not len(rows.region):
        return set()
    pairs = np.unique(np.stack([row_owner, rows.region]), axis=1)
    return {(int(plan), int(region)) for plan, region in pairs.T.tolist()}


def _scopes(
    session: Session, chosen: Sequence[Plan], counts: Counter[int], reported: set[tuple[int, int]]
) -> list[_Scope]:
    """Each plan's targets and regions: its own region, then the districts that reported
    anything on its indicators since the base year."""
    below = regions.children_of(session, parent_ids={plan.region_id for plan in chosen})
    scopes, start = [], 0
    for plan in chosen:
        districts = [r for r in below[plan.region_id] if (plan.id, r.id) in reported]
        targets = range(start, start + counts[plan.id])
        scopes.append(_Scope(plan, targets, [plan.region, *districts]))
        start += counts[plan.id]
    return scopes


def _subjects(scopes: Sequence[_Scope], year: int | None) -> Subjects:
    """Every target of each plan in each of its regions, indicator by indicator."""
    targets: list[int] = []
    regions: list[int] = []
    years: list[int] = []
    for scope in scopes:
        ids = [r.id for r in scope.regions]
        for index in scope.targets:
            targets += [index] * len(ids)
            regions += ids
        years += [scope.year(year)] * (len(ids) * len(scope.targets))
    return Subjects(
        np.array(targets, dtype=np.int64),
        np.array(regions, dtype=np.int64),
        np.array(years, dtype=np.int64),
    )
