"""What one evaluation pass reads, set-based: each indicator's progress in each region, the
plans' targets (see `target_reads`), and the districts that reported. `evaluations`
judges them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TypeVar

import numpy as np
from sqlalchemy.orm import Session

from minsheng.evaluate.table import FloatArray, Observations
from minsheng.store.repositories import indicator_facts, plan_parts, progress
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.clock import day_end
from minsheng.usecases.read.kept_by_plan import kept_by_plan
from minsheng.usecases.read.plans import PlanSummary
from minsheng.usecases.read.target_reads import plans_targets, reads_apart, targets_apart
from minsheng.usecases.read.targets import PlanTargets, base_year, judged_asked

K = TypeVar("K")


@dataclass
class _Brought:
    """The indicators' judged columns a full progress read brought along, if it ran."""

    table: FloatArray | None = None


def progress_and_targets(
    session: Session,
    chosen: Sequence[PlanSummary],
    years: dict[int, int],
    every: bool,
    *,
    asked: int | None,
    as_of: date | None,
) -> tuple[FloatArray, PlanTargets]:
    """The plans' progress rows (`kept_progress`, or `as_of` a day: `progress_rows`) and
    targets. On PostgreSQL the targets are read beside the progress (`reads_apart`);
    elsewhere a pass that reads every plan's progress brings their indicators' columns
    along, which builds the targets when none are kept: a national table is 115,000
    rows, and on SQLite fetching rows is most of the cost of reading them.

    The targets' version is read before the rows, so a catalogue write committed after
    them shows next time."""
    version = plan_parts.indicator_cells_version(session)
    if reads_apart(session):
        targets = targets_apart(session, chosen, every, version)
        found = _progress(session, chosen, years, every, asked=asked, as_of=as_of, brought=None)
        return found, targets()
    brought = _Brought()
    found = _progress(session, chosen, years, every, asked=asked, as_of=as_of, brought=brought)
    return found, plans_targets(session, chosen, every, version, brought.table)


def _progress(
    session: Session, chosen: Sequence[PlanSummary], years: dict[int, int], every: bool, *,
    asked: int | None, as_of: date | None, brought: _Brought | None,
) -> FloatArray:  # fmt: skip
    if as_of is not None:
        return progress_rows(session, chosen, years, every, as_of=as_of)
    return kept_progress(session, chosen, years, every, asked=asked, brought=brought)


def progress_rows(
    session: Session,
    chosen: Sequence[PlanSummary],
    years: dict[int, int],
    every: bool,
    *,
    as_of: date | None = None,
    brought: _Brought | None = None,
) -> FloatArray:
    """Each indicator's progress in each region, reduced in SQL (totals only for cumulative
    targets), as one array of `progress.ProgressRow`s (None is NaN): one query per (base
    year, year judged) among the plans — usually one, which names the current plans by
    their flag when they are `every` current plan; `as_of`: the revisions approved by the
    end of that day instead of the values in force; `brought`: the rows' indicators'
    judged columns are read too, and kept there."""
    groups = _groups(chosen, lambda plan: (base_year(plan), years[plan.id]))
    judged = None if brought is None or as_of is not None else judged_asked(catalogue_for(session))
    read = partial(progress.progress, judged=judged) if as_of is None else partial(
        progress.progress_before, before=day_end(as_of)
    )  # fmt: skip
    rows = [
        row
        for (after, judged_year), ids in groups.items()
        for row in read(
            session, plan_ids=None if every and len(groups) == 1 else ids,
            after_year=after, as_of=judged_year,
        )
    ]  # fmt: skip
    width = PROGRESS_WIDTH + (0 if judged is None else len(indicator_facts.JUDGED_WITH_PROGRESS))
    table = np.array(rows, dtype=np.float64).reshape(-1, width)
    if judged is None or brought is None:
        return table
    brought.table = np.column_stack([table[:, :3], table[:, PROGRESS_WIDTH:]])
    return np.ascontiguousarray(table[:, :PROGRESS_WIDTH])


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
    brought: _Brought | None = None,
) -> FloatArray:
    """`progress_rows` of the values in force, kept between passes (one kept result per
    year `asked`, None: each plan's newest year with data): after a write of some plans'
    values, or a change of the year some are judged as of (their first value of a new
    year), only their rows are read again (`kept_by_plan`); a read of them all fills
    `brought`."""
    ids = tuple(plan.id for plan in chosen)

    def read(stale: list[int] | None) -> FloatArray:
        if stale is None:
            return progress_rows(session, chosen, years, every, brought=brought)
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
