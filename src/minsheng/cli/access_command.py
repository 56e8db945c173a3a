"""`minsheng access coverage|2sfca|site`: a facility type's service radius on a plan's
map — who is within reach, how much supply each resident can reach, where new sites
would reach the most people not yet covered."""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from minsheng.cli.database import database_session
from minsheng.cli.output import cell_text, console, emit_json, new_table

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from minsheng.usecases.read.access import Roads

access_app = typer.Typer(
    help="Service radius: coverage, 2SFCA accessibility and new sites (MCLP).",
    no_args_is_help=True,
)


class Format(StrEnum):
    JSON = "json"
    TABLE = "table"
    CSV = "csv"


class Weights(StrEnum):
    NONE = "none"  # 2SFCA: everyone within the radius counts fully
    STEP = "step"  # E2SFCA: stepwise less with distance
    GRAVITY = "gravity"  # distance decay within the radius


PlanOption = Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")]
TypeOption = Annotated[
    str, typer.Option("--type", help="Facility type, e.g. 社区卫生服务中心 (or its code)")
]
RadiusOption = Annotated[
    float | None, typer.Option(help="Service radius in metres (default: the type's life circle)")
]
OnOption = Annotated[
    str | None, typer.Option("--on", help="The points in force on this date, YYYY-MM-DD")
]
FormatOption = Annotated[Format, typer.Option("--format")]
NetworkOption = Annotated[
    Path | None,
    typer.Option(help="Measure along these roads (.geojson/.gpkg lines) instead of straight lines"),
]
MetricCrsOption = Annotated[
    str | None,
    typer.Option(help="Projected CRS in metres to measure in (default: the city's CGCS2000 zone)"),
]
NetworkCrsOption = Annotated[
    str | None, typer.Option(help="CRS of the roads' coordinates if not WGS84 or the file's own")
]


@access_app.command(name="coverage")
def coverage_command(
    plan: PlanOption,
    type_: TypeOption,
    radius: RadiusOption = None,
    on: OnOption = None,
    metric_crs: MetricCrsOption = None,
    network: NetworkOption = None,
    network_crs: NetworkCrsOption = None,
    output_format: FormatOption = Format.TABLE,
) -> None:
    """The share of residents within the radius of a facility, per district and overall."""
    from minsheng.usecases.read.access import coverage  # noqa: PLC0415
    from minsheng.usecases.read.access_json import area_json, coverage_json  # noqa: PLC0415

    with database_session() as session:
        plan_id, type_code = _resolved(session, plan, type_)
        roads = _roads(network, network_crs)
        found = coverage(session, plan_id=plan_id, type_code=type_code, radius=radius,
                         on=_date(on), roads=roads, metric_crs=metric_crs)  # fmt: skip
    data = coverage_json(found)
    if output_format is Format.JSON:
        emit_json(data)
    elif output_format is Format.CSV:
        _csv([area_json(area) for area in (*found.by_region, found.total)])
    else:
        _table(data, data["by_region"], ("region", "population", "covered", "share"))


@access_app.command(name="2sfca")
def two_step_command(
    plan: PlanOption,
    type_: TypeOption,
    radius: RadiusOption = None,
    weights: Annotated[Weights, typer.Option(help="none: 2SFCA, step: E2SFCA, gravity")] = (
        Weights.NONE
    ),
    on: OnOption = None,
    metric_crs: MetricCrsOption = None,
    network: NetworkOption = None,
    network_crs: NetworkCrsOption = None,
    output_format: FormatOption = Format.TABLE,
) -> None:
    """Capacity in reach per resident (2SFCA): the CSV has one row per resident point
    with its score; JSON and the table give each district's population-weighted mean."""
    from minsheng.usecases.read.access import accessibility_of  # noqa: PLC0415
    from minsheng.usecases.read.access_json import (  # noqa: PLC0415
        accessibility_json,
        accessibility_rows,
    )

    with database_session() as session:
        plan_id, type_code = _resolved(session, plan, type_)
        found = accessibility_of(session, plan_id=plan_id, type_code=type_code, radius=radius,
                                 weighting=weights.value, on=_date(on),
                                 roads=_roads(network, network_crs),
                                 metric_crs=metric_crs)  # fmt: skip
    data = accessibility_json(found)
    if output_format is Format.JSON:
        emit_json(data)
    elif output_format is Format.CSV:
        _csv(accessibility_rows(found))
    else:
        _table(data, data["by_region"], ("name", "population", "score"))


