"""Range rules planners set for review: an indicator's plausible minimum and maximum, for
one district or every region of a plan (DHIS2's min/max values). A submitted value outside
its range is flagged in the review queue with the range in the reason."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.collect.validate.spec import Ranges
from minsheng.errors import InputProblem
from minsheng.store.repositories import audit, plan_parts, regions
from minsheng.store.repositories import ranges as stored
from minsheng.store.repositories.ranges import StoredRange
from minsheng.store.tables import Region
from minsheng.usecases.plans import find_current_plan, indicator_named
from minsheng.usecases.read.plans import current_plans


@dataclass(frozen=True)
class RangeChoices:
    """What a planner may set a range for in one plan: its indicators and regions."""

    plan: str
    indicators: list[str]
    regions: list[str]


def set_range(
    session: Session,
    *,
    plan: str,
    indicator: str,
    region: str | None,
    low: float | None,
    high: float | None,
    author: str,
) -> StoredRange:
    """Add or replace the rule for the indicator in `region` (None: every region)."""
    _check_bounds(low, high)
    chosen = find_current_plan(session, region=plan)
    indicator_id = indicator_named(session, plan_id=chosen.id, name=indicator)
    region_id = _region_id(session, chosen.region, plan, region)
    rule = stored.set_range(session, indicator_id=indicator_id, region_id=region_id,
                            low=low, high=high, author=author)  # fmt: skip
    audit.record(session, username=author, action="set_range", entity="review_range",
                 entity_id=rule.id, detail={"plan": plan, "indicator": indicator,
                 "region": region, "min": low, "max": high})  # fmt: skip
    return next(r for r in stored.ranges_of(session, plan_ids=[chosen.id])
                if (r.indicator_id, r.region_id) == (indicator_id, region_id))  # fmt: skip


def _check_bounds(low: float | None, high: float | None) -> None:
    for name, bound in (("min", low), ("max", high)):
        if bound is not None and not math.isfinite(bound):
            raise InputProblem(f"--{name} must be a finite number", field=name)
    if low is None and high is None:
        raise InputProblem("give a minimum, a maximum or both", field="min")
    if low is not None and high is not None and low > high:
        raise InputProblem(f"the minimum {low:g} is above the maximum {high:g}", field="min")


def _region_id(session: Session, city: Region, plan: str, region: str | None) -> int | None:
    """The region's id among the plan's own region and its districts (None: every one)."""
    if region is None or not region.strip():
        return None
    known = [city, *regions.ensure_known_children(session, region=city)]
    found = next((r for r in known if region.strip() in (r.name, r.code)), None)
    if found is None:
        raise InputProblem(f"{region!r} is not {plan} or one of its districts", field="region")
    return found.id


def list_ranges(session: Session, *, plan: str | None = None) -> list[StoredRange]:
    """The rules of one plan, or of every plan values are entered for."""
    if plan is not None:
        return stored.ranges_of(session, plan_ids=[find_current_plan(session, region=plan).id])
    plans = [p.id for p in current_plans(session) if not p.is_reference]
    return stored.ranges_of(session, plan_ids=plans)


def range_choices(session: Session, *, plan: str) -> RangeChoices:
    chosen = find_current_plan(session, region=plan)
    names = [i.name for i in plan_parts.indicators_of(session, plan_id=chosen.id)]
    districts = regions.ensure_known_children(session, region=chosen.region)
    return RangeChoices(plan, names, [chosen.region.name, *(r.name for r in districts)])


def validation_ranges(session: Session, *, plan_id: int) -> Ranges:
    """The plan's rules as upload and form validation takes them (`ValidationContext.ranges`):
    (indicator name, region name or None) → (min, max)."""
    return {
        (rule.indicator, rule.region): (rule.low, rule.high)
        for rule in stored.ranges_of(session, plan_ids=[plan_id])
    }
