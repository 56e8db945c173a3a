"""`minsheng compare INDICATOR`: one concept across every stored plan and the nation."""

from __future__ import annotations

from typing import Annotated

import typer

from minsheng.cli.database import opened_database
from minsheng.cli.errors import reported_errors
from minsheng.cli.evaluate_command import evaluation_json
from minsheng.cli.output import OutputFormat, console, emit_json, new_table


def compare(
    indicator: Annotated[str, typer.Argument(help="Any wording of the indicator's name")],
    year: Annotated[
        int | None,
        typer.Option(help="Evaluate as of this year (default: the newest with approved data)"),
    ] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TABLE,
) -> None:
    """Baseline, target, latest value and status of the concept in every plan."""
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.compare import compare_indicator  # noqa: PLC0415
    from minsheng.usecases.read.evaluations import checked_across_plans  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        checked_across_plans(session, year)
        comparison = compare_indicator(session, name=indicator, year=year)
    if output_format is OutputFormat.JSON:
        emit_json(
            {
                "concept": comparison.concept,
                "key": comparison.entry.key if comparison.entry else None,
                "plans": [
                    {
                        **evaluation_json(row.evaluation),
                        "unit": row.unit,
                        "reference": row.is_reference,
                    }
                    for row in comparison.rows
                ],
            }
        )
        return
    table = new_table("region", "indicator", "unit", "2020", "target", "latest", "status")
    for row in comparison.rows:
        e = row.evaluation
        region = f"{row.region} (reference)" if row.is_reference else row.region
        latest = "" if e.value is None else f"{e.value:g} ({e.year})"
        table.add_row(
            region, e.name, row.unit or "", e.baseline.raw, e.target.raw, latest, e.status
        )
    out = console()
    out.print(f"[bold]{comparison.concept}[/bold]")
    out.print(table)
