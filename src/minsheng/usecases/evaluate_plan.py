"""Evaluate a stored plan: its targets against the approved observations, any year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation, Method, Observation, Status, previous_plan_verdict
from minsheng.evaluate import evaluate as evaluate_targets
from minsheng.model.value import Value
from minsheng.store.repositories.observations import current_values
from minsheng.store.tables import Plan, PreviousPlanResult
from minsheng.usecases.cache import cached
from minsheng.usecases.plans import covered_regions, find_current_plan, targets_of

MID_TERM_YEAR = 2023


@dataclass(frozen=True)
class PlanEvaluation:
    region: str
    title: str | None
    year: int
    evaluations: list[Evaluation]


@dataclass(frozen=True)
class PreviousVerdict:
    domain: str
    name: str
    unit: str | None
    target: Value
    actual: Value
    status: Status


def default_year(plan: Plan, today: date | None = None) -> int:
    """This year, kept inside the plan's period (after 2025 the final evaluation)."""
    year = (today or date.today()).year
    return max(plan.period_start or year, min(year, plan.period_end or year))


def evaluate_plan(
    session: Session, *, region: str, year: int | None = None, method: Method = Method.LINEAR
) -> PlanEvaluation:
    """Every indicator of the region's current plan, in the plan's region and districts.

    The base-year values are the plan's own baselines; observations of later years are
    judged, so a region that has reported nothing since the base year gets `no_data`.
    Results are cached until the next write to the database (see cache.py).
    """
    plan = find_current_plan(session, region=region)
    year = year or default_year(plan)
    return cached(
        session,
        ("evaluate_plan", plan.id, year, method),
        lambda: _evaluate(session, plan, year, method),
    )


def _evaluate(session: Session, plan: Plan, year: int, method: Method) -> PlanEvaluation:
    stored, targets = targets_of(session, plan)
    position = {indicator.id: index for index, indicator in enumerate(stored)}
    names = {r.id: r.name for r in covered_regions(session, plan, store_children=False)}
    observations = (
        [
            Observation(position[key[0]], names[key[1]], key[2], value.value)
            for key, value in current_values(session, plan_id=plan.id).items()
            if value.value is not None and key[1] in names and key[2] > targets[0].base_year
        ]
        if targets
        else []
    )
    reported = {obs.region for obs in observations}
    regions = [name for name in names.values() if name == plan.region.name or name in reported]
    evaluations = evaluate_targets(targets, observations, year, method, regions=regions)
    return PlanEvaluation(plan.region.name, plan.title, year, evaluations)


def previous_plan_verdicts(session: Session, *, region: str) -> list[PreviousVerdict]:
    """The verdict on each row of the plan's completion table for the previous plan."""
    plan = find_current_plan(session, region=region)
    rows = session.scalars(
        select(PreviousPlanResult)
        .where(PreviousPlanResult.plan_id == plan.id)
        .order_by(PreviousPlanResult.position)
    )
    verdicts = []
    for row in rows:
        target, actual = Value.model_validate(row.target), Value.model_validate(row.actual)
        status = previous_plan_verdict(target, actual, row.name)
        verdicts.append(PreviousVerdict(row.domain, row.name, row.unit, target, actual, status))
    return verdicts
