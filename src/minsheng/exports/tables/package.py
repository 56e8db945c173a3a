"""One plan version published whole: every table, the plan's metadata first."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from minsheng.exports.tables.evaluations import evaluations_table, sample_keys
from minsheng.exports.tables.facilities import facilities_table
from minsheng.exports.tables.metadata import metadata_table
from minsheng.exports.tables.observations import observations_table, revisions_table
from minsheng.exports.tables.plan import (
    columns_table,
    indicators_table,
    key_projects_table,
    plan_table,
    previous_results_table,
    service_items_table,
)
from minsheng.exports.tables.problems import problems_table
from minsheng.exports.tables.schema import Package, Table, package_name
from minsheng.model.plan import period_name
from minsheng.store.tables import Plan

Builder = Callable[[Session, Plan], Table]


def _evaluations(session: Session, plan: Plan) -> Table:
    return evaluations_table(session, plan, sample_keys(observations_table(session, plan)))


PUBLISHED: dict[str, Builder] = {
    "plan": lambda _, plan: plan_table(plan),
    "indicators": indicators_table,
    "indicator_metadata": metadata_table,
    "previous_plan_results": previous_results_table,
    "service_items": service_items_table,
    "columns": columns_table,
    "key_projects": key_projects_table,
    "observations": observations_table,
    "evaluations": _evaluations,
    "facilities": facilities_table,
    "problems": problems_table,
}
"""The published tables of a plan, by name, in the package's order."""
OPTIONAL = ("facilities", "problems")
"""Tables left out of a package when the plan has no rows of them."""


def plan_package(session: Session, plan: Plan, *, published_only: bool = False) -> Package:
    """Every table of one plan version, the plan's metadata first.

    `published_only` leaves out the revision history — drafts, returned values with their
    reasons, who wrote what — which is for administrators, not the public. Every other
    table is published data: no staff names, no server paths.
    """
    observations = observations_table(session, plan)
    tables = [
        observations if name == "observations" else build(session, plan)
        for name, build in PUBLISHED.items()
        if name not in {"evaluations", *OPTIONAL}
    ]
    tables.append(evaluations_table(session, plan, sample_keys(observations)))
    if not published_only:
        tables.append(revisions_table(session, plan))
    optional = (PUBLISHED[name](session, plan) for name in OPTIONAL)
    tables.extend(table for table in optional if table.rows)
    return _package(plan, tables)


def plan_table_package(session: Session, plan: Plan, name: str) -> Package:
    """One published table of the plan (`PUBLISHED`) as a package of its own."""
    return _package(plan, [PUBLISHED[name](session, plan)])


def _package(plan: Plan, tables: list[Table]) -> Package:
    name = package_name("plan", plan.region.code or str(plan.id))
    return Package(name, plan.title or "", tables, file_stem(plan), plan.region.name)


def file_stem(plan: Plan) -> str:
    """What a plan's files are called: 合肥市-十四五 (the region alone for an unknown period)."""
    period = period_name(plan.period_start)
    return f"{plan.region.name}-{period}" if period else plan.region.name
