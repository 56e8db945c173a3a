"""What an indicator's cells say is stored with them at import, and judging from the stored
facts gives what judging from the cells gives: for every seed plan, for a database whose
indicators predate the stored facts, and after `fill_missing_facts` fills them in."""

from __future__ import annotations

import numpy as np
from sqlalchemy import func, select, update

from minsheng.evaluate.table import TargetColumns
from minsheng.ingest import parse_file
from minsheng.store import session_scope
from minsheng.store.repositories import audit, plan_parts, plans
from minsheng.store.tables import Indicator
from minsheng.usecases import cache, ensure_reference_plan, import_plan
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.indicator_facts import UPGRADE_AUTHOR, fill_missing_facts
from minsheng.usecases.read.evaluations import evaluate_plans
from minsheng.usecases.read.targets import target_of

FIELDS = ("id", "baseline", "low", "high", "base_year", "target_year", "direction")
FLAGS = ("strict", "cumulative", "binding")


def from_cells(session) -> TargetColumns:
    """The kernel's columns worked out from every current plan's cells, one by one."""
    catalogue = catalogue_for(session)
    targets = [
        target_of(plan, indicator, catalogue)
        for plan in plans.current_plans(session)
        for indicator in plan_parts.indicators_of(session, plan_id=plan.id)
    ]
    return TargetColumns.of(targets)


def assert_same_columns(found: TargetColumns, expected: TargetColumns) -> None:
    for name in FIELDS:
        np.testing.assert_array_equal(getattr(found, name), getattr(expected, name), name)
    for name in FLAGS:
        assert (getattr(found, name) == getattr(expected, name)).all(), name


def verdicts(session) -> list[tuple[int | None, int | None, str, str]]:
    judged = evaluate_plans(session)
    return [
        (e.indicator_id, e.region_id, e.status.value, e.warning.value)
        for scope in judged.scopes
        for e in judged.plan(scope.plan.id).evaluations
    ]


def test_stored_facts_judge_as_the_cells_do(engine, seeds_dir):
    with session_scope(engine) as session:
        ensure_reference_plan(session)
        for seed in sorted(seeds_dir.glob("*.txt")):
            import_plan(session, parse_file(seed), author="规划处")
    with session_scope(engine) as session:
        missing = select(func.count()).where(Indicator.fact_guessed_direction.is_(None))
        assert session.scalar(missing) == 0
        judged = evaluate_plans(session)
        assert_same_columns(judged.plan_targets.columns, from_cells(session))
        stored = verdicts(session)
    with session_scope(engine) as session:  # as a database from before the facts were kept
        session.execute(update(Indicator).values(fact_guessed_direction=None, fact_low=None))
    cache.clear()
    with session_scope(engine) as session:
        assert verdicts(session) == stored
        assert_same_columns(evaluate_plans(session).plan_targets.columns, from_cells(session))
    with session_scope(engine) as session:
        total = session.scalar(select(func.count()).select_from(Indicator))
        assert fill_missing_facts(session) == total
        assert fill_missing_facts(session) == 0
        logged = [(e.username, e.entity, e.detail) for e in audit.entries(session)
                  if e.action == "fill_facts"]  # fmt: skip
        assert logged == [(UPGRADE_AUTHOR, "indicator", {"indicators": total})]
    cache.clear()
    with session_scope(engine) as session:
        assert verdicts(session) == stored
