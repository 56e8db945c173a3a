"""`minsheng observe import FILE`: record a department's values from a template or CSV."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from minsheng.cli.database import opened_database
from minsheng.cli.errors import reported_errors
from minsheng.store import session_scope
from minsheng.usecases import import_observations

observe_app = typer.Typer(
    help="Observations: values reported by departments.", no_args_is_help=True
)


@observe_app.command(name="import")
def import_file(
    file: Annotated[Path, typer.Argument(help="A filled template (.xlsx) or a .csv file")],
    plan: Annotated[str, typer.Option(help="Region of the plan the values belong to, e.g. 合肥市")],
    draft: Annotated[
        bool, typer.Option(help="Record as drafts for review instead of approved values")
    ] = False,
    author: Annotated[str | None, typer.Option(help="Name for the audit log")] = None,
) -> None:
    """Validate the whole file, then record every value in one transaction.

    CSV columns: region, indicator, year, value (+ unit, source, note); the indicator by
    its name in the plan or any alias in the catalogue. Any problem — listed with its
    row and column — stops the import with exit code 2 and nothing is written.
    """
    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        result = import_observations(
            session, path=file, region=plan, author=author or getpass.getuser(), draft=draft
        )
    typer.echo(f"{file}: recorded {result.recorded} value(s) for {result.region} ({result.state})")
    for row in result.outliers:
        typer.echo(
            f"  outlier (kept, please check): row {row.row} {row.region} {row.indicator} "
            f"{row.year} = {row.value:g}"
        )
