"""Plans as read models: a summary for lists and cards, a detail with counts and domains."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.model.plan import period_name
from minsheng.store.repositories import plans as plan_repository
from minsheng.store.repositories.plan_lists import count_rows, domain_counts
from minsheng.store.tables import (
    Indicator,
    KeyProject,
    Plan,
    PlanColumn,
    PreviousPlanResult,
    ServiceItem,
)
from minsheng.usecases.cache import cached_by, plans_version
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.read.paging import Page, Slice

PART_TABLES = {
    "indicators": Indicator,
    "previous_plan_results": PreviousPlanResult,
    "service_items": ServiceItem,
    "columns": PlanColumn,
    "key_projects": KeyProject,
}


@dataclass(frozen=True)
class RegionRef:
    """A region as a read model names it: id, name and GB/T 2260 code."""

    id: int
    name: str
    code: str | None


@dataclass(frozen=True)
class PlanSummary:
    """A stored plan version, without its contents."""

    id: int
    region: RegionRef
    title: str | None
    period_start: int | None
    period_end: int | None
    issue_date: date | None
    version: int
    is_current: bool
    is_reference: bool
    source_name: str
    imported_at: datetime

    @classmethod
    def of_row(cls, row: tuple[Any, ...]) -> PlanSummary:
        """From a row of `plans.SUMMARY_COLUMNS`."""
        plan_id, region_id, region, code, *rest = row
        return cls(plan_id, RegionRef(region_id, region, code), *rest)

    @classmethod
    def of(cls, plan: Plan) -> PlanSummary:
        region = RegionRef(plan.region.id, plan.region.name, plan.region.code)
        return cls(
            id=plan.id,
            region=region,
            title=plan.title,
            period_start=plan.period_start,
            period_end=plan.period_end,
            issue_date=plan.issue_date,
            version=plan.version,
            is_current=plan.is_current,
            is_reference=plan.is_reference,
            source_name=plan.source_name,
            imported_at=plan.imported_at,
        )

    @property
    def period_name(self) -> str | None:
        """十四五, 十五五 … when the period has a name."""
        return period_name(self.period_start)

    @property
    def period_mark(self) -> str:
        """The period's name as titles quote it (“十四五”); empty for a period without one."""
        return f"“{self.period_name}”" if self.period_name else ""

    @property
    def choice_name(self) -> str:
        """The plan as a form names it: its region and period (合肥市“十四五”), which
        `usecases.plans.find_current_plan` reads back, so a region's 十四五 and 十五五
        plans, both current, stay apart; the region alone for a period without a name."""
        return self.region.name + self.period_mark

    @property
    def previous_period_name(self) -> str | None:
        """The period the plan's completion table reviews (十三五 for a 十四五 plan)."""
        return period_name(self.period_start - 5) if self.period_start else None

    @property
    def base_year(self) -> int:
        return (self.period_start or 2021) - 1

    @property
    def target_year(self) -> int:
        return self.period_end or 2025


@dataclass(frozen=True)
class DomainCount:
    name: str
    indicators: int
    service_items: int


@dataclass(frozen=True)
class PlanDetail:
    """A plan with how many rows of each kind it holds and its domains."""

    plan: PlanSummary
    counts: dict[str, int] = field(default_factory=dict)
    domains: list[DomainCount] = field(default_factory=list)


def current_plans(session: Session) -> list[PlanSummary]:
    """Every region's current plan, reference plans last (kept until a write of anything
    but values: `plans_version`)."""
    version = plans_version(session)
    return list(
        cached_by(session, version, ("current_plans",), lambda: plans_by_id(session, plan_ids=None))
    )


def plans_by_id(session: Session, *, plan_ids: Collection[int] | None) -> list[PlanSummary]:
    """The plans asked for (any version; None: every current plan), reference plans last."""
    rows = plan_repository.summary_rows(session, plan_ids=plan_ids)
    return [PlanSummary.of_row(row) for row in rows]


def get_plan(session: Session, *, plan_id: int) -> PlanSummary:
    return PlanSummary.of(stored_plan(session, plan_id=plan_id))


def stored_plan(session: Session, *, plan_id: int) -> Plan:
    plan = plan_repository.get_plan(session, plan_id=plan_id)
    if plan is None:
        raise NotFound(f"没有编号为 {plan_id} 的规划")
    return plan


def list_plans(session: Session, *, window: Slice) -> Page[PlanDetail]:
    """Every region's current plan, reference plans last (without per-plan counts)."""
    plans = current_plans(session)
    return Page([PlanDetail(plan) for plan in window.of(plans)], len(plans))


def plan_detail(session: Session, *, plan_id: int) -> PlanDetail:
    """A plan's metadata, how many rows of each kind it holds, and its domains."""
    plan = get_plan(session, plan_id=plan_id)
    counts = {
        name: count_rows(session, table=table, plan_id=plan_id)
        for name, table in PART_TABLES.items()
    }
    indicators = domain_counts(session, table=Indicator, plan_id=plan_id)
    services = domain_counts(session, table=ServiceItem, plan_id=plan_id)
    names = dict.fromkeys([*indicators, *services])
    domains = [DomainCount(n, indicators.get(n, 0), services.get(n, 0)) for n in names]
    return PlanDetail(plan, counts, domains)


def plan_named(session: Session, *, region: str) -> PlanSummary:
    """The current plan of the region people name (合肥市, 全国): for the edges only —
    the CLI's options and the API's `plan=` parameters."""
    return PlanSummary.of(find_current_plan(session, region=region))
