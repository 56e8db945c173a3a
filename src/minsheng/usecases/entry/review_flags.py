"""Flags of the values awaiting review: the outlier rule and the range rules, for the whole
queue in one pass of the pure rule (collect.validate), never a query per row."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from minsheng.collect.validate.outliers import judge_points
from minsheng.collect.validate.reasons import (
    EVERY_REGION,
    Range,
    change_reason,
    outside,
    range_reason,
)
from minsheng.store.repositories.ranges import RangeKey, StoredRange
from minsheng.store.repositories.review_context import Submitted

Series = Mapping[tuple[int, int], Mapping[int, float]]
"""(indicator id, region id) → {year: value in force}."""


@dataclass(frozen=True)
class Previous:
    """The value in force in the nearest earlier year, and the change from it."""

    year: int
    value: float
    change: float | None

    @property
    def percent(self) -> float | None:
        if self.change is None or self.value == 0:
            return None
        return self.change / abs(self.value)


def previous_of(item: Submitted, series: Series) -> Previous | None:
    known = series.get((item.indicator_id, item.region_id), {})
    earlier = [year for year in known if year < item.year]
    if not earlier:
        return None
    year = max(earlier)
    change = None if item.value is None else item.value - known[year]
    return Previous(year, known[year], change)


def change_flags(items: Sequence[Submitted], series: Series, skip: set[int]) -> list[str | None]:
    """Each item's outlier reason (None when its change is ordinary), all judged at once:
    every item is its own series, its stored years with its own value in its year."""
    points = [
        (number, year, value)
        for number, item in enumerate(items)
        if item.value is not None and item.indicator_id not in skip
        for year, value in _with_item(item, series).items()
    ]
    if not points:
        return [None] * len(items)
    numbers, years, values = (np.array(column) for column in zip(*sorted(points), strict=True))
    judged = judge_points(numbers.astype(np.int64), years.astype(np.int64), values.astype(float))
    reasons: list[str | None] = [None] * len(items)
    for at in np.flatnonzero(judged.flagged):
        number, year = int(numbers[at]), int(years[at])
        if year == items[number].year:
            reasons[number] = change_reason(
                change=float(judged.change[at]),
                previous=float(values[at - 1]),
                previous_year=int(years[at - 1]),
                expected=float(judged.expected[at]),
                allowance=float(judged.allowance[at]),
            )
    return reasons


def _with_item(item: Submitted, series: Series) -> dict[int, float]:
    known = dict(series.get((item.indicator_id, item.region_id), {}))
    known[item.year] = float(item.value) if item.value is not None else 0.0
    return known


def range_rules(stored: Sequence[StoredRange]) -> dict[RangeKey, Range]:
    return {
        (r.indicator_id, r.region_id): Range(r.low, r.high, r.region or EVERY_REGION)
        for r in stored
    }


def range_flag(item: Submitted, rules: Mapping[RangeKey, Range]) -> str | None:
    """The range reason, by the region's own rule, else the rule for every region."""
    rule = rules.get((item.indicator_id, item.region_id)) or rules.get((item.indicator_id, None))
    if item.value is None or not outside(item.value, rule):
        return None
    assert rule is not None  # outside() is False without a rule
    return range_reason(item.value, rule)
