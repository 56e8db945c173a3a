"""How the demonstration's synthetic values (示例数据) move, so that every page has
something true to show about the software: each city indicator follows a scenario —
holding a target it already meets, on track, lagging, or (one binding indicator per city)
regressing — and each district follows its city with a spread that narrows over the years
(counties start behind and catch up). Pure: numbers in, numbers out."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from minsheng.collect.validate import IndicatorSpec
from minsheng.store.tables import Indicator

STRICT_MARGIN = 0.05
"""A `>`/`<` target is met by a value at least this far inside it (values have 2 decimals)."""
ON_TRACK_SHARE = 0.6
"""Of the indicators that still have a gap to close, the share that closes it on time."""


class Scenario(StrEnum):
    HOLDING = "holding"  # the baseline meets the target already and stays there
    ON_TRACK = "on_track"
    LAGGING = "lagging"  # closes only part of the gap: 进展缓慢
    REGRESSING = "regressing"  # moves away from the target: the demo's red warning


@dataclass(frozen=True)
class Course:
    """What the generator needs of an indicator: where it starts and where it must get."""

    baseline: float
    low: float
    high: float
    better: int  # +1 when more is better, -1 when less is
    percent: bool
    cumulative: bool

    @property
    def aim(self) -> float:
        return self.low if self.better > 0 else self.high

    def meets(self, value: float) -> bool:
        return self.low <= value <= self.high

    @property
    def gap_to_close(self) -> bool:
        """Whether the baseline is more than a rounding step short of the target (a `>85`
        target with a baseline of 85 has none: holding it just above is enough)."""
        return not self.meets(self.baseline) and abs(self.aim - self.baseline) > 2 * STRICT_MARGIN


def course_of(indicator: Indicator) -> Course | None:
    """The indicator's course, or None when it has no path to follow (qualitative, a band,
    no baseline or no target: see `steady_value`). The stored facts keep a one-sided
    target's threshold in `fact_low` whichever way it points; the direction says which
    side it bounds. A five-year total is an amount per year, whatever its guessed direction
    (新增就业 and 棚户区改造 count what was done)."""
    direction = indicator.fact_stated_direction or indicator.fact_guessed_direction
    threshold, start = indicator.fact_low, indicator.fact_baseline
    cumulative = bool(indicator.fact_cumulative)
    if threshold is None or not math.isfinite(threshold) or threshold <= 0:
        return None
    if cumulative:
        return Course(start or threshold, threshold, math.inf, 1, False, True)
    if direction not in {"higher_is_better", "lower_is_better"} or start is None or start <= 0:
        return None
    better = 1 if direction == "higher_is_better" else -1
    margin = STRICT_MARGIN if indicator.fact_strict else 0.0
    low, high = (threshold + margin, math.inf) if better > 0 else (-math.inf, threshold - margin)
    percent = _capped_at_100(indicator)
    return Course(start, low, high, better, percent, cumulative)


def steady_value(indicator: Indicator) -> float | None:
    """A value for an indicator without a course, held every year: a qualitative target
    met (1 = 是), the middle of a band, or just past a threshold that has no baseline."""
    direction = indicator.fact_stated_direction or indicator.fact_guessed_direction
    low, high = indicator.fact_low, indicator.fact_high
    if direction == "qualitative":
        return 1.0
    if low is None or not math.isfinite(low):
        return None
    if direction == "within_band" and high is not None and math.isfinite(high):
        return round((low + high) / 2, 2)
    nudged = low * (0.99 if direction == "lower_is_better" else 1.01)
    top = 100.0 if _capped_at_100(indicator) else math.inf
    return round(min(nudged, top), 2)


def _capped_at_100(indicator: Indicator) -> bool:
    """A percentage, as upload validation reads the unit; the demo keeps every one within
    100 (a gross ratio such as 毛入园率 may pass it, but the demo does not need one to)."""
    return IndicatorSpec.infer(indicator.name, indicator.unit).is_percent


def scenario_of(course: Course, draw: float, *, regress: bool) -> Scenario:
    """HOLDING when there is no gap; REGRESSING for the city's chosen binding indicator;
    otherwise on track or lagging by `draw` (uniform in [0, 1))."""
    if regress:
        return Scenario.REGRESSING
    if not course.cumulative and not course.gap_to_close:
        return Scenario.HOLDING
    return Scenario.ON_TRACK if draw < ON_TRACK_SHARE else Scenario.LAGGING


def city_path(
    course: Course,
    scenario: Scenario,
    years: range,
    period: tuple[int, int],
    rng: np.random.Generator,
) -> list[float]:
    """The city's value in each of `years` (annual amounts for a cumulative target);
    `period` is the base year and the target year that the pace is measured over."""
    base, target = period
    span = target - base
    if course.cumulative:
        share = {Scenario.ON_TRACK: 1.04, Scenario.LAGGING: 0.7}.get(scenario, 0.5)
        return [
            bounded(course, course.aim / span * share * (1 + rng.normal(0, 0.03))) for _ in years
        ]
    return [_level(course, scenario, (year - base) / span, rng) for year in years]


PACE = {Scenario.ON_TRACK: 1.08, Scenario.LAGGING: 0.4, Scenario.REGRESSING: -0.25}
"""How much of the straight path to the target each moving scenario covers."""


def _level(course: Course, scenario: Scenario, elapsed: float, rng: np.random.Generator) -> float:
    """The value after `elapsed` of the period (0 at the base year, 1 at the target year)."""
    if scenario is Scenario.HOLDING:
        noise = 0.004 if course.percent else 0.02
        return bounded(course, _inside(course, course.baseline * (1 + rng.normal(0, noise))))
    step = PACE[scenario] * elapsed * (1 + rng.normal(0, 0.05))
    return bounded(course, course.baseline + (course.aim - course.baseline) * step)


def district_path(
    course: Course, city: list[float], behind: float, rng: np.random.Generator
) -> list[float]:
    """A district's values around its city's: `behind` (> 0 for a county) is how far it
    starts below the city in the better direction, narrowing each year; a value the city
    meets the target with is met by its districts too (a 100 % coverage stays 100 %)."""
    values = []
    for k, level in enumerate(city):
        spread = (-behind * (1 - 0.12 * k) + rng.normal(0, 0.015)) * course.better
        value = level * (1 + spread)
        if course.meets(level):
            value = _inside(course, value)
        values.append(bounded(course, value))
    return values


def _inside(course: Course, value: float) -> float:
    return min(max(value, course.low), course.high)


def bounded(course: Course, value: float) -> float:
    """Never negative, a percentage never above 100, two decimals."""
    top = 100.0 if course.percent else math.inf
    return round(float(min(max(value, 0.0), top)), 2)
