"""`minsheng assign` and `minsheng unassign`: which department reports which indicator of
a plan, for every region or one district (what templates, forms and review follow)."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING, Annotated

import typer

from minsheng.cli.database import database_session

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DepartmentOption = Annotated[str, typer.Option(help="The reporting department, e.g. 市卫健委")]
PlanOption = Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")]
IndicatorOption = Annotated[str, typer.Option(help="The indicator's name in the plan")]
RegionOption = Annotated[
    str | None, typer.Option(help="Only this district or county (default: every region)")
]
AuthorOption = Annotated[str | None, typer.Option(help="Name for the audit log")]


def assign_command(
    department: DepartmentOption,
    plan: PlanOption,
    indicator: IndicatorOption,
    region: RegionOption = None,
    author: AuthorOption = None,
) -> None:
    """Let the department report the indicator (the department is created if new)."""
    from minsheng.usecases.assignments import assign  # noqa: PLC0415

    with database_session() as session:
        indicator_id, region_id = _resolved(session, plan, indicator, region)
        assign(session, department=department, indicator_id=indicator_id, region_id=region_id,
               author=author or getpass.getuser())  # fmt: skip
    typer.echo(f"{department} reports {indicator} for {region or 'every region'} of {plan}")


def unassign_command(
    department: DepartmentOption,
    plan: PlanOption,
    indicator: IndicatorOption,
    region: RegionOption = None,
    author: AuthorOption = None,
) -> None:
    """Take the assignment away (exactly as it was given: every region, or the district)."""
    from minsheng.usecases.assignments import unassign  # noqa: PLC0415

    with database_session() as session:
        indicator_id, region_id = _resolved(session, plan, indicator, region)
        unassign(session, department=department, indicator_id=indicator_id, region_id=region_id,
                 author=author or getpass.getuser())  # fmt: skip
    typer.echo(f"{department} no longer reports {indicator} for {region or 'every region'}")


def _resolved(
    session: Session, plan: str, indicator: str, region: str | None
) -> tuple[int, int | None]:
    """The indicator's id in the plan, and the region's id among the plan's city and its
    districts (None: every region)."""
    from minsheng.errors import InputProblem  # noqa: PLC0415
    from minsheng.store.repositories import regions  # noqa: PLC0415
    from minsheng.usecases.plans import find_current_plan, indicator_named  # noqa: PLC0415

    chosen = find_current_plan(session, region=plan)
    indicator_id = indicator_named(session, plan_id=chosen.id, name=indicator)
    if region is None:
        return indicator_id, None
    known = [chosen.region, *regions.ensure_known_children(session, region=chosen.region)]
    found = next((r for r in known if region in (r.name, r.code)), None)
    if found is None:
        raise InputProblem(f"{region!r} is not {plan} or one of its districts", field="region")
    return indicator_id, found.id
