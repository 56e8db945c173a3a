"""The entry form's read model: which plans and rows a user may fill in, with what is stored.

A reporter sees only the indicator × region pairs assigned to their department; planners
and administrators see every indicator of the plan for the plan's own region.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.model.observation import ReviewState
from minsheng.store.repositories import assignments, observations, plan_parts
from minsheng.store.tables import Indicator, Plan, Region
from minsheng.usecases.assignments import assignments_of, permission_for
from minsheng.usecases.entry.latest import LatestValue, latest_values
from minsheng.usecases.evaluate_plan import default_year
from minsheng.usecases.plans import covered_regions, find_current_plan
from minsheng.usecases.read.indicators import IndicatorRow
from minsheng.usecases.read.plans import PlanSummary, RegionRef, current_plans
from minsheng.usecases.users import Account


@dataclass(frozen=True)
class EntryRow:
    """One indicator for one region and year, with what is stored for it."""

    number: int
    indicator: IndicatorRow
    region: RegionRef
    baseline: str
    target: str
    current: float | None
    latest: LatestValue | None
    citywide: bool = False  # a district's row: baseline and target are the plan's (全市)

    @property
    def state(self) -> str | None:
        return self.latest.state if self.latest else None

    @property
    def editable(self) -> bool:
        """Submitted values wait for review; everything else may be (re)entered."""
        return self.state != ReviewState.SUBMITTED.value


@dataclass(frozen=True)
class EntrySheet:
    plan: PlanSummary
    year: int
    years: list[int]
    rows: list[EntryRow]
    returned_elsewhere: list[LatestValue]  # returned values of the same rows in other years


def entry_plans(session: Session) -> list[PlanSummary]:
    """Plans values can be entered for: every current plan but the national reference."""
    return [plan for plan in current_plans(session) if not plan.is_reference]


def default_entry_plan(session: Session, account: Account) -> PlanSummary | None:
    """The plan the user's department has assignments in, else the first one."""
    choices = entry_plans(session)
    if account.department_id is not None:
        assigned = assignments.assigned_plan_ids(session, department_id=account.department_id)
        for plan in choices:
            if plan.id in assigned:
                return plan
    return choices[0] if choices else None


def entry_sheet(
    session: Session, *, account: Account, region: str, year: int | None, domain: str | None
) -> EntrySheet:
    """The rows `account` may fill in for the plan of `region` and `year`."""
    plan = find_current_plan(session, region=region)
    chosen_year = year or default_year(plan)
    pairs = [
        (indicator, place)
        for indicator, place in _pairs(session, plan, account)
        if not domain or indicator.domain == domain
    ]
    first = plan.period_start or chosen_year
    years = list(range(first, (plan.period_end or chosen_year) + 1))
    rows = _rows(session, plan, pairs, chosen_year)
    returned = _returned_elsewhere(session, plan, pairs, chosen_year)
    return EntrySheet(PlanSummary.of(plan), chosen_year, years, rows, returned)


def _returned_elsewhere(
    session: Session, plan: Plan, pairs: list[tuple[Indicator, Region]], year: int
) -> list[LatestValue]:
    """Values of the sheet's rows returned in other years: shown whatever year is open."""
    wanted = {(indicator.id, place.id) for indicator, place in pairs}
    return [
        item
        for item in latest_values(session, plan_id=plan.id, state=ReviewState.RETURNED)
        if item.year != year and (item.indicator_id, item.region_id) in wanted
    ]


def _rows(
    session: Session, plan: Plan, pairs: list[tuple[Indicator, Region]], year: int
) -> list[EntryRow]:
    """The form's rows, numbered, each with its newest revision and its value in force."""
    latest = {
        (item.indicator_id, item.region_id): item
        for item in latest_values(session, plan_id=plan.id)
        if item.year == year
    }
    current = observations.current_values(session, plan_id=plan.id)
    return [
        _row(
            number,
            IndicatorRow.of(indicator, plan.region.name),
            RegionRef(place.id, place.name, place.code),
            value_in_force(current.get((indicator.id, place.id, year))),
            latest.get((indicator.id, place.id)),
            citywide=place.id != plan.region_id,
        )
        for number, (indicator, place) in enumerate(pairs, start=1)
    ]


def _row(
    number: int,
    indicator: IndicatorRow,
    place: RegionRef,
    current: float | None,
    latest: LatestValue | None,
    *,
    citywide: bool,
) -> EntryRow:
    """A row shows the plan's baseline and target as the document wrote them; on a
    district's row they are the city's, and marked so (全市)."""
    baseline, target = indicator.baseline.raw, indicator.target.raw
    return EntryRow(number, indicator, place, baseline, target, current, latest, citywide)


def value_in_force(current: observations.CurrentValue | None) -> float | None:
    """The number in force, shown beside the form and the review queue; None when none."""
    return current.value if current else None


def _pairs(session: Session, plan: Plan, account: Account) -> list[tuple[Indicator, Region]]:
    """Indicator × region pairs: assigned ones for a reporter, the whole plan otherwise."""
    indicators = plan_parts.indicators_of(session, plan_id=plan.id)
    if permission_for(session, account, plan_id=plan.id) is None:
        return [(indicator, plan.region) for indicator in indicators]
    if account.department_id is None:
        return []
    covered = covered_regions(session, plan, store_children=False)
    by_id = {indicator.id: indicator for indicator in indicators}
    wanted: set[tuple[int, int]] = set()
    for assignment in assignments_of(session, department_id=account.department_id):
        if assignment.indicator_id in by_id:
            places = [r for r in covered if assignment.region_id in (None, r.id)]
            wanted.update((assignment.indicator_id, r.id) for r in places)
    return [
        (indicator, place)
        for indicator in indicators
        for place in covered
        if (indicator.id, place.id) in wanted
    ]


def plan_years(session: Session, *, region: str) -> list[int]:
    """The years values can be entered for: the plan's base year through its last year."""
    plan = find_current_plan(session, region=region)
    last = plan.period_end or default_year(plan)
    return list(range((plan.period_start or last + 1) - 1, last + 1))


def entry_year(session: Session, *, region: str) -> int:
    """The year values are entered for unless one is chosen: this year, within the plan."""
    return default_year(find_current_plan(session, region=region))
