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


class Headers(StrEnum):
    ZH_EN = "zh-en"
    ZH = "zh"
    EN = "en"


OUTPUT_HELP = "Where to write: a .xlsx file; for csv and datapackage a folder, or a .zip archive"
HEADERS_HELP = (
    "Header rows of XLSX and CSV: zh-en (Chinese headers, then the English field names), "
    "zh or en (field names only; data packages always use them)"
)
HeadersOption = Annotated[Headers, typer.Option(help=HEADERS_HELP)]
HISTORY_HELP = (
    "Add observation_revisions: every revision with who recorded it "
    "(for administrators, not for publication)"
)
HistoryOption = Annotated[bool, typer.Option(help=HISTORY_HELP)]


@export_app.command(name="plan")
def export_plan(
    plan: Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")],
    output: Annotated[Path, typer.Option("--output", "-o", help=OUTPUT_HELP)],
    format: Annotated[PlanFormat, typer.Option(help="File format")] = PlanFormat.XLSX,
    headers: HeadersOption = Headers.ZH_EN,
    history: HistoryOption = False,
) -> None:
    """A plan's tables as open data, one sheet or file per table, every row.

    Tables: plan, indicators, indicator_metadata, previous_plan_results, service_items,
    columns, key_projects, observations (the values in force, with region codes and the
    reporting department), evaluations (the verdicts as of each year with data),
    facilities and problems (when there are any). The workbook's observations sheet
    (监测值) imports again with `minsheng observe import`.
    """
    from minsheng.exports import plan_package  # noqa: PLC0415
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        found = find_current_plan(session, region=plan)
        package = plan_package(session, found, published_only=not history)
        _write(package, format.value, output, headers.value)


@export_app.command(name="standards")
def export_standards(
    output: Annotated[Path, typer.Option("--output", "-o", help=OUTPUT_HELP)],
    format: Annotated[StandardsFormat, typer.Option(help="File format")] = StandardsFormat.XLSX,
    headers: HeadersOption = Headers.ZH_EN,
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
        _write(standards_package(session, plan_id=plan_id), format.value, output, headers.value)


def _write(package: Package, format: str, output: Path, headers: str) -> None:
    """Written with the publisher, contact and licence the environment names."""
    import os  # noqa: PLC0415
    from dataclasses import replace  # noqa: PLC0415

    from minsheng.exports import with_headers  # noqa: PLC0415
    from minsheng.exports.publication import from_environment  # noqa: PLC0415

    published = replace(package, publication=from_environment(os.environ))
    written = with_headers(format, headers).write(published, output)
    counts = ", ".join(f"{table.name} {len(table.rows)}" for table in package.tables)
    typer.echo(f"{written}: {counts}")
