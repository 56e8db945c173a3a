"""The stored indicators as the evaluator reads them: numbers for every plan at once,
whole targets only for the verdicts somebody reads.

A national database holds some 115,000 indicators whose cells repeat (≥95, 100 …): the
numbers the kernel needs are worked out once per distinct cell, and an `IndicatorTarget`
is built only when a verdict on that indicator is shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

import numpy as np

from minsheng.evaluate import IndicatorTarget
from minsheng.evaluate.table import TargetColumns, TargetFacts
from minsheng.model.catalogue import Catalogue
from minsheng.model.plan import Attribute
from minsheng.model.value import Value
from minsheng.store.repositories.plan_parts import IndicatorCells
from minsheng.store.tables import Indicator, Plan


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
    """Every indicator of some plans, plan by plan: `columns` for the kernel, and each
    `IndicatorTarget` on first use (`targets[k]`)."""

    cells: Sequence[tuple[Any, ...]]
    """The plans' indicators in `IndicatorCells`' order, each plan's in its own order; kept
    plan by plan in the order of `plans`, which is the order the targets are judged in."""
    plans: dict[int, Plan]
    catalogue: Catalogue
    columns: TargetColumns = field(init=False)
    _built: dict[int, IndicatorTarget] = field(default_factory=dict, init=False, repr=False)
    _values: dict[str, Value] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        order = {plan_id: n for n, plan_id in enumerate(self.plans)}
        self.cells = sorted(self.cells, key=lambda row: order[row[_PLAN_ID]])  # stable
        self.columns = self._gather()

    def __len__(self) -> int:
        return len(self.cells)

    def __getitem__(self, k: int) -> IndicatorTarget:
        built = self._built.get(k)
        if built is None:
            built = self._built[k] = self._build(IndicatorCells(*self.cells[k]))
        return built

    @cached_property
    def counts(self) -> Counter[int]:
        """How many indicators each plan has."""
        return Counter(row[_PLAN_ID] for row in self.cells)

    @cached_property
    def in_domain(self) -> dict[str, list[int]]:
        """The indexes of the indicators of each domain."""
        found: dict[str, list[int]] = {}
        for k, row in enumerate(self.cells):
            found.setdefault(row[_DOMAIN], []).append(k)
        return found

    @cached_property
    def cumulative_ids(self) -> set[int]:
        """The ids of the indicators whose targets count a running total."""
        return {int(i) for i in self.columns.id[self.columns.cumulative]}

    def _build(self, row: IndicatorCells) -> IndicatorTarget:
        baseline, target = self._value(row.baseline), self._value(row.target)
        return target_from(self.plans[row.plan_id], row, baseline, target, self.catalogue)

    def _value(self, text: str) -> Value:
        found = self._values.get(text)
        if found is None:
            found = self._values[text] = Value.model_validate_json(text)
        return found

    def _gather(self) -> TargetColumns:
        """The kernel's columns, each distinct combination of cells judged once."""
        columns = list(zip(*self.cells, strict=True)) or [()] * len(IndicatorCells._fields)
        ids, plan_ids, names, _, _, targets, attributes, cumulative, keys, baselines = columns
        codes: dict[tuple[Any, ...], int] = {}
        facts: list[TargetFacts] = []
        fact_of = []
        for cells in zip(names, baselines, targets, attributes, cumulative, keys, strict=True):
            code = codes.get(cells)
            if code is None:
                code = codes[cells] = len(facts)
                facts.append(self._facts(cells))
            fact_of.append(code)
        years = {p.id: (base_year(p), p.period_end or 2025) for p in self.plans.values()}
        return TargetColumns.gather(
            ids=np.array(ids, dtype=np.int64),
            facts=facts,
            fact_of=np.array(fact_of, dtype=np.int64),
            years=np.array([years[plan_id] for plan_id in plan_ids]).reshape(-1, 2),
        )

    def _facts(self, cells: tuple[Any, ...]) -> TargetFacts:
        """The facts of (name, baseline's number, target, attribute, cumulative, catalogue
        key)."""
        name, baseline, target, attribute, cumulative, catalogue_key = cells
        entry = self.catalogue.get(catalogue_key) if catalogue_key else None
        return TargetFacts.of_cells(
            name,
            baseline,
            self._value(target),
            binding=attribute == Attribute.BINDING.value,
            cumulative=cumulative,
            catalogue_direction=entry.direction if entry else None,
        )


def target_of(plan: Plan, indicator: Indicator, catalogue: Catalogue) -> IndicatorTarget:
    """A stored indicator as the evaluator reads it, with the catalogue's direction."""
    baseline, target = (
        Value.model_validate(indicator.baseline),
        Value.model_validate(indicator.target),
    )
    return target_from(plan, indicator, baseline, target, catalogue)


def target_from(
    plan: Plan, row: _IndicatorLike, baseline: Value, target: Value, catalogue: Catalogue
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


_PLAN_ID, _DOMAIN = IndicatorCells._fields.index("plan_id"), IndicatorCells._fields.index("domain")
