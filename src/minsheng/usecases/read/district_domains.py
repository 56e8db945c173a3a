"""Which districts lag in which domain: each district's achievement of the plan's targets
in one year, averaged per domain (analytics.composite), for the 均等化 page's heatmap."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session

from minsheng.analytics.composite import achievement, domain_means
from minsheng.evaluate.status import target_interval
from minsheng.labels import DOMAIN_ORDER
from minsheng.store.repositories import values
from minsheng.store.tables import Region
from minsheng.usecases.read.evaluations import evaluate_plans


@dataclass(frozen=True)
class DomainHeatmap:
    """Rows are districts, columns domains; a cell is the mean achievement (0–1) of the
    domain's indicators with a value in that district, None where there is none."""

    year: int
    regions: list[str]
    domains: list[str]
    cells: list[list[float | None]]


def district_domains(
    session: Session, *, plan_id: int, below: list[Region], year: int
) -> DomainHeatmap:
    """The heatmap of the plan's districts in `year` (values of that year only)."""
    targets = evaluate_plans(session, plan_ids=[plan_id]).plan_targets
    columns = targets.columns
    table = _table(session, plan_id, below, year, {int(i): k for k, i in enumerate(columns.id)})
    low, high = target_interval(columns.low, columns.high, columns.direction)
    scores = achievement(table, low[None, :], high[None, :])
    scores[:, columns.cumulative] = np.nan  # a five-year total has no one-year achievement
    in_domain = targets.in_domain(session)
    domains = [d for d in DOMAIN_ORDER if d in in_domain]
    domains += sorted(set(in_domain) - set(domains))
    code = np.zeros(len(columns.id), dtype=np.int64)
    for k, domain in enumerate(domains):
        code[in_domain[domain]] = k
    means = domain_means(scores, code, len(domains))
    cells = [[None if np.isnan(x) else float(x) for x in row] for row in means]
    return DomainHeatmap(year, [r.name for r in below], domains, cells)


def _table(
    session: Session, plan_id: int, below: list[Region], year: int, index: dict[int, int]
) -> np.ndarray:
    """The districts' values of `year`, districts × the plan's indicators (NaN: none)."""
    row = {region.id: k for k, region in enumerate(below)}
    table = np.full((len(below), len(index)), np.nan)
    for indicator_id, region_id, found_year, value in values.numbers(
        session, plan_ids=[plan_id], after_year=year - 1
    ):
        if found_year == year and region_id in row and indicator_id in index:
            table[row[region_id], index[indicator_id]] = value
    return table
