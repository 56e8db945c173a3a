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

QUALITATIVE = "qualitative"  # ValueKind.QUALITATIVE: 动态清零, 全覆盖 …
WIDTHS_MM = (46, 16, 16, 18, 18, 18, 22, 20)
DISTRICT_WIDTHS_MM = (40, 16, 20, 80)


@dataclass(frozen=True)
class EqualizationSummary:
    """Each reported indicator's equalization in the report's year, and the map's outlines."""

    region: str
    year: int
    has_districts: bool
    results: list[Equalization]
    geometry: dict[str, Any] | None


def summarise(session: Session, *, plan_id: int, region_id: int, year: int) -> EqualizationSummary:
    """Every indicator the districts reported by `year`, each in its latest year, in the
    plan's order (a final evaluation of 2025 reads the districts' 2024 values)."""
    plan = get_plan(session, plan_id=plan_id)
    has_districts = bool(regions.children(session, region_id=region_id))
    reported = values.district_years(session, plan_id=plan_id) if has_districts else {}
    results = [
        equalization(session, plan_id=plan_id, indicator_id=i.id, year=latest)
        for i in plan_parts.indicators_of(session, plan_id=plan_id)
        if (i.target or {}).get("kind") != QUALITATIVE  # a yes/no has no gap to measure
        and (latest := max((y for y in reported.get(i.id, []) if y <= year), default=None))
    ]
    year = max((r.year for r in results), default=year)  # the districts' latest data year
    code = plan.region.code
    geometry = district_map(code) if code and results else None
    return EqualizationSummary(plan.region.name, year, has_districts, results, geometry)


def render(document: GovDocument, summary: EqualizationSummary) -> None:
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
            year=summary.year,
            count=len(summary.results),
            shrinking=shrinking,
            n=document.tables + 1,
        )
    )
    if any(r.sample for r in summary.results):
        document.paragraph(texts.EQUALIZATION_SAMPLE)
    weighted = all(r.weighted is not None for r in summary.results)
    name = texts.EQUALIZATION_TABLE[weighted]
    document.table_caption(name)
    rows = [_row(result) for result in summary.results]
    document.table(texts.EQUALIZATION_HEADER, rows, widths_mm=WIDTHS_MM, size=SMALL_TABLE_SIZE)
    widest = max(summary.results, key=lambda r: _measures(r).cv or 0.0)
    if summary.geometry is not None:
        values = {d.region: d.value for d in widest.regions}
        title = texts.EQUALIZATION_MAP_TITLE.format(indicator=widest.indicator, year=summary.year)
        chart = map_chart(summary.geometry, values, title, widest.unit or "")
        document.numbered_figure(chart, texts.EQUALIZATION_MAP.format(indicator=widest.indicator))
    render_district_values(document, summary)


def render_district_values(document: GovDocument, summary: EqualizationSummary) -> None:
    """The district breakdown: every district's value of each indicator they report."""
    number = document.tables + 1
    document.paragraph(texts.DISTRICT_VALUES_INTRO.format(n=number, year=summary.year))
    document.table_caption(texts.DISTRICT_VALUES_TABLE)
    rows = [_district_row(result) for result in summary.results]
    document.table(texts.DISTRICT_VALUES_HEADER, rows, widths_mm=DISTRICT_WIDTHS_MM,
                   size=SMALL_TABLE_SIZE)  # fmt: skip


def _district_row(result: Equalization) -> list[str]:
    """ "瑶海区 5.1、庐阳区 4.9 …": highest first; districts without a value last, as —."""
    known = sorted((d for d in result.regions if d.value is not None),
                   key=lambda d: -(d.value or 0.0))  # fmt: skip
    missing = [d for d in result.regions if d.value is None]
    values = [f"{d.region} {texts.number(d.value)}" for d in known]
    values += [f"{d.region} {texts.NONE_TEXT}" for d in missing]
    reaching = f"{result.reaching_target}/{result.with_value}"
    return [result.indicator, result.unit or "", reaching, texts.SEPARATOR.join(values)]


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
