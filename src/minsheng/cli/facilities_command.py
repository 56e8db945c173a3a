"""`minsheng facilities import FILE` and `minsheng residents import FILE`: the points the
service-radius analysis works on, stored per city, facility type and date."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from minsheng.cli.database import opened_database
from minsheng.cli.errors import reported_errors

if TYPE_CHECKING:
    from minsheng.usecases.facilities import PointImport

facilities_app = typer.Typer(
    help="Facilities (社区卫生服务中心, 托育机构, 幼儿园 …) by type, with capacity.",
    no_args_is_help=True,
)
residents_app = typer.Typer(
    help="Where people live: points or grid cells with their population.",
    no_args_is_help=True,
)
PlanOption = Annotated[
    str | None,
    typer.Option(help="The city, by its plan's region (合肥市); else found from the points"),
]
CrsOption = Annotated[
    str | None,
    typer.Option(
        help="CRS of the coordinates: EPSG:nnnn or GCJ02 (default EPSG:4326, or the file's own)"
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="The date the points describe, YYYY-MM-DD (default today)"),
]
AuthorOption = Annotated[str | None, typer.Option(help="Name for the audit log")]
FileArgument = Annotated[Path, typer.Argument(help="A .csv, .xlsx, .geojson or .gpkg file")]


@facilities_app.command(name="import")
def import_facility_file(
    file: FileArgument,
    plan: PlanOption = None,
    crs: CrsOption = None,
    as_of: AsOfOption = None,
    author: AuthorOption = None,
) -> None:
    """Check the whole file, then store each facility type's points as of the date.

    Columns: name, type (a catalogue type: 社区卫生服务中心, 托育机构 …), x and y or lon
    and lat, optionally capacity (in the type's unit: 床位, 托位, 平方米 …), region (the
    district; else found from the position) and status. Chinese headers work (名称, 类型,
    经度, 纬度, 容量, 地区, 状态). The same city, type and date imported again is replaced.
    Any problem, listed with its row and column, stops the import (exit code 2, nothing
    written).
    """
    from minsheng.usecases.facilities import import_facilities  # noqa: PLC0415

    _import(import_facilities, file, plan=plan, crs=crs, as_of=as_of, author=author)


@residents_app.command(name="import")
def import_resident_file(
    file: FileArgument,
    plan: PlanOption = None,
    crs: CrsOption = None,
    as_of: AsOfOption = None,
    author: AuthorOption = None,
) -> None:
    """Check the whole file, then store its points (grid cells: their centres) as of the date.

    Columns: x and y or lon and lat, population (人口, 常住人口), optionally region. The
    same city and date imported again is replaced; a problem stops the import (exit code 2).
    """
    from minsheng.usecases.facilities import import_residents  # noqa: PLC0415

    _import(import_residents, file, plan=plan, crs=crs, as_of=as_of, author=author)


def _import(
    action: Callable[..., PointImport],
    file: Path,
    *,
    plan: str | None,
    crs: str | None,
    as_of: str | None,
    author: str | None,
) -> None:
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.facilities import ImportOptions  # noqa: PLC0415

    with reported_errors():
        options = ImportOptions(plan=plan, crs=crs, as_of=_date(as_of))
    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        result = action(session, path=file, options=options, author=author or getpass.getuser())
    _report(file, result)


def _date(text: str | None) -> date | None:
    from minsheng.errors import InputProblem  # noqa: PLC0415

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputProblem(f"not a date (YYYY-MM-DD): {text!r}", field="--as-of") from None


def _report(file: Path, result: PointImport) -> None:
    for layer in result.layers:
        what = layer.type_code or "residents"
        verb = "replaced" if layer.replaced else "added"
        typer.echo(
            f"{file}: {what}: {layer.points} point(s) {verb}, {result.city}, as of {result.as_of}"
        )
    if result.outside:
        typer.echo(f"{result.outside} point(s) lie in none of {result.city}'s districts")
