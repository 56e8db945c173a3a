"""The early-warning list — one list for the page, the API and the reports.

Red before yellow, binding before expected, then in the plans' order, across every plan
asked for; each row names its plan, its indicator and region (by id, in the verdict) and
the departments that report it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation, Method, WarningLevel
from minsheng.evaluate.rollup import early_warnings
from minsheng.store.repositories.assignments import Owners, department_owners
from minsheng.usecases.read.evaluations import evaluate_plans
from minsheng.usecases.read.plans import PlanSummary, current_plans


@dataclass(frozen=True)
class WarningFilter:
    """Which warnings to list; None means no filter."""

    plan_id: int | None = None
    domain: str | None = None
    department: str | None = None
    region: str | None = None
    level: str | None = None
    year: int | None = None
    method: Method = Method.LINEAR

    def admits(self, row: WarningRow) -> bool:
        e = row.evaluation
        return (
            (self.domain is None or e.domain == self.domain)
            and (self.region is None or e.region == self.region)
            and (self.level is None or e.warning.value == self.level)
            and (self.department is None or self.department in row.departments)
        )


@dataclass(frozen=True)
class WarningRow:
    plan: PlanSummary
    evaluation: Evaluation
    departments: list[str]

    @property
    def indicator_id(self) -> int:
        return self.evaluation.indicator_id or 0


@dataclass(frozen=True)
class WarningList:
    """The warnings that pass the filter, and the choices the filters offer."""

    rows: list[WarningRow]
    red: int
    yellow: int
    plans: list[PlanSummary]
    departments: list[str]
    regions: list[str]


def warning_list(session: Session, wanted: WarningFilter) -> WarningList:
    """Warnings of every current plan (or one), narrowed by the filter."""
    plans = current_plans(session)
    chosen = {p.id: p for p in plans if wanted.plan_id is None or p.id == wanted.plan_id}
    owners = department_owners(session)
    one = None if wanted.plan_id is None else list(chosen)  # None shares evaluate_plans' cache
    judged = evaluate_plans(session, plan_ids=one, year=wanted.year, method=wanted.method)
    pairs = judged.warned()
    plan_of = {e.indicator_id: plan_id for plan_id, e in pairs}
    rows = [
        WarningRow(chosen[plan_of[e.indicator_id]], e, _departments(owners, e))
        for e in early_warnings(e for _, e in pairs)
    ]
    every_department = sorted({name for names in owners.values() for name in names})
    every_region = list(dict.fromkeys(row.evaluation.region for row in rows))
    rows = [row for row in rows if wanted.admits(row)]
    red = sum(row.evaluation.warning is WarningLevel.RED for row in rows)
    return WarningList(rows, red, len(rows) - red, plans, every_department, every_region)


def _departments(owners: Owners, evaluation: Evaluation) -> list[str]:
    indicator = evaluation.indicator_id or 0
    names = owners.get((indicator, None), []) + owners.get((indicator, evaluation.region_id), [])
    return sorted(set(names))
