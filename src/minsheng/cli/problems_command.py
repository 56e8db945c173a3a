"""`minsheng problems`: the rectification ledger from the command line — list it, open a
problem, close one on evidence, export it as XLSX or CSV."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from minsheng.cli.database import database_session
from minsheng.cli.output import OutputFormat, console, emit_json, new_table

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from minsheng.usecases.problems import ProblemQuery

problems_app = typer.Typer(help="问题清单 → 整改台账: list, open, close, export problems.")

AuthorOption = Annotated[str | None, typer.Option(help="Name for the audit log")]
StateOption = Annotated[
    str | None, typer.Option("--status", help="active, open, in_progress, overdue or closed")
]
PlanOption = Annotated[str | None, typer.Option(help="Region of the plan, e.g. 合肥市")]
DepartmentOption = Annotated[str | None, typer.Option(help="Owner department")]
DocumentOption = Annotated[
    Path | None,
    typer.Option(exists=True, dir_okay=False, help="Evidence file (kept in the DB)"),
]
KindOption = Annotated[
    str | None, typer.Option(help="red, yellow, standard, equalization, complaints, other")
]


def _query(session: Session, status: str | None, plan: str | None, department: str | None,
           kind: str | None) -> ProblemQuery:  # fmt: skip
    from minsheng.errors import InputProblem  # noqa: PLC0415
    from minsheng.store.repositories.problems import department_by_name  # noqa: PLC0415
    from minsheng.usecases.clock import beijing_today  # noqa: PLC0415
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415
    from minsheng.usecases.problems import ProblemQuery  # noqa: PLC0415

    owner = department_by_name(session, name=department) if department else None
    if department and owner is None:
        raise InputProblem(f"没有名为“{department}”的部门", field="department")
    plan_id = find_current_plan(session, region=plan).id if plan else None
    return ProblemQuery(beijing_today(), status, owner.id if owner else None, kind, plan_id)


@problems_app.command("list")
def list_command(
    status: StateOption = None, plan: PlanOption = None, department: DepartmentOption = None,
    kind: KindOption = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="table or json")] = (
        OutputFormat.TABLE
    ),
) -> None:  # fmt: skip
    """The ledger: not closed first, soonest deadline first, with the counts."""
    from minsheng.usecases.problems import ledger_row, problem_ledger  # noqa: PLC0415

    with database_session() as session:
        ledger = problem_ledger(session, _query(session, status, plan, department, kind))
    if output is OutputFormat.JSON:
        emit_json([ledger_row(view) for view in ledger.problems])
        return
    table = new_table("id", "title", "kind", "department", "deadline", "state")
    for view in ledger.problems:
        table.add_row(str(view.id), view.title, view.kind, view.department,
                      view.deadline.isoformat(), view.state)  # fmt: skip
    console().print(table)
    counts = ledger.counts
    typer.echo(f"open {counts['open']}, overdue {counts['overdue']}, closed {counts['closed']}")


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise typer.BadParameter(f"{text!r} is not a date YYYY-MM-DD", param_hint=option) from error


@problems_app.command("open")
def open_command(
    title: Annotated[str, typer.Option(help="问题名称")],
    department: Annotated[str, typer.Option(help="Owner department (责任部门)")],
    measures: Annotated[str, typer.Option(help="整改措施")],
    deadline: Annotated[str, typer.Option(help="整改期限 YYYY-MM-DD (Beijing)")],
    plan: PlanOption = None,
    kind: Annotated[str, typer.Option(help="red, yellow, standard, …")] = "other",
    indicator: Annotated[int | None, typer.Option(help="Source indicator id")] = None,
    region: Annotated[int | None, typer.Option(help="Source region id")] = None,
    year: Annotated[int | None, typer.Option(help="Source year")] = None,
    source: Annotated[str, typer.Option(help="Source in words")] = "",
    author: AuthorOption = None,
) -> None:  # fmt: skip
    """Open a problem with an owner department, measures and a deadline."""
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415
    from minsheng.usecases.problems import ProblemDraft, open_problem  # noqa: PLC0415

    due = _date(deadline, "--deadline")
    with database_session() as session:
        plan_id = find_current_plan(session, region=plan).id if plan else None
        draft = ProblemDraft(plan_id, title, kind, department, measures, due, indicator,
                             region, year, None, source)  # fmt: skip
        found = open_problem(session, draft, author=author or getpass.getuser())
        typer.echo(f"opened problem {found.id}: {found.title}, deadline {found.deadline}")


@problems_app.command("close")
def close_command(
    problem_id: int,
    note: Annotated[str, typer.Option(help="销号说明: what the evidence shows")],
    value: Annotated[float | None, typer.Option(help="The value after rectification")] = None,
    document: DocumentOption = None,
    author: AuthorOption = None,
) -> None:  # fmt: skip
    """Close a problem on evidence: a note and a value or a document."""
    import mimetypes  # noqa: PLC0415

    from minsheng.usecases.problems import Evidence, close_problem  # noqa: PLC0415
    from minsheng.usecases.users import Account  # noqa: PLC0415

    media = mimetypes.guess_type(document.name)[0] if document else None
    evidence = Evidence(note, value, document.name if document else None, media,
                        document.read_bytes() if document else None)  # fmt: skip
    who = Account(0, author or getpass.getuser(), "planner", None)
    with database_session() as session:
        close_problem(session, problem_id=problem_id, account=who, evidence=evidence)
    typer.echo(f"closed problem {problem_id}")


@problems_app.command("export")
def export_command(
    output: Annotated[Path, typer.Argument(help="FILE.xlsx or FILE.csv")],
    status: StateOption = None, plan: PlanOption = None, department: DepartmentOption = None,
    kind: KindOption = None,
) -> None:  # fmt: skip
    """Write the ledger (as filtered) to an XLSX or CSV file."""
    from minsheng.exports import writers  # noqa: PLC0415
    from minsheng.usecases.problems import COLUMNS, ledger_row, problem_ledger  # noqa: PLC0415

    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise typer.BadParameter("the file must end in .xlsx or .csv", param_hint="OUTPUT")
    with database_session() as session:
        ledger = problem_ledger(session, _query(session, status, plan, department, kind))
    rows = [ledger_row(view) for view in ledger.problems]
    if suffix == ".csv":
        output.write_bytes(writers.csv_bytes(COLUMNS, rows))
    else:
        workbook = writers.empty_workbook()
        writers.add_sheet(workbook, "整改台账", COLUMNS, rows)
        output.write_bytes(writers.workbook_bytes(workbook))
    typer.echo(f"wrote {len(rows)} problems to {output}")
