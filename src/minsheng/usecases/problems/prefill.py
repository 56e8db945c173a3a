"""A new problem's form filled from where it came from: a warning row links to
/problems/new?indicator=ID&region=ID&year=2025&kind=red, a service item with item=ID."""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.store.repositories import problems as repo
from minsheng.store.repositories.assignments import department_owners
from minsheng.store.repositories.regions import get_region
from minsheng.store.tables import PROBLEM_KINDS
from minsheng.usecases.problems.model import KIND_LABELS, ProblemDraft


def prefilled(
    session: Session, *, plan_id: int | None = None, indicator_id: int | None = None,
    region_id: int | None = None, year: int | None = None, kind: str = "",
    service_item_id: int | None = None,
) -> ProblemDraft:  # fmt: skip
    """A draft naming the source, its plan, a title and the department that reports the
    indicator there (if assigned); unknown ids are left out rather than refused."""
    indicator = repo.indicator_of(session, indicator_id=indicator_id) if indicator_id else None
    region = get_region(session, region_id=region_id) if region_id else None
    item = repo.service_item_of(session, item_id=service_item_id) if service_item_id else None
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


def _owner(session: Session, indicator_id: int, region_id: int | None) -> str:
    owners = department_owners(session)
    found = owners.get((indicator_id, region_id)) or owners.get((indicator_id, None)) or []
    return found[0] if found else ""
