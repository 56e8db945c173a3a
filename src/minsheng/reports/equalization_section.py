"""The evaluation report's 均等化 section: how far apart the plan's districts are on each
indicator they report, whether the gap is shrinking, and a map of the widest gap."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from minsheng.data.boundaries import district_map
from minsheng.reports import texts
from minsheng.reports.charts import district_map as map_chart
from minsheng.reports.govdoc import SMALL_TABLE_SIZE, GovDocument
from minsheng.store.repositories import plan_parts, regions, values
from minsheng.usecases.read.equalization import Equalization, Indices, equalization
from minsheng.usecases.read.plans import get_plan

WIDTHS_MM = (46, 16, 16, 18, 18, 18, 22, 20)


@dataclass(frozen=True)
class EqualizationSummary:
    """Each reported indicator's equalization in the report's year, and the map's outlines."""

    region: str
    year: int
    has_districts: bool
    results: list[Equalization]
    geometry: dict[str, Any] | None


def summarise(session: Session, *, plan_id: int, region_id: int, year: int) -> EqualizationSummary:
    """Every indicator the districts reported for `year`, in the plan's order (only what
    the section shows: not the page's default view, heatmap or trend chart)."""
    plan = get_plan(session, plan_id=plan_id)
    has_districts = bool(regions.children(session, region_id=region_id))
    reported = values.district_years(session, plan_id=plan_id) if has_districts else {}
    results = [
        equalization(session, plan_id=plan_id, indicator_id=i.id, year=year)
        for i in plan_parts.indicators_of(session, plan_id=plan_id)
        if year in reported.get(i.id, [])
    ]
    code = plan.region.code
    geometry = district_map(code) if code and results else None
    return EqualizationSummary(plan.region.name, year, has_districts, results, geometry)


def render(document: GovDocument, summary: EqualizationSummary, table_number: int) -> None:
    """The section's text, table and map (or why there is nothing to compare)."""
    if not summary.has_districts:
        document.paragraph(texts.EQUALIZATION_NO_DISTRICTS.format(region=summary.region))
        return
    if not summary.results:
        document.paragraph(texts.EQUALIZATION_NO_DATA.format(year=summary.year))
        return
    shrinking = sum(r.convergence.shrinking is True for r in summary.results)
    document.paragraph(
        texts.EQUALIZATION_OVERVIEW.format(
            year=summary.year, count=len(summary.results), shrinking=shrinking
        )
    )
    if any(r.sample for r in summary.results):
        document.paragraph(texts.EQUALIZATION_SAMPLE)
    weighted = all(r.weighted is not None for r in summary.results)
    name = texts.EQUALIZATION_TABLE[weighted]
    document.caption(texts.TABLE.format(n=table_number, name=name))
    rows = [_row(result) for result in summary.results]
    document.table(texts.EQUALIZATION_HEADER, rows, widths_mm=WIDTHS_MM, size=SMALL_TABLE_SIZE)
    widest = max(summary.results, key=lambda r: _measures(r).cv or 0.0)
    if summary.geometry is not None:
        values = {d.region: d.value for d in widest.regions}
        title = texts.EQUALIZATION_MAP_TITLE.format(indicator=widest.indicator, year=summary.year)
        chart = map_chart(summary.geometry, values, title, widest.unit or "")
        document.figure(chart, texts.EQUALIZATION_MAP.format(indicator=widest.indicator))


def _row(result: Equalization) -> list[str]:
    found = _measures(result)
    share = (
        found.theil_t_between / found.theil_t
        if found.theil_t and found.theil_t_between is not None
        else None
    )
    shrinking = result.convergence.shrinking
    trend = texts.NONE_TEXT if shrinking is None else texts.EQUALIZATION_TREND[shrinking]
    return [
        result.indicator,
        result.unit or "",
        str(result.with_value),
        texts.number(_rounded(found.cv)),
        texts.number(_rounded(found.gini)),
        texts.number(_rounded(found.theil_t)),
        texts.NONE_TEXT if share is None else f"{share:.0%}",
        trend,
    ]


def _measures(result: Equalization) -> Indices:
    """Population-weighted where every district has a population, else unweighted."""
    return result.weighted or result.unweighted


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
