"""Reading the ledger: problems with their source and owner named, the state shown
(overdue computed from the deadline in Beijing time), progress and history."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.store.repositories import problems as repo
from minsheng.store.repositories.plans import plans_by_id
from minsheng.store.tables import AuditEntry, Problem, ProblemProgress
from minsheng.usecases.clock import beijing, beijing_today
from minsheng.usecases.problems.model import (
    HistoryView,
    Ledger,
    PlanProblems,
    ProblemView,
    ProgressView,
)


def state_of(problem: Problem, today: date) -> str:
    if problem.status != "closed" and problem.deadline < today:
        return "overdue"
    return problem.status


def problem_ledger(
    session: Session, wanted: repo.ProblemQuery, *, limit: int | None = None, offset: int = 0
) -> Ledger:
    """A window of the problems wanted, with the open/overdue/closed counts."""
    found = repo.find_problems(session, wanted, limit=limit, offset=offset)
    return Ledger(_views(session, found, wanted.today), repo.count_problems(session, wanted),
                  repo.state_counts(session, wanted))  # fmt: skip


def problem_view(session: Session, *, problem_id: int, today: date | None = None) -> ProblemView:
    found = repo.get_problem(session, problem_id=problem_id)
    if found is None:
        raise NotFound(f"没有编号为 {problem_id} 的问题")
    return _views(session, [found], today or beijing_today())[0]


def problem_history(session: Session, *, problem_id: int) -> list[HistoryView]:
    return [_history(entry) for entry in repo.history_of(session, problem_id=problem_id)]


def plan_problems(session: Session, *, plan_id: int, today: date | None = None) -> PlanProblems:
    """The plan's problems for the evaluation report: open (on time), overdue, closed."""
    day = today or beijing_today()
    views = problem_ledger(session, repo.ProblemQuery(day, plan_id=plan_id)).problems
    return PlanProblems(
        open=[v for v in views if v.state in ("open", "in_progress")],
        overdue=[v for v in views if v.overdue],
        closed=[v for v in views if v.state == "closed"],
    )


def _history(entry: AuditEntry) -> HistoryView:
    return HistoryView(beijing(entry.at), entry.username, entry.action, dict(entry.detail))


def _views(session: Session, found: list[Problem], today: date) -> list[ProblemView]:
    names = repo.names(session, found)
    plans = {p.id: p.region.name for p in plans_by_id(session, plan_ids={p.plan_id for p in found})}
    progress: dict[int, list[ProgressView]] = {p.id: [] for p in found}
    for report in repo.progress_of(session, problem_ids=progress):
        progress[report.problem_id].append(_progress(report))
    return [_view(p, names, plans, progress[p.id], today) for p in found]


def _progress(report: ProblemProgress) -> ProgressView:
    return ProgressView(report.reported_on, report.text, report.value, report.author)


def source_text(problem: Problem, names: repo.SourceNames) -> str:
    """The source in words: 指标 × 地区 × 年份, the service item, and any free text."""
    parts = []
    if problem.indicator_id is not None:
        where = names.regions.get(problem.region_id or 0, "")
        year = f"{problem.year}年" if problem.year else ""
        parts.append("，".join(x for x in (names.indicators.get(problem.indicator_id, ""),
                                           where, year) if x))  # fmt: skip
    if problem.service_item_id is not None:
        parts.append(names.service_items.get(problem.service_item_id, ""))
    if problem.source_text:
        parts.append(problem.source_text)
    return "；".join(p for p in parts if p)


def _view(
    problem: Problem, names: repo.SourceNames, plans: dict[int, str],
    progress: list[ProgressView], today: date,
) -> ProblemView:  # fmt: skip
    return ProblemView(
        id=problem.id, plan_id=problem.plan_id, plan=plans.get(problem.plan_id, ""),
        title=problem.title, kind=problem.kind, source=source_text(problem, names),
        indicator_id=problem.indicator_id, region_id=problem.region_id, year=problem.year,
        service_item_id=problem.service_item_id, department_id=problem.department_id,
        department=names.departments.get(problem.department_id, ""), measures=problem.measures,
        deadline=problem.deadline, status=problem.status, state=state_of(problem, today),
        opened_by=problem.opened_by, opened_at=beijing(problem.opened_at),
        closed_by=problem.closed_by,
        closed_at=beijing(problem.closed_at) if problem.closed_at else None,
        evidence_value=problem.evidence_value, evidence_note=problem.evidence_note,
        evidence_name=problem.evidence_name, progress=progress,
    )  # fmt: skip
