"""Finding stored plans and the regions they cover, by the names people use."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, NotFound
from minsheng.evaluate import IndicatorTarget
from minsheng.model.plan import PERIOD_NAMES
from minsheng.store.repositories import plan_parts, plans, regions
from minsheng.store.tables import Indicator, Plan, Region
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.read.targets import target_of


def find_current_plan(session: Session, *, region: str) -> Plan:
    """The current plan of the region named `region` (合肥市, 崆峒区, 全国): its newest
    period's, or the period the name adds (合肥市十四五, 合肥市“十四五”)."""
    name, period_start = split_period(region)
    found = [
        plan
        for stored in regions.find_by_name(session, name=name)
        if (plan := _current(session, stored.id, period_start)) is not None
    ]
    if not found:
        known = ", ".join(p.region.name for p in plans.current_plans(session)) or "none"
        raise NotFound(f"no plan stored for {region!r}; stored plans: {known}")
    if len(found) > 1:
        raise InputProblem(f"{region!r} names more than one region with a plan", field="plan")
    return found[0]


_WITH_PERIOD = re.compile(r"^(?P<region>.+?)[“\"]?(?P<period>十[三四五六]五)[”\"]?$")
_PERIOD_STARTS = {name: start for start, name in PERIOD_NAMES.items()}


def split_period(name: str) -> tuple[str, int | None]:
    """(region name, the first year of the period the name adds, if it adds one)."""
    match = _WITH_PERIOD.match(name.strip())
    if match is None:
        return name, None
    return match["region"], _PERIOD_STARTS[match["period"]]


def _current(session: Session, region_id: int, period_start: int | None) -> Plan | None:
    if period_start is None:
        return plans.current_plan(session, region_id=region_id)
    return plans.current_plan_of_period(session, region_id=region_id, period_start=period_start)


def indicator_named(session: Session, *, plan_id: int, name: str) -> int:
    """The id of the plan's indicator of this name, or of the one the catalogue knows by
    it (for the edges, where people name indicators)."""
    stored = plan_parts.indicators_of(session, plan_id=plan_id)
    exact = [i for i in stored if i.name == name]
    entry = catalogue_for(session).match(name)
    linked = [i for i in stored if entry is not None and i.catalogue_key == entry.key]
    for found in (exact, linked):
        if found:
            return found[0].id
    raise InputProblem(f"the plan has no indicator {name!r}", field="indicator")


def covered_regions(session: Session, plan: Plan, *, store_children: bool) -> list[Region]:
    """The plan's region first, then its districts and counties (stored on demand)."""
    if store_children:
        below = regions.ensure_known_children(session, region=plan.region)
    else:
        below = regions.children(session, region_id=plan.region_id)
    return [plan.region, *below]


def targets_of(session: Session, plan: Plan) -> tuple[list[Indicator], list[IndicatorTarget]]:
    """The plan's stored indicators and the same as the evaluator reads them."""
    stored = plan_parts.indicators_of(session, plan_id=plan.id)
    catalogue = catalogue_for(session)
    return stored, [target_of(plan, indicator, catalogue) for indicator in stored]
