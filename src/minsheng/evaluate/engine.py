"""Row-level evaluation of plan indicators, built on the vectorized core in `status`.

Callers hold typed `Value` cells and loose observations; this module turns them into the
parallel arrays `evaluate_arrays` needs and the answers back into readable rows.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from minsheng.evaluate.direction import Direction, infer_direction
from minsheng.evaluate.status import (
    STATUSES,
    WARNINGS,
    ArrayResult,
    Method,
    Status,
    WarningLevel,
    direction_codes,
    evaluate_arrays,
)
from minsheng.model.plan import Attribute, Indicator
from minsheng.model.value import Comparator, Value, ValueKind

_STRICT = frozenset({Comparator.GT, Comparator.LT})
_NO_BASELINE = Value(raw="", kind=ValueKind.MISSING)


@dataclass(frozen=True)
class IndicatorTarget:
    """One indicator of a plan as the evaluator needs it.

    `direction` is the catalogue's direction, used only when the target cell does not
    state one (see `infer_direction`).
    """

    name: str
    baseline: Value
    target: Value
    attribute: Attribute | None = None
    cumulative: bool = False
    base_year: int = 2020
    target_year: int = 2025
    direction: Direction | None = None
    domain: str | None = None

    @classmethod
    def from_indicator(
        cls, indicator: Indicator, base_year: int = 2020, target_year: int = 2025
    ) -> IndicatorTarget:
        """Take an ingested indicator as it is, adding the plan's years."""
        return cls(
            name=indicator.name,
            baseline=indicator.baseline,
            target=indicator.target,
            attribute=indicator.attribute,
            cumulative=indicator.cumulative,
            base_year=base_year,
            target_year=target_year,
            domain=indicator.domain,
        )

    @property
    def is_cumulative(self) -> bool:
        """Cumulative when the table says so or the cell is bracketed ([20])."""
        return self.cumulative or self.target.cumulative

    @property
    def resolved_direction(self) -> Direction:
        """The direction the evaluation uses for this indicator."""
        return infer_direction(self.name, self.baseline, self.target, self.direction)


@dataclass(frozen=True)
class Observation:
    """One reported annual value; qualitative indicators report 1.0 (met) or 0.0."""

    indicator: int  # index into the targets sequence
    region: str
    year: int
    value: float


@dataclass(frozen=True)
class Evaluation:
    """The verdict on one indicator in one region.

    `year` is the year of the observation judged (the requested year when there is
    none); `value` is that observation, or the running total for cumulative targets.
    """

    name: str
    region: str
    year: int
    value: float | None
    baseline: Value
    target: Value
    direction: Direction
    status: Status
    warning: WarningLevel
    ratio: float | None
    domain: str | None = None
    attribute: Attribute | None = None


@dataclass(frozen=True)
class _Row:
    indicator: int
    region: str
    year: int
    value: float


def evaluate(
    targets: Sequence[IndicatorTarget],
    observations: Sequence[Observation],
    year: int,
    method: Method = Method.LINEAR,
    regions: Sequence[str] | None = None,
) -> list[Evaluation]:
    """Evaluate every indicator in every region, as of `year`.

    The regions are those given, else every region that reported anything. Observations
    after `year` are ignored; the latest one at or before it is judged at its own year.
    Cumulative targets sum the annual values after the base year. A region with no
    usable observation for an indicator gets `no_data`.
    """
    grouped: dict[tuple[int, str], list[Observation]] = defaultdict(list)
    for obs in observations:
        if obs.year <= year:
            grouped[obs.indicator, obs.region].append(obs)
    if regions is None:
        regions = list(dict.fromkeys(obs.region for obs in observations))
    rows = [
        _row(i, target, region, grouped.get((i, region), []), year)
        for i, target in enumerate(targets)
        for region in regions
    ]
    result = _evaluate_rows(targets, rows, method)
    return [_evaluation(targets[row.indicator], row, result, k) for k, row in enumerate(rows)]


def _row(
    index: int,
    target: IndicatorTarget,
    region: str,
    mine: list[Observation],
    year: int,
) -> _Row:
    """The value to judge for one indicator and region: latest value or running total."""
    if target.is_cumulative:
        mine = [obs for obs in mine if obs.year > target.base_year]
    if not mine:
        return _Row(index, region, year, math.nan)
    latest = max(mine, key=lambda obs: obs.year)
    value = sum(obs.value for obs in mine) if target.is_cumulative else latest.value
    return _Row(index, region, latest.year, value)


