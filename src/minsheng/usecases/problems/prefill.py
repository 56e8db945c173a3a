"""A new problem's form filled from where it came from: a warning row links to
/problems/new?indicator=ID&region=ID&year=2025&kind=red, a service item with item=ID."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy.orm import Session

from minsheng.store.repositories import problems as repo
from minsheng.store.repositories.assignments import department_owners
from minsheng.store.repositories.regions import get_region
from minsheng.store.tables import PROBLEM_KINDS, Indicator, Region, ServiceItem
from minsheng.usecases.problems.model import KIND_LABELS, ProblemDraft


class _Source(NamedTuple):
    indicator: Indicator | None
    region: Region | None
    item: ServiceItem | None


def _source(session: Session, indicator_id: int | None, region_id: int | None,
            item_id: int | None) -> _Source:  # fmt: skip
    """The rows the ids name; an unknown id is None (left out rather than refused)."""
    return _Source(
        repo.indicator_of(session, indicator_id=indicator_id) if indicator_id else None,
        get_region(session, region_id=region_id) if region_id else None,
        repo.service_item_of(session, item_id=item_id) if item_id else None,
    )


def prefilled(
    session: Session, *, plan_id: int | None = None, indicator_id: int | None = None,
    region_id: int | None = None, year: int | None = None, kind: str = "",
    service_item_id: int | None = None,
) -> ProblemDraft:  # fmt: skip
    """A draft naming the source, its plan, a title and the department that reports the
    indicator there (if assigned)."""
    indicator, region, item = _source(session, indicator_id, region_id, service_item_id)
    chosen = kind if kind in PROBLEM_KINDS else ("other" if not indicator else "red")
    plan = indicator.plan_id if indicator else (item.plan_id if item else plan_id)
    subject = indicator.name if indicator else (item.name if item else "")
    where = "，".join(x for x in (region.name if region else "", f"{year}年" if year else "") if x)
    title = f"{subject}（{where}）{KIND_LABELS[chosen]}" if where else subject
    owner = _owner(session, indicator.id, region.id if region else None) if indicator else ""
    return ProblemDraft(
        plan_id=plan, title=title if subject else "", kind=chosen, department=owner,
        measures="", deadline=None, indicator_id=indicator.id if indicator else None,
        region_id=region.id if region else None, year=year if indicator else None,
        service_item_id=item.id if item else None,
    )  # fmt: skip


def source_words(session: Session, draft: ProblemDraft) -> str:
    """The draft's linked source in words (指标, 地区, 年份 or the service item)."""
    indicator, region, item = _source(
        session, draft.indicator_id, draft.region_id, draft.service_item_id
    )
    parts = [f"指标“{indicator.name}”" if indicator else "", region.name if region else "",
             f"{draft.year}年" if draft.year and indicator else "",
             f"服务事项“{item.name}”" if item else ""]  # fmt: skip
    return "，".join(p for p in parts if p)


def _owner(session: Session, indicator_id: int, region_id: int | None) -> str:
    owners = department_owners(session)
    found = owners.get((indicator_id, region_id)) or owners.get((indicator_id, None)) or []
    return found[0] if found else ""
