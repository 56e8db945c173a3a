"""`minsheng survey …`: satisfaction surveys — publish one for a plan, list them, show and
export the results, import a third party's results (XLSX), close one."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from minsheng.cli.database import database_session
from minsheng.cli.output import OutputFormat, console, emit_json, new_table

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

survey_app = typer.Typer(help="Satisfaction surveys (满意度调查).", no_args_is_help=True)

AuthorOption = Annotated[str | None, typer.Option(help="Name for the audit log")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="table or json")]


def _item_ids(session: Session, plan_id: int, names: list[str]) -> list[int]:
    """Service items of the plan by name; an unknown name is refused, never guessed."""
    from minsheng.errors import InputProblem  # noqa: PLC0415
    from minsheng.usecases.surveys import plan_choices  # noqa: PLC0415

    choices = plan_choices(session, plan_id=plan_id)
    known = {name: item_id for items in choices.items.values() for item_id, name in items}
    for name in names:
        if name not in known:
            raise InputProblem(f"本规划没有名为“{name}”的服务事项", field="item")
    return [known[name] for name in names]


@survey_app.command("publish")
def publish_command(
    plan: Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")],
    title: Annotated[str, typer.Option(help="The survey's name")],
    period: Annotated[str, typer.Option(help="The period surveyed, e.g. 2026年")],
    domain: Annotated[list[str] | None, typer.Option(help="A domain to ask about (repeat)")] = None,
    item: Annotated[list[str] | None, typer.Option(help="A service item's name (repeat)")] = None,
    author: AuthorOption = None,
) -> None:
    """Publish a survey: one 5-point question per domain and per service item named."""
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415
    from minsheng.usecases.surveys import SurveyDraft, publish_survey  # noqa: PLC0415

    with database_session() as session:
        plan_id = find_current_plan(session, region=plan).id
        draft = SurveyDraft(plan_id, title, period, list(domain or []),
                            _item_ids(session, plan_id, list(item or [])))  # fmt: skip
        survey_id = publish_survey(session, draft, author=author or getpass.getuser())
    typer.echo(f"published survey {survey_id}: answers at /survey/{survey_id}")


@survey_app.command("list")
def list_command(
    open_only: Annotated[bool, typer.Option("--open", help="Only open surveys")] = False,
    output: FormatOption = OutputFormat.TABLE,
) -> None:
    """Surveys, newest first."""
    from minsheng.usecases.surveys import list_surveys  # noqa: PLC0415

    with database_session() as session:
        found = list_surveys(session, open_only=open_only)
    if output is OutputFormat.JSON:
        emit_json([{"id": s.id, "plan": s.plan_name, "title": s.title, "period": s.period,
                    "status": s.status, "responses": s.responses} for s in found])  # fmt: skip
        return
    table = new_table("id", "plan", "title", "period", "status", "responses")
    for s in found:
        table.add_row(str(s.id), s.plan_name, s.title, s.period, s.status_label, str(s.responses))
    console().print(table)


@survey_app.command("results")
def results_command(survey_id: int, output: FormatOption = OutputFormat.TABLE) -> None:
    """Respondents, mean and 95 % interval by question, domain, item and district."""
    from minsheng.exports.surveys import result_rows  # noqa: PLC0415
    from minsheng.usecases.surveys import survey_results  # noqa: PLC0415

    with database_session() as session:
        rows = result_rows(survey_results(session, survey_id=survey_id, with_comments=False))
    if output is OutputFormat.JSON:
        emit_json(rows)
        return
    table = new_table(*rows[0].keys())
    for row in rows:
        table.add_row(*("" if value is None else str(value) for value in row.values()))
    console().print(table)


@survey_app.command("export")
def export_command(
    survey_id: int,
    output: Annotated[Path, typer.Argument(help="The file to write: .xlsx or .csv")],
    comments: Annotated[bool, typer.Option(help="Add the comments sheet (XLSX)")] = False,
) -> None:
    """Write the results as XLSX (with the survey's particulars) or CSV."""
    from minsheng.errors import InputProblem  # noqa: PLC0415
    from minsheng.exports.surveys import results_file  # noqa: PLC0415
    from minsheng.usecases.surveys import survey_results  # noqa: PLC0415

    with database_session() as session:
        suffix = output.suffix.lower().lstrip(".")
        if suffix not in {"xlsx", "csv"}:
            raise InputProblem("输出文件应以 .xlsx 或 .csv 结尾", file=str(output))
        found = survey_results(session, survey_id=survey_id, with_comments=comments)
        content, _, _ = results_file(found, suffix)
    output.write_bytes(content)
    typer.echo(f"wrote {output}")


@survey_app.command("import")
def import_command(
    survey_id: int,
    source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="XLSX file")],
    author: AuthorOption = None,
) -> None:
    """Import a third party's results: 区县, a 1–5 column per question (text or number), 意见."""
    from minsheng.usecases.surveys import import_results  # noqa: PLC0415

    with database_session() as session:
        stored = import_results(session, survey_id=survey_id, data=source.read_bytes(),
                                name=source.name, author=author or getpass.getuser())  # fmt: skip
    typer.echo(f"imported {stored} responses into survey {survey_id}")


@survey_app.command("close")
def close_command(survey_id: int, author: AuthorOption = None) -> None:
    """Stop taking answers; the results stay."""
    from minsheng.usecases.surveys import close_survey  # noqa: PLC0415

    with database_session() as session:
        close_survey(session, survey_id=survey_id, author=author or getpass.getuser())
    typer.echo(f"closed survey {survey_id}")