def _evaluate_rows(
    targets: Sequence[IndicatorTarget], rows: Sequence[_Row], method: Method
) -> ArrayResult:
    """Gather the rows into arrays and run the vectorized core once."""
    chosen = [targets[row.indicator] for row in rows]
    bounds = [_target_numbers(t.target) for t in chosen]
    return evaluate_arrays(
        baseline=np.array([_number(t.baseline) for t in chosen], dtype=np.float64),
        target=np.array([low for low, _ in bounds], dtype=np.float64),
        target_high=np.array([high for _, high in bounds], dtype=np.float64),
        value=np.array([row.value for row in rows], dtype=np.float64),
        year=np.array([row.year for row in rows], dtype=np.float64),
        base_year=np.array([t.base_year for t in chosen], dtype=np.float64),
        target_year=np.array([t.target_year for t in chosen], dtype=np.float64),
        direction=direction_codes([t.resolved_direction for t in chosen]),
        strict=np.array([t.target.comparator in _STRICT for t in chosen], dtype=bool),
        cumulative=np.array([t.is_cumulative for t in chosen], dtype=bool),
        binding=np.array([t.attribute is Attribute.BINDING for t in chosen], dtype=bool),
        method=method,
    )


def _evaluation(target: IndicatorTarget, row: _Row, result: ArrayResult, k: int) -> Evaluation:
    ratio = float(result.ratio[k])
    return Evaluation(
        name=target.name,
        region=row.region,
        year=row.year,
        value=None if math.isnan(row.value) else row.value,
        baseline=target.baseline,
        target=target.target,
        direction=target.resolved_direction,
        status=_status_at(result, k),
        warning=_warning_at(result, k),
        ratio=None if math.isnan(ratio) else ratio,
        domain=target.domain,
        attribute=target.attribute,
    )


def _status_at(result: ArrayResult, k: int) -> Status:
    return STATUSES[int(result.status[k])]


def _warning_at(result: ArrayResult, k: int) -> WarningLevel:
    return WARNINGS[int(result.warning[k])]


def _number(value: Value) -> float:
    """A baseline's number, NaN when the cell holds none (ranges, text, odd cells)."""
    return math.nan if value.number is None else value.number


def _target_numbers(target: Value) -> tuple[float, float]:
    """(threshold or band low, band high); NaN where the cell gives no number."""
    if target.kind is ValueKind.RANGE and target.low is not None and target.high is not None:
        return target.low, target.high
    return _number(target), math.nan


def previous_plan_verdict(target: Value, actual: Value, name: str) -> Status:
    """Was a previous plan's target met, per its completion table (目标 vs 完成)?

    A plain number is judged directly. An actual stated as a bound (<3.5 against a
    target of 4.5以下) is judged by its worst case when the bound points the target's
    way. An odd cell holding several numbers (686(646)) is achieved or not only when
    every number it holds agrees; otherwise it is not_evaluable. A qualitative target
    is achieved only when the actual restates the same commitment, since no
    vocabulary of "done" words is guessed.
    """
    if target.kind is ValueKind.QUALITATIVE:
        same = actual.kind is ValueKind.QUALITATIVE and actual.text == target.text
        return Status.ACHIEVED if same else Status.NOT_EVALUABLE
    direction = infer_direction(name, _NO_BASELINE, target)
    candidates = _actual_candidates(actual, direction)
    if not candidates:
        return Status.NOT_EVALUABLE
    verdicts = {_verdict_for(target, direction, number) for number in candidates}
    return verdicts.pop() if len(verdicts) == 1 else Status.NOT_EVALUABLE


_HALF_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_WORST_CASE_BOUNDS = {
    Direction.LOWER_IS_BETTER: (Comparator.LT, Comparator.LE),
    Direction.HIGHER_IS_BETTER: (Comparator.GT, Comparator.GE),
}
_NUMBERS_IN_CELL = re.compile(r"\d+(?:\.\d+)?")


def _actual_candidates(actual: Value, direction: Direction) -> list[float]:
    """The numbers an actual cell commits to, for judging a completion-table row."""
    if actual.kind is ValueKind.NUMBER and actual.number is not None:
        return [actual.number]
    bound_ok = actual.comparator in _WORST_CASE_BOUNDS.get(direction, ())
    if actual.kind is ValueKind.COMPARISON and actual.number is not None and bound_ok:
        return [actual.number]
    if actual.kind is ValueKind.ODD:
        return [float(n) for n in _NUMBERS_IN_CELL.findall(actual.raw.translate(_HALF_WIDTH))]
    return []


def _verdict_for(target: Value, direction: Direction, number: float) -> Status:
    low, high = _target_numbers(target)
    result = evaluate_arrays(
        baseline=math.nan,
        target=low,
        target_high=high,
        value=number,
        year=1,
        base_year=0,
        target_year=1,
        direction=direction_codes([direction]),
        strict=target.comparator in _STRICT,
        cumulative=target.cumulative,
    )
    return _status_at(result, 0)
