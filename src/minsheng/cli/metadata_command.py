"""`minsheng metadata show|export|import`: indicator metadata (definition, formula, data
source, responsible department, update frequency) from the command line."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from minsheng.cli.database import database_session

metadata_app = typer.Typer(
    help="Indicator metadata (指标元数据): show, export and import as XLSX or CSV.",
    no_args_is_help=True,
)
PlanOption = Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")]
SUFFIXES = (".xlsx", ".csv")


@metadata_app.command(name="show")
def show(
    plan: PlanOption,
    indicator: Annotated[str, typer.Option(help="The indicator's name in the plan")],
) -> None:
    """One indicator's metadata, each field with where it comes from."""
    from minsheng.usecases.plans import find_current_plan, indicator_named  # noqa: PLC0415
    from minsheng.usecases.read.indicator_metadata import indicator_metadata  # noqa: PLC0415

    with database_session() as session:
        chosen = find_current_plan(session, region=plan)
        indicator_id = indicator_named(session, plan_id=chosen.id, name=indicator)
        view = indicator_metadata(session, indicator_id=indicator_id)
    typer.echo(f"{view.name}（{view.plan_region}，指标编号 {view.indicator_id}）")
    typer.echo(f"计量单位: {view.unit or '无单位'}")
    typer.echo(f"指标方向: {view.direction_label}")
    for entry in view.entries:
        origin = f"  [{entry.origin_label}]" if entry.origin else ""
        typer.echo(f"{entry.label}: {entry.shown}{origin}")


@metadata_app.command(name="export")
def export(
    plan: PlanOption,
    output: Annotated[Path, typer.Option("--output", "-o", help="A .xlsx or .csv file")],
) -> None:
    """Every indicator of the plan with its metadata; edit it and import it again."""
    from minsheng.exports.csv import table_csv  # noqa: PLC0415
    from minsheng.exports.tables import Package, metadata_table  # noqa: PLC0415
    from minsheng.exports.xlsx import XlsxFormat  # noqa: PLC0415
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415

    _check_suffix(output)
    with database_session() as session:
        table = metadata_table(session, find_current_plan(session, region=plan))
    if output.suffix.lower() == ".csv":
        output.write_bytes(table_csv(table))
    else:
        output.write_bytes(XlsxFormat().to_bytes(Package("indicator-metadata", plan, [table])))
    typer.echo(f"{output}: indicator_metadata {len(table.rows)}")


@metadata_app.command(name="import")
def import_file(
    file: Annotated[Path, typer.Argument(help="A .xlsx or .csv file laid out as the export")],
    author: Annotated[str | None, typer.Option(help="Name for the audit log")] = None,
) -> None:
    """Apply the file's metadata, all rows or none; every bad row is named (exit 2)."""
    from minsheng.usecases.indicator_metadata_import import import_metadata_file  # noqa: PLC0415

    with database_session() as session:
        done = import_metadata_file(session, path=file, author=author or getpass.getuser())
    typer.echo(f"{file}: {done.rows} rows read, {done.changed} indicators changed")


def _check_suffix(output: Path) -> None:
    if output.suffix.lower() not in SUFFIXES:
        typer.echo(f"error: --output must end in .xlsx or .csv, not {output.name!r}", err=True)
        raise typer.Exit(code=2)
