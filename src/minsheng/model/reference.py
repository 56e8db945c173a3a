"""The national 《“十四五”公共服务规划》 as a plan: the yardstick local plans are read against.

Its 22 main indicators (7 binding, 15 expected) are bundled as data/
national-14th-plan-indicators.csv, with 2025 targets as published in January 2022.
Baselines are given only where a published figure was at hand; a blank baseline stays
missing rather than guessed.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files

from minsheng.model.cell import parse_value
from minsheng.model.plan import (
    Attribute,
    Indicator,
    Level,
    ParsedPlan,
    Period,
    PlanMeta,
)

SOURCE = "national-14th-plan-indicators.csv"

_ATTRIBUTES = {"预期性": Attribute.EXPECTED, "约束性": Attribute.BINDING}
_TRUE = {"true": True, "false": False}


@cache
def national_reference_plan() -> ParsedPlan:
    """The national plan (全国, 2021–2025) with its indicator table and nothing else."""
    text = files("minsheng.model").joinpath(f"data/{SOURCE}").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    # The header is line 1, so the n-th indicator sits on line n + 1 of the CSV.
    indicators = [_indicator(row, line) for line, row in enumerate(rows, start=2)]
    return ParsedPlan(
        source=SOURCE,
        plan=PlanMeta(
            region="全国",
            province=None,
            level=Level.COUNTRY,
            title="“十四五”公共服务规划",
            period=Period(start=2021, end=2025),
        ),
        outline=[],
        indicators=indicators,
        indicator_table_notes=[],
        previous_plan_results=[],
        service_items=[],
        service_counts={},
        columns=[],
        projects=[],
        warnings=[],
    )


def _indicator(row: dict[str, str], line: int) -> Indicator:
    return Indicator(
        domain=row["domain"],
        name=row["name"],
        unit=row["unit"] or None,
        baseline=parse_value(row["baseline_2020"].strip()),
        target=parse_value(row["target_2025"].strip()),
        attribute=_ATTRIBUTES[row["attribute"]],
        cumulative=_TRUE[row["cumulative"].strip().lower()],
        line=line,
    )
