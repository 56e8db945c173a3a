"""The stored indicators as the evaluator reads them: numbers for every plan at once,
whole targets only for the verdicts somebody reads.

A national database holds some 115,000 indicators. The numbers the kernel needs (each
indicator's `CellFacts`) are worked out once, when the plan is stored, and read as
columns; an indicator's cells are read, and its `IndicatorTarget` built, only when a
verdict on it is shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import numpy as np
import numpy.typing as npt
from sqlalchemy.orm import Session

from minsheng.evaluate import IndicatorTarget
from minsheng.evaluate.status import DIRECTIONS, direction_codes
from minsheng.evaluate.table import FloatArray, IntArray, TargetColumns
from minsheng.model.catalogue import Catalogue
from minsheng.model.plan import Attribute
from minsheng.model.value import Value
from minsheng.store.repositories import indicator_facts as facts
from minsheng.store.repositories.indicator_facts import CellRow, StoredFacts
from minsheng.store.tables import Indicator
from minsheng.usecases.indicator_facts import cell_facts


class HasPeriod(Protocol):
    """A plan as far as its period goes: a stored row or a read model."""

    @property
    def period_start(self) -> int | None: ...

    @property
    def period_end(self) -> int | None: ...


def base_year(plan: HasPeriod) -> int:
    """The year before the plan's period: its baselines' year."""
    return (plan.period_start or 2021) - 1


class _IndicatorLike(Protocol):
    """A stored indicator's identity and table cells, as a row or as plain cells."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def domain(self) -> str: ...
    @property
    def attribute(self) -> str | None: ...
    @property
    def cumulative(self) -> bool: ...
    @property
    def catalogue_key(self) -> str | None: ...


