"""Where a plan's key projects may lie (the districts and counties of its city) and the
years its yearly investment covers: what the form, the sheet and filling check against."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem
from minsheng.model.gazetteer import known_children
from minsheng.store.repositories import regions
from minsheng.store.tables import Plan, Region

COUNTY_LEVELS = ("district", "county")


def district_names(session: Session, plan: Plan) -> list[str]:
    """The county-level units a plan's projects may lie in: the plan's own region for a
    district's plan, else the city's districts and counties (gazetteer and stored)."""
    region = plan.region
    if region.level in COUNTY_LEVELS:
        return [region.name]
    known = [r.name for r in known_children(region.code)]
    stored = [r.name for r in regions.children(session, region_id=region.id)]
    return list(dict.fromkeys([*known, *stored]))


def district_region(session: Session, plan: Plan, name: str) -> Region:
    """The stored region of a district name the plan allows, stored from the gazetteer."""
    return district_finder(session, plan)(name)


def district_finder(session: Session, plan: Plan) -> Callable[[str], Region]:
    """`district_region` for many names of one plan: its districts are stored and read
    once, when a name is first looked up (Hefei's projects read them 170 times before)."""
    if plan.region.level in COUNTY_LEVELS:
        return lambda name: plan.region
    stored: list[Region] = []

    def find(name: str) -> Region:
        if not stored:
            stored.extend(regions.ensure_known_children(session, region=plan.region))
        named = [region for region in stored if region.name == name]
        if not named:
            raise InputProblem(f"“{name}”不是本规划地区的区县", field="district")
        return named[0]

    return find


def plan_years(plan: Plan) -> range:
    """The plan's period, for yearly investment (2021–2025 when the plan does not say)."""
    start = plan.period_start or 2021
    return range(start, (plan.period_end or start + 4) + 1)
