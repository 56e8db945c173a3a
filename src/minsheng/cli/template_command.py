"""`minsheng template`: the Excel workbook a department fills in for a plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from minsheng.cli.database import opened_database
from minsheng.cli.errors import reported_errors
from minsheng.errors import InputProblem


def parse_years(text: str) -> list[int]:
    """`2021-2025` or `2023,2024` or `2023`."""
    try:
        if "-" in text:
            first, last = (int(part) for part in text.split("-", 1))
            return list(range(first, last + 1))
        return [int(part) for part in text.split(",")]
    except ValueError as error:
        raise InputProblem(
            f"years {text!r}: write 2021-2025 or 2023,2024", field="years"
        ) from error


def template(
    plan: Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")],
    department: Annotated[str, typer.Option(help="The reporting department, e.g. 市卫健委")],
    years: Annotated[str, typer.Option(help="Years to report: 2021-2025 or 2023,2024")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the .xlsx")],
    domain: Annotated[
        list[str] | None, typer.Option(help="Only this domain's indicators (repeatable)")
    ] = None,
    districts: Annotated[
        bool, typer.Option(help="Also a row per district and county of the plan's city")
    ] = True,
) -> None:
    """Write a workbook with one row per indicator × region × year, ready to fill in:
    the department's assigned indicators and regions when it has assignments (see
    `minsheng user`/the admin pages), else every indicator of the plan."""
    from minsheng.collect import write_template  # noqa: PLC0415
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.template import template_for  # noqa: PLC0415

    with reported_errors():
        chosen_years = parse_years(years)
    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        spec = template_for(
            session,
            region=plan,
            department=department,
            years=chosen_years,
            domains=domain,
            districts=districts,
            by_assignments=True,
        )
    write_template(spec, output)
    typer.echo(
        f"{output}: {len(spec.rows)} indicator × region rows for {len(chosen_years)} year(s)"
    )
