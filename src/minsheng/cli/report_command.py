"""`minsheng report evaluation|annual`: a plan's evaluation report or a region's annual report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from minsheng.cli.database import opened_database
from minsheng.cli.errors import reported_errors
from minsheng.reports.formats import ReportFormat

report_app = typer.Typer(help="Write reports as DOCX or PDF.", no_args_is_help=True)

YearOption = Annotated[
    int | None, typer.Option(help="As of this year (default: this year within the period)")
]
FormatOption = Annotated[
    ReportFormat, typer.Option("--format", help="docx, or pdf via LibreOffice")
]
OutputOption = Annotated[Path, typer.Option("-o", "--output", help="File to write")]
TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        help="House template (.docx) the report fills (default: MINSHENG_REPORT_TEMPLATE)",
    ),
]
IssuerOption = Annotated[
    str, typer.Option("--issuer", help="Issuing organisation, the document's author")
]


@report_app.command("evaluation")
def evaluation(
    plan: Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")],
    output: OutputOption,
    year: YearOption = None,
    output_format: FormatOption = ReportFormat.DOCX,
    template: TemplateOption = None,
    issuer: IssuerOption = "",
) -> None:
    """The evaluation report: mid-term for 2023, final for 2025, else annual."""
    _write("evaluation", plan, year, output_format, output, (template, issuer))


@report_app.command("annual")
def annual(
    region: Annotated[str, typer.Option(help="Region whose plan it reports on, e.g. 合肥市")],
    output: OutputOption,
    year: YearOption = None,
    output_format: FormatOption = ReportFormat.DOCX,
    template: TemplateOption = None,
    issuer: IssuerOption = "",
) -> None:
    """The annual public report on the region's public services, in plain language."""
    _write("annual", region, year, output_format, output, (template, issuer))


def _write(
    kind: str,
    region: str,
    year: int | None,
    fmt: ReportFormat,
    output: Path,
    house: tuple[Path | None, str],
) -> None:
    from minsheng.reports import RenderedReport, render_report, to_format  # noqa: PLC0415
    from minsheng.settings import get_settings  # noqa: PLC0415
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.read.plans import plan_named  # noqa: PLC0415

    template, issuer = house
    from minsheng.reports.templates import check_template  # noqa: PLC0415

    template = template or get_settings().report_template
    with reported_errors():  # a bad template is refused before any database work
        template = check_template(template) if template is not None else None
    with opened_database() as database, reported_errors():
        with session_scope(database.engine) as session:
            plan_id = plan_named(session, region=region).id
            report: RenderedReport = render_report(
                session, kind=kind, plan_id=plan_id, year=year, template=template, author=issuer
            )
        output.write_bytes(to_format(report, fmt, long_lived=False))  # one PDF: cold is faster
    typer.echo(f"wrote {output}: {report.title} ({fmt.value})")
