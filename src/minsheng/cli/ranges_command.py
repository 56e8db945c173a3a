"""`minsheng ranges set|list`: the plausible minimum and maximum of an indicator, for one
district or every region of a plan; review flags a submitted value outside its range."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from minsheng.cli.database import database_session

ranges_app = typer.Typer(
    help="Range rules for review: an indicator's plausible min and max.", no_args_is_help=True
)

PlanOption = Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")]


@ranges_app.command(name="set")
def set_command(
    plan: PlanOption,
    indicator: Annotated[str, typer.Option(help="The indicator's name in the plan")],
    region: Annotated[
        str | None, typer.Option(help="Only this district or county (default: every region)")
    ] = None,
    low: Annotated[float | None, typer.Option("--min", help="The smallest plausible value")] = None,
    high: Annotated[float | None, typer.Option("--max", help="The largest plausible value")] = None,
    author: Annotated[str | None, typer.Option(help="Name for the audit log")] = None,
) -> None:
    """Add or replace the range of the indicator (for the region, or every region)."""
    from minsheng.usecases.ranges import set_range  # noqa: PLC0415

    with database_session() as session:
        rule = set_range(session, plan=plan, indicator=indicator, region=region, low=low,
                         high=high, author=author or getpass.getuser())  # fmt: skip
        typer.echo(_line(rule.indicator, rule.region, rule.low, rule.high))


@ranges_app.command(name="list")
def list_command(
    plan: Annotated[str | None, typer.Option(help="Only this plan's ranges")] = None,
) -> None:
    """Every range rule, plan by plan in indicator order."""
    from minsheng.usecases.ranges import list_ranges  # noqa: PLC0415

    with database_session() as session:
        rules = list_ranges(session, plan=plan)
        for rule in rules:
            typer.echo(_line(rule.indicator, rule.region, rule.low, rule.high))
        if not rules:
            typer.echo("no range rules")


def _line(indicator: str, region: str | None, low: float | None, high: float | None) -> str:
    shown = (f"{bound:g}" if bound is not None else "any" for bound in (low, high))
    return f"{indicator}\t{region or 'every region'}\t" + "–".join(shown)
