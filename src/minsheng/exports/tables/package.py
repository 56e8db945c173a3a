"""One plan version published whole: every table, the plan's metadata first."""

from __future__ import annotations

from sqlalchemy.orm import Session

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
from minsheng.exports.tables.schema import Package, package_name
from minsheng.store.tables import Plan


def plan_package(session: Session, plan: Plan, *, published_only: bool = False) -> Package:
    """Every table of one plan version, the plan's metadata first.

    `published_only` leaves out the revision history — drafts, returned values with their
    reasons, who wrote what — which is for administrators, not the public.
    """
    tables = [
        plan_table(plan),
        indicators_table(session, plan),
        metadata_table(session, plan),
        previous_results_table(session, plan),
        service_items_table(session, plan),
        columns_table(session, plan),
        key_projects_table(session, plan),
        observations_table(session, plan),
    ]
    if not published_only:
        tables.append(revisions_table(session, plan))
    facilities = facilities_table(session, plan)
    if facilities.rows:  # a city without a facility list has no such table
        tables.append(facilities)
    problems = problems_table(session, plan)
    if problems.rows:  # a plan without a problem list has no such table
        tables.append(problems)
    return Package(package_name("plan", plan.region.code or str(plan.id)), plan.title or "", tables)
