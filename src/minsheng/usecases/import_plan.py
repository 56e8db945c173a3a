"""Import a parsed plan into the store: a new region's first plan, a new version, or nothing.

The caller owns the transaction (`session_scope`), so an import writes everything or, if
anything fails, nothing. A plan is identified by its region: the same content again is
"unchanged" (nothing is written, not even an audit row); different content is a new version
that becomes current while the earlier versions stay, with the observations that refer to
their indicators.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem
from minsheng.model.observation import ReviewState, Source
from minsheng.model.plan import Level, ParsedPlan
from minsheng.store.repositories import audit, observations, plan_parts, plans, regions
from minsheng.store.tables import Indicator, Plan, Region
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.fingerprint import content_hash
from minsheng.usecases.indicator_facts import stored_facts
from minsheng.usecases.plan_values import plan_values
from minsheng.usecases.project_fill import fill_plan

logger = logging.getLogger(__name__)

PLAN_IMPORT_AUTHOR = "plan import"
"""The author of the observations a plan prints itself (baselines, previous actuals)."""

ImportStatus = Literal["created", "unchanged", "new_version", "next_plan"]


@dataclass(frozen=True)
class ImportResult:
    plan_id: int
    version: int
    status: ImportStatus
    region: str
    values_recorded: int = 0
    """Base-year values stored as approved observation revisions by this import."""


def import_plan(session: Session, parsed: ParsedPlan, *, author: str) -> ImportResult:
    """Store `parsed` as its region's current plan; `author` is who the audit log names."""
    _check(parsed)
    meta = parsed.plan
    ensured = regions.ensure_region(
        session,
        name=meta.region or "",
        province=meta.province,
        level=meta.level.value if meta.level else None,
    )
    for region in ensured.created:
        _audit(session, author, "create", "region", region.id, name=region.name, code=region.code)
    region = ensured.region
    fingerprint = content_hash(parsed)
    start = meta.period.start if meta.period else None
    current = plans.current_plan_of_period(session, region_id=region.id, period_start=start)
    if current is not None and current.content_hash == fingerprint:
        logger.info("%s: unchanged (%s version %d)", parsed.source, region.name, current.version)
        return ImportResult(current.id, current.version, "unchanged", region.name)
    if current is not None:
        plans.supersede(session, plan=current)
        _audit(session, author, "supersede", "plan", current.id, version=current.version)
    plan = _add_plan(session, parsed, region, fingerprint, author)
    stored = _record_plan_values(session, parsed, plan, author)
    fill_plan(session, plan_id=plan.id, author=author, parsed=parsed)  # what the text states
    status = _status(session, current, plan)
    logger.info("%s: %s %s version %d", parsed.source, status, region.name, plan.version)
    return ImportResult(plan.id, plan.version, status, region.name, stored)


def _status(session: Session, replaced: Plan | None, plan: Plan) -> ImportStatus:
    """A new version of the period's plan, the region's plan of a new period, or its first."""
    if replaced is not None:
        return "new_version"
    earlier = [p for p in plans.current_plans_of_region(session, region_id=plan.region_id)
               if p.id != plan.id]  # fmt: skip
    return "next_plan" if earlier else "created"


def _check(parsed: ParsedPlan) -> None:
    """Refuse a plan that cannot be stored faithfully, naming its file."""
    if not parsed.plan.region:
        raise InputProblem("the plan names no region, so it cannot be stored", file=parsed.source)
    numbers = Counter(column.number for column in parsed.columns)
    if repeated := sorted(number for number, count in numbers.items() if count > 1):
        raise InputProblem(f"column numbers appear twice: {repeated}", file=parsed.source)
    if missing := sorted({project.column for project in parsed.projects} - set(numbers)):
        raise InputProblem(f"key projects refer to missing columns {missing}", file=parsed.source)


def _add_plan(
    session: Session, parsed: ParsedPlan, region: Region, fingerprint: str, author: str
) -> Plan:
    plan = plans.add_plan(
        session,
        region_id=region.id,
        meta=parsed.plan,
        source_name=parsed.source,
        content_hash=fingerprint,
        version=plans.next_version(session, region_id=region.id),
        is_reference=parsed.plan.level is Level.COUNTRY,
    )
    catalogue = catalogue_for(session)
    plan_parts.add_indicators(
        session,
        plan_id=plan.id,
        indicators=parsed.indicators,
        catalogue_key=lambda name: entry.key if (entry := catalogue.match(name)) else None,
        facts=[
            stored_facts(i.name, i.baseline, i.target, cumulative=i.cumulative)
            for i in parsed.indicators
        ],
    )
    plan_parts.add_previous_plan_results(
        session, plan_id=plan.id, results=parsed.previous_plan_results
    )
    plan_parts.add_service_items(session, plan_id=plan.id, items=parsed.service_items)
    plan_parts.add_columns(session, plan_id=plan.id, columns=parsed.columns)
    plan_parts.add_key_projects(session, plan_id=plan.id, projects=parsed.projects)
    _audit(
        session,
        author,
        "import",
        "plan",
        plan.id,
        region=region.name,
        version=plan.version,
        source=parsed.source,
        content_hash=fingerprint,
        **counts(parsed),
    )
    return plan


def _record_plan_values(session: Session, parsed: ParsedPlan, plan: Plan, author: str) -> int:
    """Store the plan's own base-year values as approved observations, in one bulk write
    (`observations.add_revisions`) with an audit row per revision; returns how many."""
    indicators: list[Indicator] = plan_parts.indicators_of(session, plan_id=plan.id)
    values = plan_values(parsed)
    revisions = [
        observations.NewRevision(
            key=(indicators[value.position].id, plan.region_id, value.year),
            value=value.value,
            source=Source.PLAN,
            unit=value.unit,
            note=value.note,
            raw=value.raw,
        )
        for value in values
    ]
    ids = observations.add_revisions(
        session, revisions=revisions, state=ReviewState.APPROVED, author=PLAN_IMPORT_AUTHOR
    )
    keys = observations.observations_by_key(session, keys={r.key for r in revisions})
    for revision, revision_id in zip(revisions, ids, strict=True):
        detail = {"observation_id": keys[revision.key], "year": revision.key[2]}
        _audit(session, author, "record", "observation_revision", revision_id,
               **detail, value=revision.value)  # fmt: skip
    return len(values)


def counts(parsed: ParsedPlan) -> dict[str, int]:
    """How many of each part the plan holds, as the audit log and the CLI report them."""
    return {
        "indicators": len(parsed.indicators),
        "previous_plan_results": len(parsed.previous_plan_results),
        "service_items": len(parsed.service_items),
        "columns": len(parsed.columns),
        "key_projects": len(parsed.projects),
    }


def _audit(
    session: Session, author: str, action: str, entity: str, entity_id: int, **detail: object
) -> None:
    audit.record(
        session, username=author, action=action, entity=entity, entity_id=entity_id, detail=detail
    )
