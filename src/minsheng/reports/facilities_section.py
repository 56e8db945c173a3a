"""The evaluation report's section on facility layout: for each facility type stored,
the share of residents within its life-circle radius (and the district furthest behind),
and each provision norm against the districts' populations of the report's year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from minsheng.reports import texts
from minsheng.reports.govdoc import SMALL_TABLE_SIZE, GovDocument
from minsheng.store.repositories.point_layers import RESIDENTS, layers_in_force
from minsheng.usecases.read.access import Area, Coverage, coverage
from minsheng.usecases.read.facility_page import type_options
from minsheng.usecases.read.norms import Norms, NormTable, norms
from minsheng.usecases.read.plans import get_plan

COVERAGE_WIDTHS_MM = (40, 20, 18, 22, 50)
NORM_WIDTHS_MM = (30, 60, 24, 24, 24)


@dataclass(frozen=True)
class FacilitySummary:
    region: str
    year: int
    coverages: list[Coverage]
    norms: Norms

    @property
    def is_sample(self) -> bool:
        return any(c.setting.is_sample for c in self.coverages) or any(
            t.is_sample for t in self.norms.tables
        )


def summarise(session: Session, *, plan_id: int, year: int) -> FacilitySummary:
    """Each stored type's coverage at its own radius and the norms, as at the year's end."""
    plan = get_plan(session, plan_id=plan_id)
    end = date(year, 12, 31)
    people = layers_in_force(session, city_id=plan.region.id, kind=RESIDENTS, on=end)
    found = [
        coverage(session, plan_id=plan_id, type_code=option.code, on=end)
        for option in type_options(session, city_id=plan.region.id, on=end)
    ] if people else []  # fmt: skip
    return FacilitySummary(
        plan.region.name, year, found, norms(session, plan_id=plan_id, year=year)
    )


def render(document: GovDocument, summary: FacilitySummary) -> None:
    """The coverage table and the norms table (or why there is nothing to show)."""
    if not summary.coverages and not summary.norms.tables:
        document.paragraph(texts.FACILITIES_NO_DATA.format(region=summary.region))
        return
    if summary.is_sample:
        document.paragraph(texts.FACILITIES_SAMPLE)
    if summary.coverages:
        number = document.tables + 1
        document.paragraph(texts.FACILITIES_OVERVIEW.format(year=summary.year, n=number))
        document.table_caption(texts.FACILITIES_TABLE)
        rows = [_coverage_row(found) for found in summary.coverages]
        document.table(texts.FACILITIES_HEADER, rows, widths_mm=COVERAGE_WIDTHS_MM,
                       size=SMALL_TABLE_SIZE)  # fmt: skip
    if summary.norms.tables:
        number = document.tables + 1
        document.paragraph(texts.NORMS_OVERVIEW.format(year=summary.year, n=number))
        document.table_caption(texts.NORMS_TABLE)
        rows = [_norm_row(table) for table in summary.norms.tables]
        document.table(texts.NORMS_HEADER, rows, widths_mm=NORM_WIDTHS_MM, size=SMALL_TABLE_SIZE)


def _coverage_row(found: Coverage) -> list[str]:
    lowest = min(found.by_region, key=lambda a: a.share or 0.0, default=None)
    return [
        found.setting.type_name,
        f"{found.setting.radius:.0f}",
        str(found.setting.facilities),
        _share(found.total),
        f"{lowest.region.name}（{_share(lowest)}）"
        if lowest and lowest.region
        else texts.NONE_TEXT,
    ]


def _norm_row(table: NormTable) -> list[str]:
    judged = [row for row in table.rows if row.meets is not None]
    meeting = sum(bool(row.meets) for row in judged)
    kind, unit = table.norm.kind, table.capacity_unit
    measure, shortfall = table.total.measure, table.total.shortfall
    return [
        table.type_name,
        table.norm.text,
        _amount(measure, texts.NORM_MEASURE_UNITS[kind].format(unit=unit)),
        f"{meeting}/{len(judged)}",
        _amount(shortfall or None, texts.NORM_SHORTFALL_UNITS[kind].format(unit=unit)),
    ]


def _amount(value: float | None, unit: str) -> str:
    """Large amounts whole with separators, small ones to two decimals, with the unit."""
    if value is None:
        return texts.NONE_TEXT
    return (f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}") + unit


def _share(area: Area) -> str:
    return texts.NONE_TEXT if area.share is None else f"{area.share:.1%}"
