"""`minsheng round`: reporting rounds from the command line — open one for a plan's
assigned departments, list them, show a round's reporting rate, remind (催报) and set a
department's liaison mailbox."""

from __future__ import annotations

import getpass
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from minsheng.cli.database import database_session
from minsheng.cli.output import OutputFormat, console, emit_json, new_table

if TYPE_CHECKING:
    from rich.table import Table

    from minsheng.usecases.rounds import RoundStatus, Tally

round_app = typer.Typer(help="Reporting rounds: open, list, status, remind (催报).")

FormatOption = Annotated[OutputFormat, typer.Option("--format", help="table or json")]
AuthorOption = Annotated[str | None, typer.Option(help="Name for the audit log")]


@round_app.command("open")
def open_command(
    plan: Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")],
    year: Annotated[list[int], typer.Option(help="Year asked for (repeat for several)")],
    deadline: Annotated[str, typer.Option(help="Last day to report, YYYY-MM-DD (Beijing)")],
    department: Annotated[
        str | None, typer.Option(help="Only this department (default: every assigned one)")
    ] = None,
    author: AuthorOption = None,
) -> None:
    """Open a round: each assigned department owes its indicators × regions × years."""
    from minsheng.usecases.rounds import open_round_named  # noqa: PLC0415

    due = _date(deadline)
    with database_session() as session:
        who = author or getpass.getuser()
        found = open_round_named(
            session, plan=plan, years=year, deadline=due, author=who, department=department
        )
        typer.echo(f"opened round {found.id}: {found.title}, deadline {found.deadline}")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise typer.BadParameter(
            f"{text!r} is not a date YYYY-MM-DD", param_hint="--deadline"
        ) from error


@round_app.command("list")
def list_command(output: FormatOption = OutputFormat.TABLE) -> None:
    """Every round, newest first, with its reporting rate."""
    from minsheng.usecases.rounds import round_statuses  # noqa: PLC0415

    with database_session() as session:
        found = round_statuses(session)
    if output is OutputFormat.JSON:
        emit_json([_summary(status) for status in found])
        return
    table = new_table("id", "title", "plan", "years", "deadline", "due", "on time", "late", "open")
    for status in found:
        info, total = status.round, status.total
        table.add_row(str(info.id), info.title, info.plan, _years(status), str(info.deadline),
                      str(total.due), f"{total.rate:.0%}", str(total.late),
                      "yes" if info.is_open else "closed")  # fmt: skip
    console().print(table)


@round_app.command("status")
def status_command(round_id: int, output: FormatOption = OutputFormat.TABLE) -> None:
    """A round's reporting rate per department and per region."""
    from minsheng.usecases.rounds import round_status  # noqa: PLC0415

    with database_session() as session:
        status = round_status(session, round_id=round_id)
    if output is OutputFormat.JSON:
        emit_json(_summary(status, detail=True))
        return
    info = status.round
    typer.echo(f"{info.title} ({info.plan}, {_years(status)}), deadline {info.deadline}")
    for heading, tallies in (("department", status.departments), ("region", status.regions)):
        console().print(_tally_table(heading, tallies))


def _tally_table(heading: str, tallies: list[Tally]) -> Table:
    table = new_table(heading, "due", "submitted", "approved", "returned", "missing", "late",
                      "on-time rate")  # fmt: skip
    for t in tallies:
        table.add_row(t.name, *(str(n) for n in (t.due, t.submitted, t.approved, t.returned,
                      t.missing, t.late)), f"{t.rate:.0%}")  # fmt: skip
    return table


@round_app.command("remind")
def remind_command(
    round_id: int,
    department: Annotated[
        str | None, typer.Option(help="Only this department (default: every one still owing)")
    ] = None,
    author: AuthorOption = None,
) -> None:
    """Remind (催报) in-app, and by e-mail to the liaison mailbox when SMTP is configured."""
    from minsheng.usecases.rounds import remind, remind_all_late  # noqa: PLC0415

    who = author or getpass.getuser()
    with database_session() as session:
        if department:
            outcomes = [remind(session, round_id=round_id, department=department, author=who)]
        else:
            outcomes = remind_all_late(session, round_id=round_id, author=who)
    for outcome in outcomes:
        mailed = ", ".join(outcome.emailed_to) or f"no e-mail ({outcome.mail_problem})"
        typer.echo(f"reminded {outcome.department}: {outcome.outstanding} outstanding; "
                   f"in-app to {', '.join(outcome.in_app_to) or 'nobody'}; {mailed}")  # fmt: skip
    if not outcomes:
        typer.echo("nothing outstanding: nobody reminded")


@round_app.command("close")
def close_command(round_id: int, author: AuthorOption = None) -> None:
    """Close a round: it leaves the reporters' inboxes; its figures stay."""
    from minsheng.usecases.rounds import close_round  # noqa: PLC0415

    with database_session() as session:
        found = close_round(session, round_id=round_id, author=author or getpass.getuser())
        typer.echo(f"closed round {found.id}: {found.title}")


@round_app.command("contact")
def contact_command(
    department: Annotated[str, typer.Option(help="The department, e.g. 市卫健委")],
    email: Annotated[str, typer.Option(help="Its liaison mailbox (empty removes it)")],
    author: AuthorOption = None,
) -> None:
    """Set a department's liaison mailbox (联络邮箱), where 催报 e-mail goes."""
    from minsheng.usecases.rounds import set_contact_email  # noqa: PLC0415

    with database_session() as session:
        set_contact_email(session, department=department, email=email,
                          author=author or getpass.getuser())  # fmt: skip
    typer.echo(f"{department}: {email or 'no mailbox'}")


def _years(status: RoundStatus) -> str:
    info = status.round
    return str(info.first_year) if info.first_year == info.last_year else (
        f"{info.first_year}-{info.last_year}")  # fmt: skip


def _summary(status: RoundStatus, *, detail: bool = False) -> dict[str, object]:
    info = status.round
    found: dict[str, object] = {
        "id": info.id, "title": info.title, "plan": info.plan, "years": info.years,
        "deadline": info.deadline.isoformat(), "opened_by": info.opened_by,
        "opened_at": info.opened_at.isoformat(), "open": info.is_open,
        "total": _counts(status.total),
    }  # fmt: skip
    if detail:
        found["departments"] = [_counts(t) for t in status.departments]
        found["regions"] = [_counts(t) for t in status.regions]
    return found


def _counts(tally: Tally) -> dict[str, object]:
    names = ("name", "due", "submitted", "approved", "returned", "missing", "late", "on_time")
    found = {name: getattr(tally, name) for name in names}
    found["rate"] = round(tally.rate, 4)
    return found