@access_app.command(name="site")
def site_command(
    plan: PlanOption,
    type_: TypeOption,
    new: Annotated[int, typer.Option(min=1, max=50, help="How many new sites to choose")],
    radius: RadiusOption = None,
    candidates: Annotated[
        Path | None,
        typer.Option(help="Candidate sites (.csv/.xlsx/.geojson/.gpkg points); default: a grid"),
    ] = None,
    crs: Annotated[
        str | None, typer.Option(help="CRS of the candidates' x/y (EPSG:nnnn, GCJ02)")
    ] = None,
    exact: Annotated[
        bool, typer.Option(help="The exact optimum (HiGHS) instead of greedy")
    ] = False,
    on: OnOption = None,
    metric_crs: MetricCrsOption = None,
    output_format: FormatOption = Format.TABLE,
) -> None:
    """New sites that cover the most residents not yet within the radius (MCLP), the
    facilities in force kept: greedy by default, the exact optimum with --exact."""
    from minsheng.usecases.facilities import read_candidates  # noqa: PLC0415
    from minsheng.usecases.read.access_json import siting_json  # noqa: PLC0415
    from minsheng.usecases.read.siting import siting  # noqa: PLC0415

    with database_session() as session:
        plan_id, type_code = _resolved(session, plan, type_)
        given = read_candidates(candidates, crs=crs) if candidates else None
        found = siting(session, plan_id=plan_id, type_code=type_code, count=new, radius=radius,
                       candidates=given, exact=exact, on=_date(on),
                       metric_crs=metric_crs)  # fmt: skip
    data = siting_json(found)
    if output_format is Format.JSON:
        emit_json(data)
    elif output_format is Format.CSV:
        _csv(data["chosen"])
    else:
        _table(data, data["chosen"], ("x", "y", "newly_covered"))
        console().print(
            f"method: {data['method']}, newly covered: {cell_text(data['newly_covered'])}"
        )


def _roads(path: Path | None, crs: str | None) -> Roads | None:
    from minsheng.usecases.facilities import read_roads  # noqa: PLC0415

    return read_roads(path, crs=crs) if path is not None else None


def _resolved(session: Session, plan: str, type_text: str) -> tuple[int, str]:
    """The plan's id and the type's code, from the names people use."""
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415
    from minsheng.usecases.read.point_layout import type_named  # noqa: PLC0415

    return find_current_plan(session, region=plan).id, type_named(type_text).code


def _date(text: str | None) -> date | None:
    from minsheng.errors import InputProblem  # noqa: PLC0415

    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise InputProblem(f"not a date (YYYY-MM-DD): {text!r}", field="--on") from None


def _csv(rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _table(data: dict[str, Any], rows: list[dict[str, Any]], columns: Sequence[str]) -> None:
    out = console()
    sample = " (示例数据)" if data["sample_data"] else ""
    out.print(f"[bold]{data['type']}[/bold], radius {data['radius']:g} m, "
              f"{data['facilities']} facilities{sample}")  # fmt: skip
    table = new_table(*columns)
    for row in rows:
        table.add_row(*(cell_text(row.get(column)) for column in columns))
    out.print(table)
    summary = {k: data[k] for k in ("population", "covered", "share", "mean") if k in data}
    out.print(", ".join(f"{k}: {cell_text(v)}" for k, v in summary.items()))
