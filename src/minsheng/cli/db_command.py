"""`minsheng db upgrade`: create the database or bring it to the newest schema."""

from __future__ import annotations

import typer

from minsheng.cli.database import opened_database

db_app = typer.Typer(
    help="The database: create it or migrate it to the newest schema.", no_args_is_help=True
)


@db_app.command(name="upgrade")
def upgrade() -> None:
    """Apply every migration not yet applied and load the national reference plan."""
    from minsheng.store import safe_url  # noqa: PLC0415

    with opened_database() as database:
        typer.echo(f"database {safe_url(database.url)} is at revision {database.revision}")
