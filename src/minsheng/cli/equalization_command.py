"""`minsheng equalization`: how equal a plan's districts are on one indicator in a year."""

from __future__ import annotations

from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from minsheng.cli.database import opened_database
from minsheng.cli.errors import reported_errors
from minsheng.cli.output import OutputFormat, console, emit_json, new_table

if TYPE_CHECKING:
    from minsheng.usecases.read.equalization import Equalization


class Grouping(StrEnum):
    URBAN_COUNTY = "urban_county"  # 城区 (市辖区) against 县 and county-level cities
    COUNTY_TYPE = "county_type"  # 市辖区, 县 and 县级市 apart


def equalization_command(
    plan: Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")],
    indicator: Annotated[str, typer.Option(help="The indicator's name in the plan, or an alias")],
    year: Annotated[
        int, typer.Option(help="The year whose values are compared (the period or base year)")
    ],
    group_by: Annotated[Grouping, typer.Option(help="Grouping of the Theil split")] = (
        Grouping.URBAN_COUNTY
    ),
    groups: Annotated[
        Path | None,
        typer.Option(help="A .csv/.xlsx grouping instead: columns region, group (地区, 分组)"),
    ] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TABLE,
) -> None:
    """Each district's value and population, and the inequality between them: CV, Gini,
    Theil T and L (split 城区/县), max/min — unweighted and population-weighted."""
    from minsheng.collect.groupings import read_groups  # noqa: PLC0415
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.plans import find_current_plan, indicator_named  # noqa: PLC0415
    from minsheng.usecases.read.equalization import (  # noqa: PLC0415
        equalization,
        equalization_json,
    )
    from minsheng.usecases.read.period import checked_year  # noqa: PLC0415

    with reported_errors():
        chosen_groups = read_groups(groups) if groups is not None else None
    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        stored = find_current_plan(session, region=plan)
        checked_year(stored, year, stored.title or plan, base=True)
        plan_id = stored.id
        chosen = indicator_named(session, plan_id=plan_id, name=indicator)
        found = equalization(
            session,
            plan_id=plan_id,
            indicator_id=chosen,
            year=year,
            grouping=group_by.value,
            groups=chosen_groups,
        )
    if output_format is OutputFormat.JSON:
        emit_json(equalization_json(found))
    else:
        _print(found)


def _print(found: Equalization) -> None:
    out = console()
    out.print(f"[bold]{found.indicator}[/bold] ({found.unit or '—'}), {found.year}")
    districts = new_table("region", "code", "group", "value", "population", "target reached")
    for r in found.regions:
        reached = {True: "yes", False: "no", None: "—"}[r.reaching_target]
        districts.add_row(
            r.region, r.code or "", r.group, _text(r.value), _text(r.population), reached
        )
    out.print(districts)
    indices = new_table("measure", "unweighted", "population-weighted")
    weighted = asdict(found.weighted) if found.weighted else {}
    for name, value in asdict(found.unweighted).items():
        indices.add_row(name, _text(value), _text(weighted.get(name)))
    out.print(indices)
    if found.missing_population:
        out.print("no population for " + ", ".join(found.missing_population) + ": not weighted")
    out.print(f"reaching the target: {found.reaching_target} of {found.with_value}")


def _text(value: float | None) -> str:
    return "—" if value is None else f"{value:.4g}"
