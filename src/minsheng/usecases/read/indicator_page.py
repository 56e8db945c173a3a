"""Everything the indicator page shows: the indicator's path over the years, its verdict
in each region the plan covers, and the same concept in the other plans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation
from minsheng.labels import SAMPLE_LABEL
from minsheng.model.catalogue import CatalogueEntry
from minsheng.model.value import ValueKind
from minsheng.store.repositories import regions, values
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.compare import ComparisonRow, Matches, matches
from minsheng.usecases.read.evaluations import evaluate_plan, evaluation_year
from minsheng.usecases.read.indicators import IndicatorRow, get_indicator
from minsheng.usecases.read.judged import JudgedIndicator, data_date, judged_indicators
from minsheng.usecases.read.judged import latest_values as newest_values
from minsheng.usecases.read.period import EvaluationYear, Period, checked_as_of
from minsheng.usecases.read.plans import PlanSummary, RegionRef, current_plans, get_plan


@dataclass(frozen=True)
class RegionValue:
    region: RegionRef
    evaluation: Evaluation | None


@dataclass(frozen=True)
class IndicatorView:
    plan: PlanSummary
    row: JudgedIndicator
    period: EvaluationYear
    observed: list[tuple[int, float]]
    regions: list[RegionValue]
    peers: list[ComparisonRow]
    """The concept in other current plans: this plan's and the references' rows, then the
    others' up to `PEERS_SHOWN` in all."""
    peer_count: int
    """How many current plans list the concept."""
    entry: CatalogueEntry | None
    chart: dict[str, object]
    data_date: date

    @property
    def district_map(self) -> dict[str, object]:
        """The districts' latest values for the page's map (the plan's own region first in
        `regions`, so left out); None where a district has no verdict or value."""
        districts = self.regions[1:]
        return {
            "regions": [d.region.name for d in districts],
            "values": [d.evaluation.value if d.evaluation else None for d in districts],
        }


def indicator_view(
    session: Session, *, indicator_id: int, year: int | None = None, as_of: date | None = None
) -> IndicatorView:
    """One indicator as of `year` (None: the newest year with approved data in its plan;
    outside the period: refused): its path over the years, its districts, its peers."""
    indicator = get_indicator(session, indicator_id=indicator_id)
    plan = get_plan(session, plan_id=indicator.plan_id)
    period = Period.of(plan)
    period.check(year, plan.title or plan.region.name)
    evaluated = (
        evaluate_plan(session, plan_id=plan.id, year=year, as_of=checked_as_of(as_of))
        if plan.is_current
        else None
    )
    judged = evaluated.year if evaluated else year or evaluation_year(session, plan)
    verdicts = evaluated.by_indicator().get(indicator_id, []) if evaluated else []
    observed = _observed(session, indicator, plan)
    catalogue = catalogue_for(session)
    newest = newest_values(session, plan, judged)
    peers, peer_count = _peers(session, indicator, judged) if plan.is_current else ([], 0)
    return IndicatorView(
        plan=plan,
        row=judged_indicators([indicator], evaluated, newest)[0],
        period=EvaluationYear(judged, period, year is not None, as_of),
        observed=observed,
        regions=_region_values(session, plan, verdicts),
        peers=peers,
        peer_count=peer_count,
        entry=catalogue.get(indicator.catalogue_key) if indicator.catalogue_key else None,
        chart=chart(plan, indicator, observed) | {"sample": _sample(session, indicator)},
        data_date=data_date(session, plan),
    )


def _observed(
    session: Session, indicator: IndicatorRow, plan: PlanSummary
) -> list[tuple[int, float]]:
    """The values in force in the plan's own region, year by year."""
    found = values.current_values(session, plan_ids=[plan.id])
    return sorted(
        (year, value.value)
        for (indicator_id, region, year), value in found.items()
        if indicator_id == indicator.id and region == plan.region.id and value.value is not None
    )


def _sample(session: Session, indicator: IndicatorRow) -> bool:
    """Whether the indicator's values in force include the demonstration's synthetic ones,
    which its chart and tables must then say (a chart is copied without its page)."""
    return values.any_labelled(session, indicator_id=indicator.id, note=SAMPLE_LABEL)


def _region_values(
    session: Session, plan: PlanSummary, verdicts: list[Evaluation]
) -> list[RegionValue]:
    """Every region the plan covers, judged where it has reported."""
    judged = {e.region_id: e for e in verdicts}
    below = regions.children(session, region_id=plan.region.id)
    covered = [plan.region, *(RegionRef(r.id, r.name, r.code) for r in below)]
    return [RegionValue(region, judged.get(region.id)) for region in covered]


PEERS_SHOWN = 50
"""Peers an indicator's page lists: a national database has 2,876 plans of one concept."""


def _peers(session: Session, indicator: IndicatorRow, year: int) -> tuple[list[ComparisonRow], int]:
    """The concept in every current plan, judged as of the page's year (kept inside each
    plan's period): the rows shown (only theirs are built) and how many plans list it."""
    found = matches(session, name=indicator.name, year=year)
    shown = _shown(found, indicator.id, session)
    return found.comparison(session, shown), len(found.rows)


def _shown(found: Matches, indicator_id: int, session: Session) -> list[int]:
    """The rows of this indicator and of reference plans, then others in the pass's order
    up to `PEERS_SHOWN`, kept in that order."""
    references = [plan.id for plan in current_plans(session) if plan.is_reference]
    rows = found.rows
    first = (found.judged.indicator_ids[rows] == indicator_id) | np.isin(
        found.judged.plan_ids[rows], references
    )
    others = rows[~first][: max(0, PEERS_SHOWN - int(first.sum()))]
    return np.sort(np.concatenate([rows[first], others])).tolist()


def chart(
    plan: PlanSummary, indicator: IndicatorRow, observed: list[tuple[int, float]]
) -> dict[str, object]:
    """The numbers the indicator chart draws; `target` is None for a qualitative target.

    A cumulative target is a five-year total, so its observations are drawn as running
    totals and its expected path starts from zero.
    """
    base_year, target_year = plan.base_year, plan.target_year
    low, high = _target_bounds(indicator)
    later = [(year, value) for year, value in observed if year > base_year]
    if indicator.cumulative:
        start: float | None = 0.0
        later = [(year, sum(v for _, v in later[: n + 1])) for n, (year, _) in enumerate(later)]
    else:
        baseline = indicator.baseline
        start = baseline.number if baseline.kind is ValueKind.NUMBER else None
    end = low if high is None or low is None else (low + high) / 2
    return {
        "unit": indicator.unit or "",
        "baseYear": base_year,
        "targetYear": target_year,
        "baseline": None if start is None else [base_year, start],
        "observed": [[year, value] for year, value in later],
        "path": [] if start is None or end is None else [[base_year, start], [target_year, end]],
        "target": None if low is None else {"low": low, "high": high},
    }


def _target_bounds(indicator: IndicatorRow) -> tuple[float | None, float | None]:
    """(threshold, None) for a number or comparison, (low, high) for a range."""
    target = indicator.target
    if target.kind is ValueKind.RANGE:
        return target.low, target.high
    if target.kind in (ValueKind.NUMBER, ValueKind.COMPARISON):
        return target.number, None
    return None, None
