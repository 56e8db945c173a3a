"""Indicators with their verdict in their plan's own region as of an evaluation year: what
the API's indicator resources add when asked for a year."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation
from minsheng.usecases.read.evaluations import evaluate_plans
from minsheng.usecases.read.indicators import IndicatorRow
from minsheng.usecases.read.period import EvaluationKind, Period
from minsheng.usecases.read.plans import get_plan


@dataclass(frozen=True)
class IndicatorVerdict:
    """An indicator's verdict in its plan's own region, and what judgement it is."""

    evaluation: Evaluation
    kind: EvaluationKind


def own_verdicts(
    session: Session, rows: Sequence[IndicatorRow], year: int | None
) -> dict[int, IndicatorVerdict]:
    """The verdicts of these indicators (by id) as of `year` (None: each plan's newest year
    with approved data); a year outside a row's plan's period is `YearOutsidePeriod`.
    Superseded plan versions are not judged, so their rows have none."""
    by_plan: dict[int, list[IndicatorRow]] = defaultdict(list)
    for row in rows:
        by_plan[row.plan_id].append(row)
    plans = {plan_id: get_plan(session, plan_id=plan_id) for plan_id in by_plan}
    for plan in plans.values():
        Period.of(plan).check(year, plan.title or plan.region.name)
    current = [plan_id for plan_id, plan in plans.items() if plan.is_current]
    if not current:
        return {}
    judged = evaluate_plans(session, plan_ids=current, year=year)
    found: dict[int, IndicatorVerdict] = {}
    for plan_id in current:
        evaluated = judged.plan(plan_id)
        own = evaluated.own()
        for row in by_plan[plan_id]:
            if row.id in own:
                found[row.id] = IndicatorVerdict(own[row.id], evaluated.kind)
    return found
