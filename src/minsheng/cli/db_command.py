"""`minsheng db upgrade`: create the database or bring it to the newest schema."""

from __future__ import annotations

import typer

from minsheng.cli.errors import reported_errors
from minsheng.settings import get_settings
from minsheng.store import safe_url, upgrade_database

db_app = typer.Typer(
    help="The database: create it or migrate it to the newest schema.", no_args_is_help=True
)


@db_app.command(name="upgrade")
def upgrade() -> None:
    """Apply every migration not yet applied (MINSHENG_DATABASE_URL, or the data directory)."""
    url = get_settings().effective_database_url
    with reported_errors():
        revision = upgrade_database(url)
    typer.echo(f"database {safe_url(url)} is at revision {revision}")