@dataclass
class PlanTargets:
    """Every indicator of some plans, plan by plan: `columns` for the kernel from the facts
    stored with each indicator, and each `IndicatorTarget` once its cells are loaded
    (`load`, then `targets[k]`)."""

    table: FloatArray
    """The plans' indicators, a row of `JUDGED_COLUMNS` each (`judged_table`), each plan's
    in its own order; kept plan by plan in the order of `plans`, the order judged in."""
    plans: Mapping[int, HasPeriod]
    catalogue: Catalogue
    columns: TargetColumns = field(init=False)
    plan_of: npt.NDArray[np.int64] = field(init=False)
    """The plan id of each target."""
    _cells: dict[int, CellRow] = field(default_factory=dict, init=False, repr=False)
    _built: dict[int, IndicatorTarget] = field(default_factory=dict, init=False, repr=False)
    _counts: Counter[int] = field(default_factory=Counter, init=False, repr=False)
    _domains: dict[str, list[int]] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.table, self._counts = _in_plan_order(self.table, list(self.plans))
        self.plan_of = self.table[:, _PLAN_ID].astype(np.int64)
        self.columns = self._gather()

    def __len__(self) -> int:
        return len(self.table)

    def __getitem__(self, k: int) -> IndicatorTarget:
        built = self._built.get(k)
        if built is None:
            cells = self._cells.get(int(self.columns.id[k]))
            if cells is None:
                raise LookupError(f"target {k}: its cells were not loaded (call load first)")
            built = self._built[k] = self._build(int(self.plan_of[k]), cells)
        return built

    def load(self, session: Session, indexes: Iterable[int]) -> None:
        """Read the cells of the targets at `indexes` that are not loaded yet, in one go."""
        missing = {int(self.columns.id[k]) for k in indexes} - self._cells.keys()
        if missing:
            self._cells.update((row.id, row) for row in facts.cell_rows(session, ids=missing))

    @property
    def counts(self) -> Counter[int]:
        """How many indicators each plan has."""
        return self._counts

    def in_domain(self, session: Session) -> dict[str, list[int]]:
        """The indexes of the indicators of each domain (read once, when first asked)."""
        if self._domains is None:
            ids = self.columns.id
            order = np.argsort(ids, kind="stable")
            found: dict[str, list[int]] = {}
            for indicator_id, domain in facts.domain_rows(session, plan_ids=list(self.plans)):
                found.setdefault(domain, []).append(indicator_id)
            self._domains = {
                domain: sorted(order[np.searchsorted(ids[order], members)].tolist())
                for domain, members in found.items()
            }
        return self._domains

    @cached_property
    def cumulative_ids(self) -> set[int]:
        """The ids of the indicators whose targets count a running total."""
        return {int(i) for i in self.columns.id[self.columns.cumulative]}

    def _build(self, plan_id: int, row: CellRow) -> IndicatorTarget:
        baseline = Value.model_validate_json(row.baseline)
        target = Value.model_validate_json(row.target)
        return target_from(self.plans[plan_id], row, baseline, target, self.catalogue)

    def _gather(self) -> TargetColumns:
        """The kernel's columns, straight from the stored numbers."""
        table, years = self.table, self._years()
        flags = table[:, _FLAGS].astype(np.int64)
        return TargetColumns(
            id=table[:, _ID].astype(np.int64),
            baseline=table[:, _BASELINE],
            low=table[:, _LOW],
            high=table[:, _HIGH],
            base_year=years[:, 0],
            target_year=years[:, 1],
            direction=(flags // facts.DIRECTION_UNIT - 1).astype(np.int8),
            strict=_flag(flags, "strict"),
            cumulative=_flag(flags, "cumulative"),
            binding=_flag(flags, "binding"),
        )

    def _years(self) -> npt.NDArray[np.float64]:
        """(base year, target year) of each target: its plan's, repeated plan by plan."""
        years = [(base_year(plan), plan.period_end or 2025) for plan in self.plans.values()]
        repeats = [self.counts.get(plan_id, 0) for plan_id in self.plans]
        return np.repeat(np.array(years, dtype=np.float64).reshape(-1, 2), repeats, axis=0)


def _in_plan_order(table: FloatArray, plan_ids: list[int]) -> tuple[FloatArray, Counter[int]]:
    """The rows in the order of `plan_ids` (stable within a plan), and how many each plan
    has: ranked and counted as arrays, not 115,000 keys in Python."""
    if not len(table):
        return table, Counter()
    of_plan = table[:, _PLAN_ID].astype(np.int64)
    plans, inverse, counts = np.unique(of_plan, return_inverse=True, return_counts=True)
    rank = {plan_id: n for n, plan_id in enumerate(plan_ids)}
    ranks = np.array([rank[int(plan_id)] for plan_id in plans], dtype=np.int64)[inverse]
    found = Counter(dict(zip(plans.tolist(), counts.tolist(), strict=True)))
    if np.all(ranks[1:] >= ranks[:-1]):
        return table, found
    return table[np.argsort(ranks, kind="stable")], found


def judged_asked(catalogue: Catalogue) -> facts.JudgedAsked:
    """How the kernel's directions are coded, with the catalogue's for its keys."""
    listed = {e.key: e.direction.value for e in catalogue if e.direction is not None}
    return facts.JudgedAsked(_CODES, listed)


def judged_table(
    session: Session, plan_ids: Collection[int] | None, catalogue: Catalogue
) -> FloatArray:
    """The plans' indicators (None: every current plan) as one array of `JUDGED_COLUMNS`,
    each direction resolved (stated, else the catalogue's, else guessed) and coded for the
    kernel; facts stored before they were written with the cells (until `minsheng db
    upgrade` fills them) are worked out from the cells here."""
    asked = judged_asked(catalogue)
    rows = facts.judged_numbers(session, plan_ids=plan_ids, asked=asked)
    table = np.array(rows, dtype=np.float64).reshape(-1, len(facts.JUDGED_COLUMNS))
    return _worked_out(session, table, asked)


def judged_table_of(
    session: Session, brought: FloatArray, own_region: Mapping[int, int], catalogue: Catalogue
) -> FloatArray:
    """`judged_table` from a progress read that brought `facts.JUDGED_WITH_PROGRESS` (the
    columns after plan, indicator and region): each indicator's row in its plan's own
    region (`own_region`: plan id → region id), plan by plan in each plan's order."""
    plan_ids = np.array(sorted(own_region) or [-1], dtype=np.int64)  # -1: no plan's id
    regions = np.array([own_region.get(p, -1) for p in plan_ids.tolist()], dtype=np.int64)
    plans = brought[:, 0].astype(np.int64)
    at = np.searchsorted(plan_ids, plans).clip(max=len(plan_ids) - 1)
    own = brought[(plan_ids[at] == plans) & (brought[:, 2].astype(np.int64) == regions[at])]
    own = own[np.lexsort((own[:, 3], own[:, 0]))]  # plan, then position
    table = np.column_stack([own[:, 1], own[:, 0], own[:, 4:]])  # id, plan, flags … high
    return _worked_out(session, table, judged_asked(catalogue))


def _worked_out(session: Session, table: FloatArray, asked: facts.JudgedAsked) -> FloatArray:
    missing = np.flatnonzero(~_flag(table[:, _FLAGS].astype(np.int64), "known"))
    if len(missing):
        _work_out(session, table, missing, asked.listed)
    return table


def _flag(flags: IntArray, name: str) -> npt.NDArray[np.bool_]:
    return (flags & facts.FLAG_BITS[name]) != 0


def _work_out(
    session: Session, table: FloatArray, rows: IntArray, listed: Mapping[str, str]
) -> None:
    """Fill in the facts of `rows` of the table from their indicators' cells."""
    at = {int(table[k, _ID]): int(k) for k in rows}
    for cells in facts.cell_rows(session, ids=list(at)):
        found = cell_facts(cells)
        k = at[cells.id]
        table[k, [_BASELINE, _LOW, _HIGH]] = np.array(
            [found.baseline, found.low, found.high], dtype=np.float64
        )
        direction = found.stated_direction or listed.get(cells.catalogue_key or "")
        table[k, _FLAGS] = _packed(
            int(table[k, _FLAGS]), _CODES[direction or found.guessed_direction], found
        )


def _packed(flags: int, direction: int, found: StoredFacts) -> int:
    """`flags` (its binding bit kept) with the worked-out facts."""
    bits = facts.FLAG_BITS
    kept = flags & bits["binding"]
    worked = bits["strict"] * found.strict + bits["cumulative"] * found.cumulative
    return kept + worked + bits["known"] + (direction + 1) * facts.DIRECTION_UNIT


def target_of(plan: HasPeriod, indicator: Indicator, catalogue: Catalogue) -> IndicatorTarget:
    """A stored indicator as the evaluator reads it, with the catalogue's direction."""
    baseline, target = (
        Value.model_validate(indicator.baseline),
        Value.model_validate(indicator.target),
    )
    return target_from(plan, indicator, baseline, target, catalogue)


def target_from(
    plan: HasPeriod, row: _IndicatorLike, baseline: Value, target: Value, catalogue: Catalogue
) -> IndicatorTarget:
    """An indicator's cells, already parsed, with its plan's years and catalogue direction."""
    entry = catalogue.get(row.catalogue_key) if row.catalogue_key else None
    return IndicatorTarget(
        name=row.name,
        baseline=baseline,
        target=target,
        attribute=Attribute(row.attribute) if row.attribute else None,
        cumulative=bool(row.cumulative),  # SQLite's driver gives 0 or 1
        base_year=base_year(plan),
        target_year=plan.period_end or 2025,
        direction=entry.direction if entry else None,
        domain=row.domain,
        id=row.id,
    )


_COLUMN = {name: k for k, name in enumerate(facts.JUDGED_COLUMNS)}
_ID, _PLAN_ID, _FLAGS = _COLUMN["id"], _COLUMN["plan_id"], _COLUMN["flags"]
_BASELINE, _LOW, _HIGH = _COLUMN["baseline"], _COLUMN["low"], _COLUMN["high"]
_CODES = {
    d.value: int(code) for d, code in zip(DIRECTIONS, direction_codes(DIRECTIONS), strict=True)
}
