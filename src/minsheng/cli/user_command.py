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
RegionOption = typer.Option(
    help="The region the user acts for, e.g. 合肥市 (its districts included); default: every"
)

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
    email: Annotated[
        str | None, typer.Option(help="Where password reset links are mailed (optional)")
    ] = None,
    region: Annotated[str | None, RegionOption] = None,
) -> None:
    """Create a user; the password is read from MINSHENG_NEW_PASSWORD or asked for twice."""
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.scopes import set_region  # noqa: PLC0415
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
            email=email,
            author=getpass.getuser(),
        )
        if region:
            set_region(session, username=name, region=region, author=getpass.getuser())
    scope = f", acting for {region}" if region else ""
    typer.echo(f"created {account.username} ({account.role}){scope}")


@user_app.command(name="region")
def region_command(
    name: Annotated[str, typer.Argument(help="The user to scope")],
    region: Annotated[str | None, typer.Argument(help="e.g. 合肥市; omit for every region")] = None,
) -> None:
    """Set the region a user acts for (a city covers its districts); none: every region."""
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.scopes import set_region  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        set_region(session, username=name, region=region, author=getpass.getuser())
    typer.echo(f"{name} acts for {region or 'every region'}")


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


@user_app.command(name="passwd")
def passwd(name: Annotated[str, typer.Argument(help="The user whose password to set")]) -> None:
    """Set a user's password (asked twice, or MINSHENG_NEW_PASSWORD); the strength rule applies."""
    from minsheng.cli.database import database_session  # noqa: PLC0415
    from minsheng.usecases.passwords import set_password  # noqa: PLC0415

    password = _password()
    with database_session() as session:
        set_password(session, username=name, password=password, author=getpass.getuser())
    typer.echo(f"password of {name} changed")


@user_app.command(name="reset-link")
def reset_link(name: Annotated[str, typer.Argument(help="The user who forgot a password")]) -> None:
    """Print a one-time link (valid 24 hours) that sets a new password; MINSHENG_PUBLIC_URL
    is where it points (default http://127.0.0.1:8000)."""
    from minsheng.cli.database import database_session  # noqa: PLC0415
    from minsheng.settings import get_settings  # noqa: PLC0415
    from minsheng.usecases.passwords import issue_reset_link  # noqa: PLC0415

    with database_session() as session:
        link = issue_reset_link(
            session, username=name, author=getpass.getuser(), base_url=get_settings().public_url
        )
    typer.echo(link.url)
    typer.echo(f"valid until {link.expires_at:%Y-%m-%d %H:%M} (Beijing time), once", err=True)


def _set_active(name: str, *, active: bool) -> None:
    from minsheng.cli.database import database_session  # noqa: PLC0415
    from minsheng.usecases.admin import set_active  # noqa: PLC0415

    with database_session() as session:
        changed = set_active(session, username=name, active=active, author=getpass.getuser())
    state = "active" if active else "deactivated"
    typer.echo(f"{name} is now {state}" if changed else f"{name} was already {state}")


@user_app.command(name="deactivate")
def deactivate(name: Annotated[str, typer.Argument(help="The user to deactivate")]) -> None:
    """Stop a user signing in; their open sessions and API tokens stop working at once."""
    _set_active(name, active=False)


@user_app.command(name="activate")
def activate(name: Annotated[str, typer.Argument(help="The user to reactivate")]) -> None:
    """Let a deactivated user sign in again."""
    _set_active(name, active=True)


@user_app.command(name="role")
def role(
    name: Annotated[str, typer.Argument(help="The user whose role to change")],
    new_role: Annotated[str, typer.Argument(metavar="ROLE", help=f"One of {', '.join(ROLES)}")],
    department: Annotated[
        str | None, typer.Option(help="Also move the user to this department (created if new)")
    ] = None,
) -> None:
    """Change a user's role (and department); the last active admin cannot be demoted."""
    from minsheng.cli.database import database_session  # noqa: PLC0415
    from minsheng.usecases.admin import change_role  # noqa: PLC0415

    with database_session() as session:
        change_role(
            session, username=name, role=new_role, department=department, author=getpass.getuser()
        )
    typer.echo(f"{name} is now {new_role}" + (f" in {department}" if department else ""))
