"""`minsheng parse FILE`: show what a plan document contains, as JSON or a summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from minsheng.cli.errors import reported_errors
from minsheng.cli.output import OutputFormat, console, new_table
from minsheng.model.plan import ParsedPlan

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def parse(
    file: Annotated[Path, typer.Argument(help="Plan document: .txt, .docx, .html or .pdf")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="json (the documented schema) or table")
    ] = OutputFormat.JSON,
) -> None:
    """Parse a plan document into a structured plan (see docs/parse-schema.json)."""
    from minsheng.ingest import parse_file  # noqa: PLC0415

    with reported_errors():
        plan = parse_file(file)
    if output_format is OutputFormat.JSON:
        typer.echo(plan.model_dump_json(indent=2))
    else:
        print_summary(plan, console())


def print_summary(plan: ParsedPlan, console: Console) -> None:
    """A person's view: metadata, counts, the indicator table and the warnings."""
    meta = plan.plan
    period = f"{meta.period.start}–{meta.period.end}" if meta.period else "?"
    console.print(f"[bold]{meta.title or '(no title)'}[/bold]  {plan.source}")
    console.print(
        f"region {meta.region} ({meta.level}), {meta.province}; period {period}; "
        f"issued {meta.issue_date or '?'}"
    )
    console.print(
        f"{len(plan.outline)} headings, {len(plan.indicators)} indicators, "
        f"{len(plan.previous_plan_results)} previous-plan results, "
        f"{len(plan.service_items)} service items, {len(plan.columns)} columns, "
        f"{len(plan.projects)} key projects, {len(plan.warnings)} warnings"
    )
    console.print(_indicator_table(plan))
    for warning in plan.warnings:
        console.print(f"[yellow]warning[/yellow] line {warning.line}: {warning.message}")


def _indicator_table(plan: ParsedPlan) -> Table:
    table = new_table("domain", "indicator", "unit", "2020", "2025", "attribute", "cumulative")
    table.columns[1].overflow = "fold"
    for indicator in plan.indicators:
        table.add_row(
            indicator.domain,
            indicator.name,
            indicator.unit or "",
            indicator.baseline.raw,
            indicator.target.raw,
            indicator.attribute or "",
            "yes" if indicator.cumulative else "",
        )
    return table
