"""`minsheng population import FILE`: residents and households per region and year."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from minsheng.cli.database import opened_database
from minsheng.cli.errors import reported_errors

population_app = typer.Typer(
    help="Population: residents (常住人口) and households per region and year.",
    no_args_is_help=True,
)


@population_app.command(name="import")
def import_file(
    file: Annotated[Path, typer.Argument(help="A .csv or .xlsx file")],
    author: Annotated[str | None, typer.Option(help="Name for the audit log")] = None,
) -> None:
    """Check the whole file, then store every figure in one transaction.

    Columns: region (a name, or the 6-digit GB/T 2260 code where names repeat), year,
    population (persons; a header such as 常住人口（万人） gives 10,000s), optionally
    households and source. A figure for a region and year already stored is replaced.
    Any problem — listed with its row and column — stops the import with exit code 2 and
    nothing is written.
    """
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.population import import_population  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        result = import_population(session, path=file, author=author or getpass.getuser())
    years = ", ".join(map(str, result.years))
    typer.echo(
        f"{file}: {result.added} figure(s) added, {result.replaced} replaced, "
        f"{result.regions} region(s), years {years}"
    )
