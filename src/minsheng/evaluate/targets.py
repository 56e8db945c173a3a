"""What is judged and what a verdict says: targets, observations and evaluations.

`IndicatorTarget.id` and `Evaluation.indicator_id`/`region_id` are identities the caller
chooses (the store's ids); the evaluator only carries them, so a verdict always says which
indicator and region it is about.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from minsheng.evaluate.direction import Direction, infer_direction
from minsheng.evaluate.status import Status, WarningLevel
from minsheng.model.plan import Attribute, Indicator
from minsheng.model.value import Comparator, Value, ValueKind

STRICT = frozenset({Comparator.GT, Comparator.LT})


@dataclass(frozen=True)
class IndicatorTarget:
    """One indicator of a plan as the evaluator needs it.

    `direction` is the catalogue's direction, used only when the target cell does not
    state one (see `infer_direction`). `id` identifies the indicator to the caller.
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
    id: int | None = None

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

    `year` is the year of the observation judged (数据年份; the requested year when
    there is none); `as_of` the year judged (评估年份), which may be later: a 2023 value
    judged as of 2025 is a final judgement. `value` is that observation, or the running
    total for cumulative targets. `indicator_id` and `region_id` are the identities the
    caller gave the evaluator.
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
    indicator_id: int | None = None
    region_id: int | None = None
    as_of: int | None = None

    @property
    def judged_year(self) -> int:
        """The year this verdict judges (评估年份): `as_of`, else the value's year."""
        return self.year if self.as_of is None else self.as_of

    @property
    def value_is_older(self) -> bool:
        """Whether the value is from an earlier year than the one judged."""
        return self.value is not None and self.year < self.judged_year


def number_or_nan(value: Value) -> float:
    """A cell's number, NaN when the cell holds none (ranges, text, odd cells)."""
    return math.nan if value.number is None else value.number


def target_numbers(target: Value) -> tuple[float, float]:
    """(threshold or band low, band high); NaN where the cell gives no number."""
    if target.kind is ValueKind.RANGE and target.low is not None and target.high is not None:
        return target.low, target.high
    return number_or_nan(target), math.nan
