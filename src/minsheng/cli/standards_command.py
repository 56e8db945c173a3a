"""`minsheng standards …`: standards documents in (by level), the five fields as XLSX out and
in, and implementation monitoring (delivery indicators and the values departments report)."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from minsheng.cli.database import database_session

if TYPE_CHECKING:
    from minsheng.usecases.standards import StandardsImport

standards_app = typer.Typer(
    help="Basic public service standards (基本公共服务标准): import documents, XLSX, monitoring.",
    no_args_is_help=True,
)
AuthorOption = Annotated[str | None, typer.Option(help="Name for the audit log")]
PlanOption = Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")]
ItemOption = Annotated[str, typer.Option("--item", help="The service item's name in the plan")]
LEVELS = ("national", "provincial", "city")
SUFFIXES = (".xlsx", ".csv")


@standards_app.command(name="import")
def import_document(
    file: Annotated[Path, typer.Argument(help="A standards document: .docx, .pdf, .txt, .html")],
    plan: Annotated[str | None, typer.Option(help="Only this region's plan (default: all)")] = None,
    level: Annotated[str, typer.Option(help="national, provincial or city")] = "national",
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date of the document")] = None,
    author: AuthorOption = None,
) -> None:
    """Fill the five fields of the items the document names; unmatched items are listed."""
    from minsheng.usecases.standards import import_standards_file  # noqa: PLC0415

    _check_level(level)
    when = _date(as_of, "--as-of") if as_of else None
    with database_session() as session:
        done = import_standards_file(
            session,
            path=file,
            region=plan,
            level=level,
            as_of=when,
            author=author or getpass.getuser(),
        )
    _print_import(file, done)


def _print_import(file: Path, done: StandardsImport) -> None:
    changed = sum(1 for f in done.filled if f.changed)
    typer.echo(
        f"{file.name}: {done.entries} items read ({done.level}"
        f"{', ' + done.as_of.isoformat() if done.as_of else ''}); "
        f"{len(done.filled)} service items matched, {changed} changed; "
        f"{len(done.unmatched)} unmatched"
    )
    for filled in done.filled:
        where = f"{filled.plan_region} {filled.entry}"
        typer.echo(f"  matched   {where} -> #{filled.item_id} {filled.item_name}")
    for missing in done.unmatched:
        where = f"{missing.plan_region} {missing.entry} (line {missing.line})"
        typer.echo(f"  unmatched {where}: {missing.reason}")


@standards_app.command(name="export")
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="A .xlsx or .csv file")],
    plan: Annotated[str | None, typer.Option(help="Only this region's plan")] = None,
) -> None:
    """Every service item with its five fields; edit them and import with `import-xlsx`."""
    from minsheng.exports.csv import table_csv  # noqa: PLC0415
    from minsheng.exports.standards import standards_package  # noqa: PLC0415
    from minsheng.exports.xlsx import XlsxFormat  # noqa: PLC0415
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415

    if output.suffix.lower() not in SUFFIXES:
        typer.echo(f"error: --output must end in .xlsx or .csv, not {output.name!r}", err=True)
        raise typer.Exit(code=2)
    with database_session() as session:
        plan_id = find_current_plan(session, region=plan).id if plan else None
        package = standards_package(session, plan_id=plan_id)
    table = package.tables[0]
    if output.suffix.lower() == ".csv":
        output.write_bytes(table_csv(table))
    else:
        output.write_bytes(XlsxFormat().to_bytes(package))
    typer.echo(f"{output}: standards {len(table.rows)}")


@standards_app.command(name="import-xlsx")
def import_workbook(
    file: Annotated[Path, typer.Argument(help="A .xlsx or .csv file laid out as the export")],
    author: AuthorOption = None,
) -> None:
    """Apply the file's five fields, all rows or none; every bad row is named (exit 2)."""
    from minsheng.usecases.standards import import_standards_workbook  # noqa: PLC0415

    with database_session() as session:
        done = import_standards_workbook(session, path=file, author=author or getpass.getuser())
    typer.echo(f"{file}: {done.rows} rows read, {done.changed} service items changed")


@standards_app.command(name="indicator")
def indicator(
    plan: PlanOption,
    item: ItemOption,
    name: Annotated[str, typer.Option(help="e.g. 目标人群覆盖率")],
    kind: Annotated[str, typer.Option(help="coverage, frequency or amount")],
    required: Annotated[float, typer.Option(help="The level the standard states")],
    unit: Annotated[str | None, typer.Option(help="Default: %, 次/年 or 元 by kind")] = None,
    author: AuthorOption = None,
) -> None:
    """Define (or restate) a delivery indicator of an item's standard."""
    from minsheng.usecases.standards.delivery import define_indicator, find_item  # noqa: PLC0415

    with database_session() as session:
        item_id = find_item(session, region=plan, name=item)
        row = define_indicator(
            session,
            item_id=item_id,
            name=name,
            kind=kind,
            required=required,
            unit=unit,
            author=author or getpass.getuser(),
        )
        typer.echo(f"#{item_id} {item}: {row.name} >= {row.required:g} {row.unit or ''}")


@standards_app.command(name="report")
def report(
    plan: PlanOption,
    item: ItemOption,
    indicator: Annotated[str, typer.Option(help="The delivery indicator's name")],
    year: Annotated[int, typer.Option(help="The year the value is for")],
    value: Annotated[float, typer.Option(help="The value delivered")],
    author: AuthorOption = None,
) -> None:
    """Report a delivery indicator's value for a year; below its level warns 未达标准."""
    from minsheng.usecases.standards.delivery import (  # noqa: PLC0415
        find_indicator,
        find_item,
        item_delivery,
        report_value,
    )

    with database_session() as session:
        item_id = find_item(session, region=plan, name=item)
        indicator_id = find_indicator(session, item_id=item_id, name=indicator)
        report_value(
            session,
            indicator_id=indicator_id,
            year=year,
            value=value,
            author=author or getpass.getuser(),
        )
        status = next(s for s in item_delivery(session, item_id=item_id) if s.id == indicator_id)
    verdict = "未达标准" if status.undelivered else "达到标准"
    typer.echo(f"{item} {indicator} {year}: {value:g} (standard {status.required:g}) {verdict}")


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise typer.BadParameter(
            f"{level!r} is not one of {', '.join(LEVELS)}", param_hint="--level"
        )


def _date(text: str, hint: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date YYYY-MM-DD", param_hint=hint) from None
