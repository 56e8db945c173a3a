"""Row-level evaluation of plan indicators, built on the vectorized core in `status`.

Callers hold typed `Value` cells and loose observations; this module turns them into the
parallel arrays `evaluate_arrays` needs and the answers back into readable rows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from minsheng.evaluate.direction import Direction, infer_direction
from minsheng.evaluate.status import STATUSES, Method, Status, direction_codes, evaluate_arrays
from minsheng.evaluate.table import Observations, Subjects, judge
from minsheng.evaluate.targets import (
    STRICT,
    Evaluation,
    IndicatorTarget,
    Observation,
    target_numbers,
)
from minsheng.model.value import Comparator, Value, ValueKind

__all__ = ["Evaluation", "IndicatorTarget", "Observation", "evaluate", "previous_plan_verdict"]

_NO_BASELINE = Value(raw="", kind=ValueKind.MISSING)


def evaluate(
    targets: Sequence[IndicatorTarget],
    observations: Sequence[Observation],
    year: int,
    method: Method = Method.LINEAR,
    regions: Sequence[str] | None = None,
) -> list[Evaluation]:
    """Evaluate every indicator in every region, as of `year`, indicator by indicator.

    The regions are those given, else every region that reported anything. Observations
    after `year` are ignored; the latest one at or before it is judged as of `year`: its
    progress is measured at its own year, but from the target year on an unmet target
    is not achieved, however old the value.
    Cumulative targets sum the annual values after the base year. A region with no
    usable observation for an indicator gets `no_data`. Regions are named here; callers
    holding ids use `table.judge` directly.
    """
    if regions is None:
        regions = list(dict.fromkeys(obs.region for obs in observations))
    region_ids = {name: k for k, name in enumerate(dict.fromkeys(regions))}
    keyed = [replace(target, id=k) for k, target in enumerate(targets)]
    subjects = Subjects(
        target=np.repeat(np.arange(len(keyed), dtype=np.int64), len(regions)),
        region=np.tile(np.array([region_ids[r] for r in regions], dtype=np.int64), len(keyed)),
        year=np.full(len(keyed) * len(regions), year, dtype=np.int64),
    )
    judged = judge(keyed, subjects, _observations(observations, region_ids), method)
    names = list(regions) * len(keyed)
    return [
        replace(judged.evaluation(k, names[k]), indicator_id=targets[t].id, region_id=None)
        for k, t in enumerate(subjects.target.tolist())
    ]


def _observations(observations: Sequence[Observation], region_ids: dict[str, int]) -> Observations:
    rows = [
        (obs.indicator, region_ids[obs.region], obs.year, obs.value)
        for obs in observations
        if obs.region in region_ids
    ]
    return Observations.of(rows)


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
    low, high = target_numbers(target)
    result = evaluate_arrays(
        baseline=math.nan,
        target=low,
        target_high=high,
        value=number,
        year=1,
        base_year=0,
        target_year=1,
        direction=direction_codes([direction]),
        strict=target.comparator in STRICT,
        cumulative=target.cumulative,
    )
    return STATUSES[int(result.status[0])]
