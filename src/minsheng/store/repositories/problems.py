"""Problems (问题清单), their progress reports, closing evidence and history (the audit log's
rows about them); filtering and counting run in SQL."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session, undefer

from minsheng.store.repositories.names import names_by_id
from minsheng.store.tables import (
    AuditEntry,
    Department,
    Indicator,
    Problem,
    ProblemProgress,
    Region,
    ServiceItem,
)

ENTITY = "problem"
"""The audit log's entity name for problems: their history."""


@dataclass(frozen=True)
class ProblemQuery:
    """Which problems to list; None means no filter. `status` may also be 'active' (not
    closed) or 'overdue': not closed with a deadline before `today` (Beijing)."""

    today: date
    status: str | None = None
    department_id: int | None = None
    kind: str | None = None
    plan_id: int | None = None
    plan_ids: Collection[int] | None = None


def overdue(today: date) -> ColumnElement[bool]:
    return and_(Problem.status != "closed", Problem.deadline < today)


def _conditions(wanted: ProblemQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if wanted.status == "overdue":
        conditions.append(overdue(wanted.today))
    elif wanted.status == "active":
        conditions.append(Problem.status != "closed")
    elif wanted.status:
        conditions.append(Problem.status == wanted.status)
    if wanted.department_id is not None:
        conditions.append(Problem.department_id == wanted.department_id)
    if wanted.kind is not None:
        conditions.append(Problem.kind == wanted.kind)
    if wanted.plan_id is not None:
        conditions.append(Problem.plan_id == wanted.plan_id)
    if wanted.plan_ids is not None:
        conditions.append(Problem.plan_id.in_(set(wanted.plan_ids)))
    return conditions


def _ordered(query: Select[Problem]) -> Select[Problem]:
    """Not closed first, soonest deadline first; then the newest closed."""
    return query.order_by((Problem.status == "closed"), Problem.deadline, Problem.id)


def find_problems(
    session: Session, wanted: ProblemQuery, *, limit: int | None = None, offset: int = 0
) -> list[Problem]:
    query = _ordered(select(Problem).where(*_conditions(wanted))).offset(offset).limit(limit)
    return list(session.scalars(query))


def count_problems(session: Session, wanted: ProblemQuery) -> int:
    query = select(func.count()).select_from(Problem).where(*_conditions(wanted))
    return session.scalar(query) or 0


def state_counts(session: Session, wanted: ProblemQuery) -> dict[str, int]:
    """Open (open or in progress), overdue and closed problems among those wanted."""
    base = _conditions(ProblemQuery(wanted.today, None, wanted.department_id, wanted.kind,
                                    wanted.plan_id, wanted.plan_ids))  # fmt: skip
    closed = Problem.status == "closed"
    query = select(
        func.count().filter(~closed), func.count().filter(overdue(wanted.today)),
        func.count().filter(closed),
    ).where(*base)  # fmt: skip
    opened, late, done = session.execute(query).one()
    return {"open": opened, "overdue": late, "closed": done}


def get_problem(session: Session, *, problem_id: int, with_file: bool = False) -> Problem | None:
    options = [undefer(Problem.evidence_file)] if with_file else []
    return session.get(Problem, problem_id, options=options)


def add_problem(session: Session, problem: Problem) -> Problem:
    session.add(problem)
    session.flush()
    return problem


def add_progress(session: Session, progress: ProblemProgress) -> ProblemProgress:
    session.add(progress)
    session.flush()
    return progress


def progress_of(session: Session, *, problem_ids: Collection[int]) -> list[ProblemProgress]:
    """Progress reports of the problems, oldest first."""
    query = select(ProblemProgress).where(ProblemProgress.problem_id.in_(set(problem_ids)))
    order = (ProblemProgress.reported_on, ProblemProgress.id)
    return list(session.scalars(query.order_by(*order)))


def history_of(session: Session, *, problem_id: int) -> list[AuditEntry]:
    """Every change of the problem, as the audit log recorded it, oldest first."""
    query = select(AuditEntry).where(AuditEntry.entity == ENTITY,
                                     AuditEntry.entity_id == problem_id)  # fmt: skip
    return list(session.scalars(query.order_by(AuditEntry.id)))


def used_department_ids(session: Session) -> list[int]:
    """The departments that own at least one problem."""
    query = select(Problem.department_id).distinct()
    return list(session.scalars(query))


def names(session: Session, problems: Collection[Problem]) -> SourceNames:
    """The names a list of problems refers to, looked up once for all of them."""

    return SourceNames(
        departments=names_by_id(session, Department, {p.department_id for p in problems}),
        indicators=names_by_id(session, Indicator, {p.indicator_id for p in problems}),
        regions=names_by_id(session, Region, {p.region_id for p in problems}),
        service_items=names_by_id(session, ServiceItem, {p.service_item_id for p in problems}),
    )


@dataclass(frozen=True)
class SourceNames:
    departments: dict[int, str]
    indicators: dict[int, str]
    regions: dict[int, str]
    service_items: dict[int, str]


def indicator_of(session: Session, *, indicator_id: int) -> Indicator | None:
    return session.get(Indicator, indicator_id)


def service_item_of(session: Session, *, item_id: int) -> ServiceItem | None:
    return session.get(ServiceItem, item_id)


def department_by_name(session: Session, *, name: str) -> Department | None:
    return session.scalar(select(Department).where(Department.name == name))


def department_names(session: Session) -> list[tuple[int, str]]:
    """Every department (id, name), by name: the owner choices."""
    rows = session.execute(select(Department.id, Department.name).order_by(Department.name))
    return [(row.id, row.name) for row in rows]
