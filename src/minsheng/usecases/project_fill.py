"""Fill stored key projects with what their plan's text states (district, 建设性质, 总投资,
years, responsible unit), keeping what planners entered.

Planners' edits survive in two ways: a field a planner set is listed in the project's
`edited_fields` and never filled from the text again, and a new version of a plan takes
over, project by project (same column number and name), the previous version's status,
progress, yearly investment and planner-set fields before the text fills the rest. An
unchanged plan is not stored again on import, so its projects stay as they are.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, NotFound
from minsheng.ingest.parsers.project_facts import ProjectFacts, project_facts
from minsheng.model.plan import ParsedPlan
from minsheng.store.repositories import audit, plan_parts, plans
from minsheng.store.repositories import projects as repository
from minsheng.store.tables import KeyProject, Plan, Region
from minsheng.usecases.project_edits import FIELDS
from minsheng.usecases.project_places import district_finder, district_names

CARRIED = ("status", "progress", "investments")
"""What a new version takes from the previous one besides the planner-set fields."""


@dataclass(frozen=True)
class FillResult:
    plan_id: int
    region: str
    projects: int
    filled: dict[str, int]  # projects with each field set, after filling
    carried: int  # projects that took a previous version's planner edits


def fill_current_plans(session: Session, *, author: str) -> list[FillResult]:
    """Fill every current plan's projects from the text stored with them."""
    listed = repository.plan_ids_with_projects(session)
    current = [plan for plan in plans.current_plans(session) if plan.id in listed]
    return [fill_plan(session, plan_id=plan.id, author=author) for plan in current]


def fill_plan(
    session: Session, *, plan_id: int, author: str, parsed: ParsedPlan | None = None
) -> FillResult:
    """Fill one plan version's projects from its text, after carrying over the previous
    version's planner edits; audited as one entry. The text is `parsed` (the plan document
    read again: stored plans keep no prose when they came from the bundled seed data), else
    the column bodies and details stored with the plan."""
    plan = plans.get_plan(session, plan_id=plan_id)
    if plan is None:
        raise NotFound(f"没有编号为 {plan_id} 的规划")
    projects = repository.projects_of(session, plan_id=plan.id)
    carried = _carry_over(session, plan, projects)
    texts = _parsed_texts(plan, projects, parsed) if parsed else _stored_texts(session, projects)
    districts, place = district_names(session, plan), district_finder(session, plan)
    for project in projects:
        said, body = texts.get(project.id, (project.detail, ""))
        facts = project_facts(project.name, said, body, districts=districts)
        _apply(plan, project, facts, place)
    session.flush()
    result = FillResult(plan.id, plan.region.name, len(projects), _counts(projects), carried)
    detail = {"projects": result.projects, "carried": carried, **result.filled}
    audit.record(
        session, username=author, action="fill", entity="plan", entity_id=plan.id, detail=detail
    )
    return result


Texts = dict[int, tuple[str | None, str]]
"""Each project's detail and its column's body, by project id."""


def _stored_texts(session: Session, projects: list[KeyProject]) -> Texts:
    plan_ids = {project.plan_id for project in projects}
    bodies = {
        (c.plan_id, c.number): "\n".join(c.body)
        for plan_id in plan_ids
        for c in plan_parts.columns_of(session, plan_id=plan_id)
    }
    return {p.id: (p.detail, bodies.get((p.plan_id, p.column_number), "")) for p in projects}


def _parsed_texts(plan: Plan, projects: list[KeyProject], parsed: ParsedPlan) -> Texts:
    """The parsed document's text for each stored project of the same column and name (in
    order, since names repeat); the document must be the plan's region's."""
    if parsed.plan.region != plan.region.name:
        raise InputProblem(
            f"文件是{parsed.plan.region or '未知地区'}的规划，不是{plan.region.name}的",
            file=parsed.source,
        )
    bodies = {c.number: "\n".join(c.body) for c in parsed.columns}
    queues: dict[tuple[int, str], deque[str | None]] = defaultdict(deque)
    for found in parsed.projects:
        queues[(found.column, found.name)].append(found.detail)
    texts: Texts = {}
    for project in projects:
        queue = queues.get((project.column_number, project.name))
        if queue:
            texts[project.id] = (queue.popleft(), bodies.get(project.column_number, ""))
    return texts


def _apply(
    plan: Plan, project: KeyProject, facts: ProjectFacts, place: Callable[[str], Region]
) -> None:
    """Set each field the text states, unless a planner set it (`place`: a district's
    stored region by name)."""
    kept = set(project.edited_fields or ())
    found = {
        "nature": facts.nature,
        "total_investment": facts.total_investment,
        "start_month": str(facts.start_year) if facts.start_year else None,
        "end_month": str(facts.end_year) if facts.end_year else None,
        "responsible_unit": facts.responsible_unit,
    }
    for name, value in found.items():
        if name not in kept and value is not None:
            setattr(project, name, value)
    if "district" not in kept and facts.district:
        project.region_id = place(facts.district).id
    elif "district" not in kept and plan.region.level in ("district", "county"):
        project.region_id = plan.region_id


def _carry_over(session: Session, plan: Plan, projects: list[KeyProject]) -> int:
    """Take the previous version's planner edits for the projects it shares; how many."""
    previous = _previous_version(session, plan)
    if previous is None:
        return 0
    stored = repository.projects_of(session, plan_id=previous.id)
    earlier = {(p.column_number, p.name): p for p in stored}
    carried = 0
    for project in projects:
        old = earlier.get((project.column_number, project.name))
        if old is None or _kept_up(project) or not _kept_up(old):
            continue  # nothing to take, or taken (or edited here) already
        _copy(old, project)
        carried += 1
    return carried


def _kept_up(project: KeyProject) -> bool:
    """Whether planners have touched the project."""
    return bool(project.edited_fields or project.investments) or (
        (project.status, project.progress) != ("planned", None)
    )


def _copy(old: KeyProject, project: KeyProject) -> None:
    for name in CARRIED:
        setattr(project, name, getattr(old, name))
    for name in old.edited_fields or ():
        attribute = "region_id" if name == "district" else name
        setattr(project, attribute, getattr(old, attribute))
    project.edited_fields = list(old.edited_fields or ())


def _previous_version(session: Session, plan: Plan) -> Plan | None:
    versions = plans.versions(session, region_id=plan.region_id, period_start=plan.period_start)
    earlier = [version for version in versions if version.version < plan.version]
    return earlier[-1] if earlier else None


def _counts(projects: list[KeyProject]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for project in projects:
        values = {name: getattr(project, name) for name in FIELDS if name != "district"}
        values["district"] = project.region_id
        counts.update(name for name, value in values.items() if value)
    return {name: counts[name] for name in FIELDS}
