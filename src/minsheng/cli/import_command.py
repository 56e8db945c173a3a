"""`minsheng import FILE…`: parse plan documents and store them, each in its own transaction."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from minsheng.cli.database import opened_database
from minsheng.errors import MinshengError
from minsheng.model.plan import ParsedPlan

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from minsheng.usecases.import_plan import ImportResult

IMPORT_HELP = (
    "Import plan documents into the database (created or migrated first if needed).\n\n"
    "Files are imported in the order given, each in its own transaction. The first file "
    "that cannot be read or stored stops the run with exit code 2: the files before it "
    "stay imported, nothing of it is written, and the files after it are not processed."
)

STATUS_TEXT = {
    "created": "created",
    "unchanged": "unchanged",
    "new_version": "new version",
    "next_plan": "next plan (a new period)",
}


def import_files(
    files: Annotated[list[Path], typer.Argument(help="Plan documents: .txt, .docx, .html or .pdf")],
    author: Annotated[
        str | None, typer.Option(help="Name the audit log records (default: your login name)")
    ] = None,
) -> None:
    """Import plan documents into the database; see IMPORT_HELP for what a failure does."""
    with opened_database() as database:
        for index, file in enumerate(files):
            _import_one(
                database.engine, file, author or getpass.getuser(), remaining=len(files) - index - 1
            )


def _import_one(engine: Engine, file: Path, author: str, *, remaining: int) -> None:
    from minsheng.ingest import parse_file  # noqa: PLC0415
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.import_plan import import_plan  # noqa: PLC0415

    try:
        parsed = parse_file(file)
        with session_scope(engine) as session:
            result = import_plan(session, parsed, author=author)
    except MinshengError as error:
        message = str(error) if str(file) in str(error) else f"{file}: {error}"
        typer.echo(f"error: {message}", err=True)
        if remaining:
            typer.echo(f"stopped: {remaining} later file(s) not imported", err=True)
        raise typer.Exit(code=error.exit_code) from error
    typer.echo(describe(file, parsed, result))


def describe(file: Path, parsed: ParsedPlan, result: ImportResult) -> str:
    """One line per file: what happened, to which region's plan, and what it holds."""
    from minsheng.usecases.import_plan import counts  # noqa: PLC0415

    status = STATUS_TEXT[result.status]
    parts = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in counts(parsed).items())
    recorded = (
        f"; {result.values_recorded} base-year values recorded" if result.values_recorded else ""
    )
    return f"{file}: {status} {result.region} version {result.version} ({parts}{recorded})"
