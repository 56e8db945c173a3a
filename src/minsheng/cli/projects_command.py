"""`minsheng projects export|import|fill`: a plan's key projects as an XLSX sheet planners
edit, the edited sheet read back (all rows or none), and the fields the plan's text states
filled in (district, 建设性质, 总投资, years, responsible unit)."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from minsheng.cli.database import database_session

if TYPE_CHECKING:
    from minsheng.usecases.project_fill import FillResult

projects_app = typer.Typer(
    help="Key projects (重点项目): export, import edits, fill from the plan's text.",
    no_args_is_help=True,
)
PlanOption = Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")]
AuthorOption = Annotated[str | None, typer.Option(help="Name for the audit log")]
DistrictOption = Annotated[str | None, typer.Option(help="Only projects in this 区县")]
NatureOption = Annotated[str | None, typer.Option(help="Only this 建设性质, e.g. 新建")]


@projects_app.command("export")
def export_command(
    file: Annotated[Path, typer.Argument(help="The .xlsx file to write")],
    plan: PlanOption,
    district: DistrictOption = None,
    nature: NatureOption = None,
) -> None:
    """Write the plan's projects (optionally of one district or nature) as XLSX."""
    from minsheng.exports.projects_sheet import projects_xlsx  # noqa: PLC0415
    from minsheng.store.repositories.projects import ProjectCriteria  # noqa: PLC0415
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415
    from minsheng.usecases.project_sheets import sheet_years  # noqa: PLC0415
    from minsheng.usecases.read.paging import Slice  # noqa: PLC0415
    from minsheng.usecases.read.projects import find_projects  # noqa: PLC0415

    with database_session() as session:
        chosen = find_current_plan(session, region=plan)
        wanted = ProjectCriteria(plan_id=chosen.id, district=district, nature=nature)
        rows = find_projects(session, wanted, window=Slice.everything()).items
        file.write_bytes(projects_xlsx(rows, sheet_years(session, rows)))
    typer.echo(f"{len(rows)} key projects of {plan} written to {file}")


@projects_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="An exported .xlsx, edited", exists=True)],
    plan: PlanOption,
    author: AuthorOption = None,
) -> None:
    """Apply an edited sheet to the plan's projects; any bad row: nothing is written."""
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415
    from minsheng.usecases.project_sheets import import_sheet  # noqa: PLC0415

    with database_session() as session:
        chosen = find_current_plan(session, region=plan)
        result = import_sheet(
            session, path=file, plan_id=chosen.id, author=author or getpass.getuser()
        )
    typer.echo(f"{result.rows} rows read, {result.changed} projects of {plan} changed")


@projects_app.command("fill")
def fill_command(
    plan: Annotated[str | None, typer.Option(help="Only this plan's region (default: all)")] = None,
    document: Annotated[
        Path | None,
        typer.Option("--from", help="The plan document to read the text from", exists=True),
    ] = None,
    author: AuthorOption = None,
) -> None:
    """Fill the fields the plan's text states, never over planners' edits. Stored plans
    imported from the bundled data keep no prose: give the document with --from."""
    from minsheng.ingest import parse_file  # noqa: PLC0415
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415
    from minsheng.usecases.project_fill import fill_current_plans, fill_plan  # noqa: PLC0415

    who = author or getpass.getuser()
    with database_session() as session:
        parsed = parse_file(document) if document else None
        region = plan or (parsed.plan.region if parsed else None)
        if region is None:
            results = fill_current_plans(session, author=who)
        else:
            chosen = find_current_plan(session, region=region)
            results = [fill_plan(session, plan_id=chosen.id, author=who, parsed=parsed)]
    for result in results:
        typer.echo(_summary(result))


def _summary(result: FillResult) -> str:
    counts = ", ".join(f"{name} {count}" for name, count in result.filled.items() if count)
    carried = f"; {result.carried} took the previous version's edits" if result.carried else ""
    return f"{result.region}: {result.projects} projects ({counts or 'nothing stated'}){carried}"
