"""Opening a reporting round: the plan's assignments at this moment become what each
department owes, for each year asked, by the deadline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, NotFound
from minsheng.store.repositories import audit, plans, rounds, users
from minsheng.store.tables import Plan, ReportingRound
from minsheng.usecases.clock import beijing_today
from minsheng.usecases.plans import covered_regions, find_current_plan

Scope = list[tuple[int, int, int, int]]
"""(department id, indicator id, region id, year) of every item a round asks for."""


def open_round(
    session: Session,
    plan_id: int,
    years: int | Sequence[int],
    deadline: date,
    author: str,
    *,
    department: str | None = None,
    title: str | None = None,
    opened_at: datetime | None = None,
) -> ReportingRound:
    """Open a round for the plan's assigned departments (or one of them).

    `opened_at` back-dates the opening (the demo opens a round whose deadline has passed);
    otherwise a deadline before today (Beijing) is refused.
    """
    plan = plans.get_plan(session, plan_id=plan_id)
    if plan is None:
        raise NotFound(f"no plan {plan_id}")
    chosen = _checked_years(plan, years)
    when = opened_at or datetime.now(UTC)
    if deadline < beijing_today(when):
        raise InputProblem(
            f"截止日期 {deadline} 已过（今天是 {beijing_today(when)}）", field="deadline"
        )
    scope = _scope(session, plan, chosen, _department_id(session, department))
    if not scope:
        raise InputProblem(_nothing_assigned(plan, department), field="department")
    found = rounds.add_round(
        session, plan_id=plan.id, title=title or _title(plan, chosen), first_year=chosen[0],
        last_year=chosen[-1], deadline=deadline, opened_by=author, opened_at=when,
    )  # fmt: skip
    rounds.add_items(session, round_id=found.id, items=scope)
    _audit(session, found, author, len(scope))
    return found


def open_round_named(
    session: Session, *, plan: str, years: Sequence[int], deadline: date, author: str,
    department: str | None = None,
) -> ReportingRound:  # fmt: skip
    """`open_round` for a plan named as people name it (合肥市)."""
    found = find_current_plan(session, region=plan)
    return open_round(session, found.id, years, deadline, author, department=department)


def _checked_years(plan: Plan, years: int | Sequence[int]) -> list[int]:
    chosen = sorted({years} if isinstance(years, int) else set(years))
    if not chosen:
        raise InputProblem("请至少选择一个填报年份", field="year")
    first, last = plan.period_start, plan.period_end
    base = (first - 1) if first else None
    for year in chosen:
        if base is not None and last is not None and not base <= year <= last:
            raise InputProblem(
                f"{year} 年不在规划期 {first}–{last} 年（含基期 {base} 年）内", field="year"
            )
    return chosen


def _department_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    found = users.department_named(session, name=name)
    if found is None:
        known = "、".join(d.name for d in users.departments(session)) or "无"
        raise NotFound(f"没有名为“{name}”的部门；已有部门：{known}")
    return found.id


def _scope(session: Session, plan: Plan, years: list[int], department_id: int | None) -> Scope:
    """Each assignment for each region it covers (all of the plan's when none is named)."""
    region_ids = [r.id for r in covered_regions(session, plan, store_children=False)]
    found: dict[tuple[int, int, int, int], None] = {}
    for owner, indicator, region in rounds.assigned_scope(
        session, plan_id=plan.id, department_id=department_id
    ):
        for place in [region] if region is not None else region_ids:
            for year in years:
                found[owner, indicator, place, year] = None
    return list(found)


def _nothing_assigned(plan: Plan, department: str | None) -> str:
    who = f"“{department}”" if department else "任何部门"
    return f"{who}在{plan.region.name}规划中没有分配的填报指标，无法发起填报轮次"


def _title(plan: Plan, years: list[int]) -> str:
    span = f"{years[0]}年" if len(years) == 1 else f"{years[0]}–{years[-1]}年"
    return f"{plan.region.name}{span}监测数据填报"


def _audit(session: Session, found: ReportingRound, author: str, items: int) -> None:
    audit.record(
        session, username=author, action="open", entity="reporting_round", entity_id=found.id,
        detail={"plan_id": found.plan_id, "years": [found.first_year, found.last_year],
                "deadline": found.deadline.isoformat(), "items": items},
    )  # fmt: skip


def close_round(session: Session, *, round_id: int, author: str) -> ReportingRound:
    """Close a round: it leaves the reporters' inboxes; its figures stay."""
    found = rounds.get_round(session, round_id=round_id)
    if found is None:
        raise NotFound(f"没有编号为 {round_id} 的填报轮次")
    if found.closed_at is None:
        found.closed_at = datetime.now(UTC)
        audit.record(
            session, username=author, action="close", entity="reporting_round", entity_id=round_id
        )
        session.flush()
    return found
