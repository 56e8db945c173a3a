"""Writing the ledger: a planner opens a problem, its department (or a planner) reports
progress, a planner closes it on evidence. Each write is audited in the same transaction:
the audit rows about a problem are its history."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from minsheng.errors import Conflict, InputProblem, NotFound
from minsheng.store.repositories import audit
from minsheng.store.repositories import problems as repo
from minsheng.store.repositories.plans import get_plan
from minsheng.store.tables import PROBLEM_KINDS, Problem, ProblemProgress
from minsheng.usecases.clock import beijing_today
from minsheng.usecases.problems.model import PLANNER_ROLES, Evidence, NotAllowed, ProblemDraft
from minsheng.usecases.users import Account

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
"""A closing document up to 10 MB is kept in the database."""


def open_problem(session: Session, draft: ProblemDraft, *, author: str) -> Problem:
    """Add the problem, checked field by field (the error names the field)."""
    plan_id = _plan_id(session, draft)
    department = repo.department_by_name(session, name=draft.department.strip())
    if department is None:
        raise InputProblem(f"没有名为“{draft.department}”的部门", field="department")
    problem = Problem(
        plan_id=plan_id, title=_required(draft.title, "title", "问题名称")[:200],
        kind=_kind(draft.kind), indicator_id=draft.indicator_id, region_id=draft.region_id,
        year=draft.year, service_item_id=_item_id(session, draft, plan_id),
        source_text=draft.source_text.strip() or None, department_id=department.id,
        measures=_required(draft.measures, "measures", "整改措施"),
        deadline=_deadline(draft.deadline), status="open", opened_by=author,
    )  # fmt: skip
    repo.add_problem(session, problem)
    detail = {k: v for k, v in asdict(draft).items() if v not in (None, "")}
    detail["deadline"] = problem.deadline.isoformat()
    audit.record(session, username=author, action="open", entity=repo.ENTITY,
                 entity_id=problem.id, detail=detail)  # fmt: skip
    return problem


def _required(text: str, field: str, name: str) -> str:
    if not text.strip():
        raise InputProblem(f"请填写{name}", field=field)
    return text.strip()


def _kind(kind: str) -> str:
    if kind not in PROBLEM_KINDS:
        raise InputProblem(f"问题类型应为 {', '.join(PROBLEM_KINDS)} 之一", field="kind")
    return kind


def _deadline(deadline: date | None) -> date:
    if deadline is None:
        raise InputProblem("请填写整改期限（年-月-日）", field="deadline")
    return deadline


def _plan_id(session: Session, draft: ProblemDraft) -> int:
    """The draft's plan, or its indicator's; an indicator of another plan is refused."""
    indicator = None
    if draft.indicator_id is not None:
        indicator = repo.indicator_of(session, indicator_id=draft.indicator_id)
        if indicator is None:
            raise InputProblem(f"没有编号为 {draft.indicator_id} 的指标", field="indicator")
    plan_id = draft.plan_id or (indicator.plan_id if indicator else None)
    if plan_id is None or get_plan(session, plan_id=plan_id) is None:
        raise InputProblem("请选择规划", field="plan")
    if indicator is not None and indicator.plan_id != plan_id:
        raise InputProblem("该指标不属于所选规划", field="indicator")
    return plan_id


def _item_id(session: Session, draft: ProblemDraft, plan_id: int) -> int | None:
    if draft.service_item_id is None:
        return None
    item = repo.service_item_of(session, item_id=draft.service_item_id)
    if item is None or item.plan_id != plan_id:
        raise InputProblem("该服务事项不属于所选规划", field="service_item")
    return item.id


def _found(session: Session, problem_id: int, *, with_file: bool = False) -> Problem:
    problem = repo.get_problem(session, problem_id=problem_id, with_file=with_file)
    if problem is None:
        raise NotFound(f"没有编号为 {problem_id} 的问题")
    return problem


def may_report(account: Account, problem_department_id: int) -> bool:
    """Planners, and the reporters of the problem's own department."""
    return account.role in PLANNER_ROLES or (
        account.role == "reporter" and account.department_id == problem_department_id
    )


def report_progress(
    session: Session, *, problem_id: int, account: Account, text: str,
    reported_on: date | None = None, value: float | None = None,
) -> ProblemProgress:  # fmt: skip
    """Add a progress report; an open problem is then in progress."""
    problem = _found(session, problem_id)
    if not may_report(account, problem.department_id):
        raise NotAllowed("只有责任部门的填报人员和规划人员可以报告整改进展")
    if problem.status == "closed":
        raise Conflict("该问题已销号，不能再报告进展")
    report = ProblemProgress(problem_id=problem.id, reported_on=reported_on or beijing_today(),
                             text=_required(text, "text", "进展情况"), value=value,
                             author=account.username)  # fmt: skip
    repo.add_progress(session, report)
    detail: dict[str, object] = {"reported_on": report.reported_on.isoformat(), "text": report.text}
    if value is not None:
        detail["value"] = value
    if problem.status == "open":
        problem.status = detail["status"] = "in_progress"
    audit.record(session, username=account.username, action="progress", entity=repo.ENTITY,
                 entity_id=problem.id, detail=detail)  # fmt: skip
    return report


def close_problem(
    session: Session, *, problem_id: int, account: Account, evidence: Evidence
) -> Problem:
    """Close (销号) the problem on evidence: a note, and a value or a document."""
    if account.role not in PLANNER_ROLES:
        raise NotAllowed("只有规划人员可以销号")
    problem = _found(session, problem_id)
    if problem.status == "closed":
        raise Conflict("该问题已销号")
    _check(evidence)
    problem.status, problem.closed_by = "closed", account.username
    problem.closed_at = datetime.now(UTC)
    problem.evidence_note, problem.evidence_value = evidence.note.strip(), evidence.value
    if evidence.content:
        problem.evidence_name = (evidence.file_name or "evidence")[:200]
        problem.evidence_type = (evidence.media_type or "application/octet-stream")[:100]
        problem.evidence_file = evidence.content
    detail = {"note": problem.evidence_note, "value": evidence.value,
              "document": problem.evidence_name}  # fmt: skip
    kept = {k: v for k, v in detail.items() if v is not None}
    audit.record(session, username=account.username, action="close", entity=repo.ENTITY,
                 entity_id=problem.id, detail=kept)  # fmt: skip
    return problem


def _check(evidence: Evidence) -> None:
    _required(evidence.note, "note", "销号说明")
    if evidence.value is None and not evidence.content:
        raise InputProblem("销号需要佐证：请填写整改后的数值或上传佐证材料", field="evidence")
    if evidence.content and len(evidence.content) > MAX_EVIDENCE_BYTES:
        raise InputProblem("佐证材料不能超过 10 MB", field="document")


def evidence_document(session: Session, *, problem_id: int) -> tuple[str, str, bytes]:
    """The closing document: (file name, media type, content)."""
    problem = _found(session, problem_id, with_file=True)
    if not problem.evidence_file:
        raise NotFound("该问题没有上传佐证材料")
    return problem.evidence_name or "evidence", problem.evidence_type or "", problem.evidence_file
