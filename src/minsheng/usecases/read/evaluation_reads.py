"""What one evaluation pass reads, set-based: the plans' targets (in a thread of their own,
beside the observations), each indicator's progress in each region, and the districts
that reported. `evaluations` judges them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import partial
from typing import TypeVar

import numpy as np
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from minsheng.evaluate.table import FloatArray, Observations
from minsheng.store import session_scope
from minsheng.store.repositories import audit, plan_parts, progress
from minsheng.usecases.cache import cached_by
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.read.kept_by_plan import kept_by_plan
from minsheng.usecases.read.period import day_end
from minsheng.usecases.read.plans import PlanSummary
from minsheng.usecases.read.targets import PlanTargets, base_year, judged_table

K = TypeVar("K")
TARGETS = "targets"
"""The cache kind of the plans' parsed targets, which an observation write leaves valid
(see `_targets_of`)."""
_READERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="evaluation-reads")


def targets_alongside(
    session: Session, chosen: Sequence[PlanSummary], every: bool
) -> Callable[[], PlanTargets]:
    """The plans' targets, read on PostgreSQL on a connection of their own in another
    thread while the caller reads the observations: the server works on both queries at
    once (0.3 s of a national pass). SQLite reads them here: its driver hands the lock
    that Python threads share back and forth for every row, so two threads reading
    rows at once take longer than one after the other.

    The other connection reads the plans named, whose indicators never change, and the
    catalogue links as of its own snapshot: when those differ from the caller's (a link
    or catalogue write came between), the targets are read again here. A session that has
    written reads them itself, since its rows are not visible elsewhere.
    """
    engine = _engine_of(session)
    if audit.has_written(session) or engine.dialect.name == "sqlite":
        targets = plans_targets(session, chosen, every)
        return lambda: targets
    ids = [plan.id for plan in chosen]
    future = _READERS.submit(_read_apart, engine, chosen, ids)

    def result() -> PlanTargets:
        targets, version = future.result()
        if version == plan_parts.indicator_cells_version(session):
            return targets
        return plans_targets(session, chosen, every)

    return result


def _read_apart(
    engine: Engine, chosen: Sequence[PlanSummary], ids: list[int]
) -> tuple[PlanTargets, int]:
    with session_scope(engine, writes=False) as other:
        version = plan_parts.indicator_cells_version(other)
        return _targets_of(other, chosen, ids, version), version


def _engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def plans_targets(session: Session, chosen: Sequence[PlanSummary], every: bool) -> PlanTargets:
    """The plans' targets (`every`: all the current plans, read by their flag)."""
    version = plan_parts.indicator_cells_version(session)
    return _targets_of(session, chosen, None if every else [p.id for p in chosen], version)


def _targets_of(
    session: Session, chosen: Sequence[PlanSummary], ids: list[int] | None, version: int
) -> PlanTargets:
    """The plans' targets (`ids` None: every current plan), kept until a catalogue entry or
    link changes (`version`): observations, the usual writes, do not change them, and a
    plan's indicators never change (a new version is a new plan)."""
    key = (TARGETS, tuple(plan.id for plan in chosen))

    def compute() -> PlanTargets:
        catalogue = catalogue_for(session)
        plans = {plan.id: plan for plan in chosen}
        return PlanTargets(judged_table(session, ids, catalogue), plans, catalogue)

    return cached_by(session, version, key, compute)


def progress_rows(
    session: Session,
    chosen: Sequence[PlanSummary],
    years: dict[int, int],
    every: bool,
    *,
    as_of: date | None = None,
) -> FloatArray:
    """Each indicator's progress in each region, reduced in SQL (totals only for cumulative
    targets), as one array of `progress.ProgressRow`s (None is NaN): one query per (base
    year, year judged) among the plans — usually one, which names the current plans by
    their flag when they are `every` current plan; `as_of`: the revisions approved by the
    end of that day instead of the values in force."""
    groups = _groups(chosen, lambda plan: (base_year(plan), years[plan.id]))
    read = partial(progress.progress) if as_of is None else partial(
        progress.progress_before, before=day_end(as_of)
    )  # fmt: skip
    rows = [
        row
        for (after, judged), ids in groups.items()
        for row in read(
            session, plan_ids=None if every and len(groups) == 1 else ids,
            after_year=after, as_of=judged,
        )
    ]  # fmt: skip
    return np.array(rows, dtype=np.float64).reshape(-1, PROGRESS_WIDTH)


PROGRESS_WIDTH = 6
"""The columns of a progress row: plan, indicator, region, year, value, total."""
_PLAN = 0


def kept_progress(
    session: Session,
    chosen: Sequence[PlanSummary],
    years: dict[int, int],
    every: bool,
    *,
    asked: int | None,
) -> FloatArray:
    """`progress_rows` of the values in force, kept between passes (one kept result per
    year `asked`, None: each plan's newest year with data): after a write of some plans'
    values, or a change of the year some are judged as of (their first value of a new
    year), only their rows are read again (`kept_by_plan`)."""
    ids = tuple(plan.id for plan in chosen)

    def read(stale: list[int] | None) -> FloatArray:
        if stale is None:
            return progress_rows(session, chosen, years, every)
        again = set(stale)
        return progress_rows(session, [p for p in chosen if p.id in again], years, False)

    def merge(kept: FloatArray, stale: set[int], fresh: FloatArray) -> FloatArray:
        return np.concatenate([kept[~np.isin(kept[:, _PLAN], list(stale))], fresh])

    key, plan_ids = ("progress", ids, asked), None if every else ids
    return kept_by_plan(session, key, plan_ids, read, merge, per_plan=years)


def reporting(session: Session, chosen: Sequence[PlanSummary], every: bool) -> set[tuple[int, int]]:
    """(plan id, district id) of the districts that reported on each plan since its base
    year: one query per base year among the plans — usually one."""
    groups = _groups(chosen, base_year)
    return {
        pair
        for after, ids in groups.items()
        for pair in progress.reporting_districts(
            session, plan_ids=None if every and len(groups) == 1 else ids, after_year=after
        )
    }


def _groups(chosen: Sequence[PlanSummary], key: Callable[[PlanSummary], K]) -> dict[K, list[int]]:
    """The plans' ids by `key`, in the plans' order."""
    groups: dict[K, list[int]] = defaultdict(list)
    for plan in chosen:
        groups[key(plan)].append(plan.id)
    return groups


def observations(table: FloatArray, cumulative: set[int]) -> Observations:
    """One observation per indicator and region with a number: the latest value, or the
    running total of a cumulative target, at the latest year judged (`table`: progress
    rows in any order)."""
    table = table[~np.isnan(table[:, 3])]
    ids = table[:, 1:4].astype(np.int64)
    totals = np.isin(ids[:, 0], np.fromiter(cumulative, dtype=np.int64, count=len(cumulative)))
    return Observations(ids[:, 0], ids[:, 1], ids[:, 2], np.where(totals, table[:, 5], table[:, 4]))
