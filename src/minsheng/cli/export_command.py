"""`minsheng export`: a plan's tables or the standards catalogue as open data files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from minsheng.cli.database import opened_database
from minsheng.cli.errors import reported_errors

if TYPE_CHECKING:
    from minsheng.exports import Package

export_app = typer.Typer(
    help="Open data: plans and the standards catalogue as XLSX, CSV or a data package.",
    no_args_is_help=True,
)


class PlanFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"
    DATAPACKAGE = "datapackage"


class StandardsFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


OUTPUT_HELP = "Where to write: a .xlsx file; for csv and datapackage a folder, or a .zip archive"


@export_app.command(name="plan")
def export_plan(
    plan: Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")],
    output: Annotated[Path, typer.Option("--output", "-o", help=OUTPUT_HELP)],
    format: Annotated[PlanFormat, typer.Option(help="File format")] = PlanFormat.XLSX,
) -> None:
    """A plan's tables as open data, one sheet or file per table.

    Tables: plan, indicators, previous_plan_results, service_items, columns, key_projects,
    observations (the values in force), observation_revisions (every revision) and
    facilities (those of the city in force today, when any are stored). The
    workbook's observations sheet imports again with `minsheng observe import`.
    """
    from minsheng.exports import plan_package  # noqa: PLC0415
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        package = plan_package(session, find_current_plan(session, region=plan))
        _write(package, format.value, output)


@export_app.command(name="standards")
def export_standards(
    output: Annotated[Path, typer.Option("--output", "-o", help=OUTPUT_HELP)],
    format: Annotated[StandardsFormat, typer.Option(help="File format")] = StandardsFormat.XLSX,
    plan: Annotated[
        str | None, typer.Option(help="Only this region's plan (default: every current plan)")
    ] = None,
) -> None:
    """The standards catalogue: every service item with its five standard fields."""
    from minsheng.exports import standards_package  # noqa: PLC0415
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        plan_id = find_current_plan(session, region=plan).id if plan else None
        _write(standards_package(session, plan_id=plan_id), format.value, output)


def _write(package: Package, format: str, output: Path) -> None:
    from minsheng.exports import FORMATS  # noqa: PLC0415

    written = FORMATS[format].write(package, output)
    counts = ", ".join(f"{table.name} {len(table.rows)}" for table in package.tables)
    typer.echo(f"{written}: {counts}")
