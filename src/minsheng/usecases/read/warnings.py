"""The early-warning list — one list for the page, the API and the reports.

Red before yellow, binding before expected, then in the plans' order, across every plan
asked for; each row names its plan, its indicator and region (by id, in the verdict) and
the departments that report it. Ordering, filtering and counting run on the verdicts'
columns, and only the rows of the window asked for are built: a national list of some
70,000 warnings costs a page what its 100 rows cost.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation, Method, WarningLevel
from minsheng.evaluate.status import WARNINGS
from minsheng.store.repositories.assignments import Owners, department_owners
from minsheng.usecases.read.evaluations import (
    EvaluatedPlans,
    evaluate_plans,
    evaluation_year,
    overview_year,
)
from minsheng.usecases.read.paging import Slice
from minsheng.usecases.read.period import EvaluationYear, Period
from minsheng.usecases.read.plans import PlanSummary, current_plans

Mask = npt.NDArray[np.bool_]


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
    as_of: date | None = None
    """Judge the data approved by the end of this day (Beijing); None: the values in force."""


@dataclass(frozen=True)
class WarningRow:
    plan: PlanSummary
    evaluation: Evaluation
    departments: list[str]

    @property
    def indicator_id(self) -> int:
        return self.evaluation.indicator_id or 0

    @property
    def page_year(self) -> int:
        """The year the indicator's page shows for this row: the year judged, kept inside
        the plan's period (a list across 十四五 and 十五五 plans judges some past it)."""
        return Period.of(self.plan).clamp(self.evaluation.judged_year)


@dataclass(frozen=True)
class WarningList:
    """The window's warnings among those that pass the filter, how many pass (red, yellow,
    in all), and the choices the filters offer."""

    rows: list[WarningRow]
    red: int
    yellow: int
    plans: list[PlanSummary]
    departments: list[str]
    regions: list[str]
    period: EvaluationYear
    """The year judged (each plan's kept inside its period) and the years to choose from."""

    @property
    def total(self) -> int:
        return self.red + self.yellow


def warning_list(
    session: Session, wanted: WarningFilter, window: Slice | None = None
) -> WarningList:
    """Warnings of every current plan (or one), narrowed by the filter, as of the year
    asked (None: the newest year with approved data; outside the period(s): refused); the
    rows in `window` (None: all of them)."""
    plans = current_plans(session)
    chosen = {p.id: p for p in plans if wanted.plan_id is None or p.id == wanted.plan_id}
    period = replace(_period(session, list(chosen.values()), wanted.year), as_of=wanted.as_of)
    owners = department_owners(session)
    one = None if wanted.plan_id is None else list(chosen)  # None shares evaluate_plans' cache
    judged = evaluate_plans(
        session, plan_ids=one, year=period.year, method=wanted.method, as_of=wanted.as_of
    )
    order = judged.warned()
    kept = order[_admitted(judged, order, wanted, owners)]
    red = int(np.count_nonzero(judged.judged.result.warning[kept] == _RED))
    shown = (window or Slice.everything()).of(kept.tolist())
    verdicts = zip(shown, judged.evaluations(shown), strict=True)
    rows = [_row(judged, k, evaluation, chosen, owners) for k, evaluation in verdicts]
    every_department = sorted({name for names in owners.values() for name in names})
    regions = _regions(judged, order)
    return WarningList(rows, red, len(kept) - red, plans, every_department, regions, period)


def _period(session: Session, chosen: list[PlanSummary], year: int | None) -> EvaluationYear:
    """The year the list judges: the one asked, if a chosen plan's period holds it; else
    the newest year with approved data (the overview's year when every plan is listed)."""
    if len(chosen) == 1:
        plan = chosen[0]
        period, default = Period.of(plan), evaluation_year(session, plan)
        asked = period.check(year, plan.title or plan.region.name)
    else:
        period, default = Period.spanning(chosen), overview_year(session, chosen)
        asked = period.check(year, "the current plans")
    return EvaluationYear(asked or default, period, asked is not None)


_RED = WARNINGS.index(WarningLevel.RED)


def _row(
    judged: EvaluatedPlans,
    k: int,
    evaluation: Evaluation,
    chosen: dict[int, PlanSummary],
    owners: Owners,
) -> WarningRow:
    plan = chosen[int(judged.plan_ids[k])]
    return WarningRow(plan, evaluation, _departments(owners, evaluation))


def _admitted(
    judged: EvaluatedPlans, order: npt.NDArray[np.int64], wanted: WarningFilter, owners: Owners
) -> Mask:
    """Which of the warned rows `order` pass the filter."""
    admitted = np.ones(len(order), dtype=bool)
    if wanted.level is not None:
        code = WARNINGS.index(WarningLevel(wanted.level))
        admitted &= judged.judged.result.warning[order] == code
    if wanted.domain is not None:
        admitted &= judged.in_domain(wanted.domain)[order]
    if wanted.region is not None:
        named = [id_ for id_, name in judged.names.items() if name == wanted.region]
        admitted &= np.isin(judged.judged.subjects.region[order], named)
    if wanted.department is not None:
        admitted &= _owned_by(judged, order, wanted.department, owners)
    return admitted


def _owned_by(
    judged: EvaluatedPlans, order: npt.NDArray[np.int64], department: str, owners: Owners
) -> Mask:
    """Which rows the department reports: the indicator everywhere, or in that region."""
    mine = [key for key, names in owners.items() if department in names]
    everywhere = [indicator for indicator, region in mine if region is None]
    here = [_pair(indicator, region) for indicator, region in mine if region is not None]
    indicators = judged.indicator_ids[order]
    rows = _pair(indicators, judged.judged.subjects.region[order])
    return np.isin(indicators, everywhere) | np.isin(rows, here)


def _pair(indicator: Any, region: Any) -> Any:
    """One number for an (indicator id, region id) pair, for ints and arrays alike."""
    return indicator * (1 << 32) + region


def _regions(judged: EvaluatedPlans, order: npt.NDArray[np.int64]) -> list[str]:
    """The names of the regions with a warning, in the list's order, each once."""
    regions = judged.judged.subjects.region[order]
    _, first = np.unique(regions, return_index=True)
    return list(dict.fromkeys(judged.names[int(r)] for r in regions[np.sort(first)]))


def _departments(owners: Owners, evaluation: Evaluation) -> list[str]:
    indicator = evaluation.indicator_id or 0
    names = owners.get((indicator, None), []) + owners.get((indicator, evaluation.region_id), [])
    return sorted(set(names))
