"""`minsheng suggestions …`: public suggestions and replies — the queue (contacts only
when asked), statistics by topic, and moderation (route, reject) and replies as a planner."""

from __future__ import annotations

import getpass
from typing import Annotated, Any

import typer

from minsheng.cli.database import database_session
from minsheng.cli.output import OutputFormat, console, emit_json, new_table

suggestions_app = typer.Typer(
    help="Public suggestions and replies (意见建议).", no_args_is_help=True
)

AuthorOption = Annotated[str | None, typer.Option(help="Planner name for the audit log")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="table or json")]
PlanOption = Annotated[str | None, typer.Option(help="Region of the plan, e.g. 合肥市")]


def _planner(author: str | None) -> Any:
    from minsheng.usecases.users import Account  # noqa: PLC0415

    return Account(0, author or getpass.getuser(), "planner", None)


def _plan_id(session: Any, plan: str | None) -> int | None:
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415

    return find_current_plan(session, region=plan).id if plan else None


@suggestions_app.command("list")
def list_command(
    state: Annotated[str | None, typer.Option(
        "--status", help="pending, open, overdue, replied or rejected")] = None,
    contacts: Annotated[bool, typer.Option(help="Include the residents' contacts")] = False,
    output: FormatOption = OutputFormat.TABLE,
) -> None:  # fmt: skip
    """Every suggestion, newest first (the moderators' queue)."""
    from minsheng.usecases.suggestions import staff_queue  # noqa: PLC0415

    with database_session() as session:
        queue = staff_queue(session, account=_planner(None), state=state)
    rows = [{"id": s.id, "plan": s.plan, "domain": s.domain, "district": s.district,
             "submitted_at": f"{s.submitted_at:%Y-%m-%d %H:%M}", "state": s.state,
             "department": s.department, "text": s.text, "reply": s.reply or "",
             **({"contact": s.contact or ""} if contacts else {})} for s in queue]  # fmt: skip
    if output is OutputFormat.JSON:
        emit_json(rows)
        return
    table = new_table(*(rows[0].keys() if rows else ("id", "state", "text")))
    for row in rows:
        table.add_row(*(str(value) for value in row.values()))
    console().print(table)


@suggestions_app.command("stats")
def stats_command(plan: PlanOption = None, output: FormatOption = OutputFormat.TABLE) -> None:
    """Counts by state and, by topic, received, replied, open and median days to reply."""
    from minsheng.usecases.suggestions import suggestion_stats  # noqa: PLC0415

    with database_session() as session:
        stats = suggestion_stats(session, plan_id=_plan_id(session, plan))
    if output is OutputFormat.JSON:
        emit_json({"counts": stats.counts, "median_days": stats.median_days,
                   "topics": [vars(t) for t in stats.topics]})  # fmt: skip
        return
    table = new_table("topic", "received", "replied", "open", "median days")
    for t in stats.topics:
        days = "—" if t.median_days is None else f"{t.median_days:g}"
        table.add_row(t.domain, str(t.received), str(t.replied), str(t.open), days)
    console().print(table)
    typer.echo(", ".join(f"{k} {v}" for k, v in stats.counts.items()))


@suggestions_app.command("route")
def route_command(
    suggestion_id: int,
    department: Annotated[str, typer.Option(help="The department that answers (承办部门)")],
    private: Annotated[bool, typer.Option(help="Route without publishing")] = False,
    author: AuthorOption = None,
) -> None:
    """Accept a suggestion: publish it (unless --private) and route it to a department."""
    from minsheng.usecases.suggestions import route  # noqa: PLC0415

    with database_session() as session:
        route(session, suggestion_id=suggestion_id, account=_planner(author),
              department=department, publish=not private)  # fmt: skip
    typer.echo(f"routed suggestion {suggestion_id} to {department}")


@suggestions_app.command("reject")
def reject_command(
    suggestion_id: int,
    reason: Annotated[str, typer.Option(help="spam or abusive")],
    author: AuthorOption = None,
) -> None:
    """Reject a suggestion as spam or abusive; it is never published."""
    from minsheng.usecases.suggestions import reject  # noqa: PLC0415

    with database_session() as session:
        reject(session, suggestion_id=suggestion_id, account=_planner(author), reason=reason)
    typer.echo(f"rejected suggestion {suggestion_id} ({reason})")


@suggestions_app.command("reply")
def reply_command(
    suggestion_id: int,
    text: Annotated[str, typer.Option(help="The answer, published with the question")],
    author: AuthorOption = None,
) -> None:
    """Reply to a routed suggestion (as a planner, on the department's behalf)."""
    from minsheng.usecases.suggestions import reply  # noqa: PLC0415

    with database_session() as session:
        reply(session, suggestion_id=suggestion_id, account=_planner(author), text=text)
    typer.echo(f"replied to suggestion {suggestion_id}")
