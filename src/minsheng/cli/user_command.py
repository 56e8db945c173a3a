"""`minsheng user …`: create accounts and API tokens from the command line."""

from __future__ import annotations

import getpass
import os
from typing import Annotated

import typer

from minsheng.cli.database import opened_database
from minsheng.cli.errors import reported_errors
from minsheng.usecases.roles import ROLES

PASSWORD_VARIABLE = "MINSHENG_NEW_PASSWORD"

user_app = typer.Typer(help="Users of the web app and the API.", no_args_is_help=True)


def _password() -> str:
    """From MINSHENG_NEW_PASSWORD (for scripts), else asked twice without echo."""
    given = os.environ.get(PASSWORD_VARIABLE)
    if given:
        return given
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@user_app.command(name="create")
def create(
    name: Annotated[str, typer.Argument(help="The user name to sign in with")],
    role: Annotated[str, typer.Option(help=f"One of {', '.join(ROLES)}")],
    department: Annotated[
        str | None, typer.Option(help="The user's department (created if new), for reporters")
    ] = None,
) -> None:
    """Create a user; the password is read from MINSHENG_NEW_PASSWORD or asked for twice."""
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.users import create_user  # noqa: PLC0415

    password = _password()
    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        account = create_user(
            session,
            username=name,
            password=password,
            role=role,
            department=department,
            author=getpass.getuser(),
        )
    typer.echo(f"created {account.username} ({account.role})")


@user_app.command(name="token")
def token(
    name: Annotated[str, typer.Argument(help="The user the token acts as")],
    token_name: Annotated[str, typer.Option("--name", help="What the token is for")],
) -> None:
    """Print a new API token for a user; it is shown only this once."""
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.admin import issue_token  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        secret = issue_token(session, username=name, name=token_name, author=getpass.getuser())
    typer.echo(secret)
