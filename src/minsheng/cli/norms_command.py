"""`minsheng norms`: each district's provision against the catalogue's norms in a year
(托位 per 1,000 residents, 养老 m² per 100 households, residents per 社区卫生服务中心,
sports m² per resident), with the shortfall."""

from __future__ import annotations

import csv
import sys
from typing import Annotated, Any

import typer

from minsheng.cli.access_command import Format
from minsheng.cli.database import opened_database
from minsheng.cli.errors import reported_errors
from minsheng.cli.output import cell_text, console, emit_json, new_table

COLUMNS = ("region", "population", "supply", "measure", "meets", "shortfall")


def norms_command(
    plan: Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")],
    year: Annotated[int, typer.Option(help="Populations of the year, facilities at its end")],
    output_format: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """Provision norms per district and city-wide, with what is missing."""
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415
    from minsheng.usecases.read.access_json import norms_json  # noqa: PLC0415
    from minsheng.usecases.read.norms import norms  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        found = norms(session, plan_id=find_current_plan(session, region=plan).id, year=year)
    data = norms_json(found)
    if output_format is Format.JSON:
        emit_json(data)
    elif output_format is Format.CSV:
        _csv(data)
    else:
        _tables(data)


def _rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"type": kind["type"], "norm": kind["norm"]["text"], **row}
        for kind in data["types"]
        for row in (*kind["by_region"], {**kind["total"], "region": data["city"]["name"]})
    ]


def _csv(data: dict[str, Any]) -> None:
    rows = _rows(data)
    if rows:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _tables(data: dict[str, Any]) -> None:
    out = console()
    for kind in data["types"]:
        sample = " (示例数据)" if kind["sample_data"] else ""
        out.print(f"[bold]{kind['type']}[/bold]: {kind['norm']['text']}{sample}")
        table = new_table(*COLUMNS)
        for row in (*kind["by_region"], {**kind["total"], "region": data["city"]["name"]}):
            table.add_row(*(cell_text(row[key]) for key in COLUMNS))
        out.print(table)
    if data["missing_population"]:
        out.print("no population for " + ", ".join(data["missing_population"]))
