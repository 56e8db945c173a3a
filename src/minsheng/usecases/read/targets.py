"""The stored indicators as the evaluator reads them: numbers for every plan at once,
whole targets only for the verdicts somebody reads.

A national database holds some 115,000 indicators. The numbers the kernel needs (each
indicator's `CellFacts`) are worked out once, when the plan is stored, and read as
columns; an indicator's cells are read, and its `IndicatorTarget` built, only when a
verdict on it is shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from sqlalchemy.orm import Session

from minsheng.evaluate import IndicatorTarget
from minsheng.evaluate.status import direction_codes
from minsheng.evaluate.table import TargetColumns
from minsheng.model.catalogue import Catalogue, Direction
from minsheng.model.plan import Attribute
from minsheng.model.value import Value
from minsheng.store.repositories import indicator_facts as facts
from minsheng.store.repositories.indicator_facts import CellRow, JudgedRow
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

    rows: Sequence[tuple[Any, ...]]
    """The plans' indicators as `JudgedRow`s, each plan's in its own order; kept plan by
    plan in the order of `plans`, which is the order the targets are judged in."""
    plans: Mapping[int, HasPeriod]
    catalogue: Catalogue
    columns: TargetColumns = field(init=False)
    _cells: dict[int, CellRow] = field(default_factory=dict, init=False, repr=False)
    _built: dict[int, IndicatorTarget] = field(default_factory=dict, init=False, repr=False)
    _counts: Counter[int] = field(default_factory=Counter, init=False, repr=False)

    def __post_init__(self) -> None:
        self.rows, self._counts = _in_plan_order(self.rows, list(self.plans))
        self.columns = self._gather()

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, k: int) -> IndicatorTarget:
        built = self._built.get(k)
        if built is None:
            cells = self._cells.get(int(self.columns.id[k]))
            if cells is None:
                raise LookupError(f"target {k}: its cells were not loaded (call load first)")
            built = self._built[k] = self._build(self.rows[k][_PLAN_ID], cells)
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

    @cached_property
    def in_domain(self) -> dict[str, list[int]]:
        """The indexes of the indicators of each domain."""
        found: dict[str, list[int]] = {}
        for k, row in enumerate(self.rows):
            found.setdefault(row[_DOMAIN], []).append(k)
        return found

    @cached_property
    def cumulative_ids(self) -> set[int]:
        """The ids of the indicators whose targets count a running total."""
        return {int(i) for i in self.columns.id[self.columns.cumulative]}

    def _build(self, plan_id: int, row: CellRow) -> IndicatorTarget:
        baseline = Value.model_validate_json(row.baseline)
        target = Value.model_validate_json(row.target)
        return target_from(self.plans[plan_id], row, baseline, target, self.catalogue)

    def _gather(self) -> TargetColumns:
        """The kernel's columns from the stored facts, the catalogue's direction between
        the one a target states and the one its name or movement suggests."""
        columns = list(zip(*self.rows, strict=True)) or [()] * len(JudgedRow._fields)
        ids, _, _, attributes, keys, base, low, high, stated, guessed, strict, total = columns
        binding = Attribute.BINDING.value
        years = self._years()
        return TargetColumns(
            id=np.array(ids, dtype=np.int64),
            baseline=np.array(base, dtype=np.float64),  # None is NaN
            low=np.array(low, dtype=np.float64),
            high=np.array(high, dtype=np.float64),
            base_year=years[:, 0],
            target_year=years[:, 1],
            direction=direction_codes(self._directions(stated, keys, guessed)),
            strict=np.array(strict, dtype=bool),
            cumulative=np.array(total, dtype=bool),
            binding=np.array([attribute == binding for attribute in attributes], dtype=bool),
        )

    def _years(self) -> npt.NDArray[np.float64]:
        """(base year, target year) of each target: its plan's, repeated plan by plan."""
        years = [(base_year(plan), plan.period_end or 2025) for plan in self.plans.values()]
        repeats = [self.counts.get(plan_id, 0) for plan_id in self.plans]
        return np.repeat(np.array(years, dtype=np.float64).reshape(-1, 2), repeats, axis=0)

    def _directions(
        self, stated: Sequence[str | None], keys: Sequence[str | None], guessed: Sequence[str]
    ) -> list[Direction]:
        """The target's own direction, else the catalogue's, else the guessed one."""
        listed = {key: self._catalogue_direction(key) for key in set(keys) if key}
        return [
            _DIRECTION[one or listed.get(key or "") or other]
            for one, key, other in zip(stated, keys, guessed, strict=True)
        ]

    def _catalogue_direction(self, key: str) -> str | None:
        entry = self.catalogue.get(key)
        return entry.direction.value if entry and entry.direction else None


def _in_plan_order(
    rows: Sequence[tuple[Any, ...]], plan_ids: list[int]
) -> tuple[list[tuple[Any, ...]], Counter[int]]:
    """The rows in the order of `plan_ids` (stable within a plan), and how many each plan
    has: ranked and counted as arrays, not 115,000 keys in Python."""
    if not rows:
        return [], Counter()
    of_plan = np.fromiter(map(itemgetter(_PLAN_ID), rows), dtype=np.int64, count=len(rows))
    plans, inverse, counts = np.unique(of_plan, return_inverse=True, return_counts=True)
    rank = {plan_id: n for n, plan_id in enumerate(plan_ids)}
    ranks = np.array([rank[int(plan_id)] for plan_id in plans], dtype=np.int64)[inverse]
    found = Counter(dict(zip(plans.tolist(), counts.tolist(), strict=True)))
    if np.all(ranks[1:] >= ranks[:-1]):
        return list(rows), found
    return [rows[k] for k in np.argsort(ranks, kind="stable").tolist()], found


def with_facts(session: Session, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """`JudgedRow`s with their facts: those stored before facts were written with the
    cells (until `minsheng db upgrade` fills them) are worked out from the cells here."""
    missing = [row[0] for row in rows if row[_GUESSED] is None]
    if not missing:
        return rows
    worked_out = {cells.id: cell_facts(cells) for cells in facts.cell_rows(session, ids=missing)}
    return [row if row[_GUESSED] is not None else (*row[:5], *worked_out[row[0]]) for row in rows]


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


_PLAN_ID, _DOMAIN = JudgedRow._fields.index("plan_id"), JudgedRow._fields.index("domain")
_GUESSED = JudgedRow._fields.index("guessed_direction")
_DIRECTION = {direction.value: direction for direction in Direction}
