"""A plan's indicators beside their verdicts in the plan's own region: what the overview
cards, the plan page and the indicator page all show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation, Status, WarningLevel
from minsheng.model.plan import DOMAINS
from minsheng.store.repositories import plan_parts, values
from minsheng.usecases.read.evaluations import PlanEvaluation
from minsheng.usecases.read.indicators import IndicatorRow
from minsheng.usecases.read.plans import PlanSummary

STATUS_ORDER = tuple(Status)


@dataclass(frozen=True)
class JudgedIndicator:
    """An indicator with its verdict in the plan's own region (None: not judged) and its
    newest value there."""

    indicator: IndicatorRow
    evaluation: Evaluation | None
    latest_value: float | None
    latest_year: int | None

    @property
    def status(self) -> Status:
        return self.evaluation.status if self.evaluation else Status.NO_DATA

    @property
    def warned(self) -> bool:
        return self.evaluation is not None and self.evaluation.warning is not WarningLevel.NONE


def judged_indicators(
    indicators: list[IndicatorRow],
    evaluated: PlanEvaluation | None,
    latest: dict[int, tuple[float, int]] | None = None,
) -> list[JudgedIndicator]:
    """Each indicator with its own-region verdict; its value is the judged one, else the
    newest value in force (`latest`, by indicator id)."""
    own = evaluated.own() if evaluated else {}
    rows = []
    for indicator in indicators:
        verdict = own.get(indicator.id)
        value: float | None = None
        year: int | None = None
        if verdict is not None and verdict.value is not None:
            value, year = verdict.value, verdict.year
        elif latest and indicator.id in latest:
            value, year = latest[indicator.id]
        rows.append(JudgedIndicator(indicator, verdict, value, year))
    return rows


def latest_values(
    session: Session, plan: PlanSummary, as_of: int | None = None
) -> dict[int, tuple[float, int]]:
    """The newest value in force of each indicator in the plan's own region (at or before
    `as_of` when given: a page judged as of 2023 shows no 2025 value)."""
    found: dict[int, tuple[float, int]] = {}
    for (indicator_id, region_id, year), value in sorted(
        values.current_values(session, plan_ids=[plan.id]).items()
    ):
        if as_of is not None and year > as_of:
            continue
        if region_id == plan.region.id and value.value is not None:
            found[indicator_id] = (value.value, year)
    return found


def grouped(rows: list[JudgedIndicator]) -> list[tuple[str, list[JudgedIndicator]]]:
    """The nine domains in order (empty ones too), then any other category the plan uses."""
    groups: dict[str, list[JudgedIndicator]] = {domain: [] for domain in DOMAINS}
    for row in rows:
        groups.setdefault(row.indicator.domain, []).append(row)
    return list(groups.items())


def data_date(session: Session, plan: PlanSummary) -> date:
    """When the page's data last changed: the newest value in force, else the import."""
    newest = plan_parts.newest_value_time(session, plan_id=plan.id)
    return max(newest or plan.imported_at, plan.imported_at).date()
