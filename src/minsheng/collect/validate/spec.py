"""What validation checks a file against, and what it hands back."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from minsheng.collect import messages as msg
from minsheng.model.observation import CellProblem, ObservationRow
from minsheng.model.plan import Period

OUTLIER = "outlier"
"""The flag of a row whose value is unusual against its region's own history."""


def fold(text: str) -> str:
    """Full width to half width and no whitespace, for comparing what people type."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class IndicatorSpec:
    """What validation needs to know about an indicator, as the resolver returns it."""

    name: str
    unit: str | None
    is_percent: bool = False
    allows_over_100: bool = False
    qualitative: bool = False
    allows_negative: bool = False

    @classmethod
    def infer(cls, name: str, unit: str | None, *, qualitative: bool = False) -> IndicatorSpec:
        """Derive the flags from the name and unit: `%` is percent, 毛入园率 may pass 100."""
        is_percent = unit is not None and fold(unit) == "%"
        return cls(
            name=name,
            unit=unit,
            is_percent=is_percent,
            allows_over_100=is_percent and any(word in name for word in msg.GROSS_RATIO_WORDS),
            qualitative=qualitative,
            allows_negative=any(word in name for word in msg.GROWTH_WORDS),
        )


History = Mapping[tuple[str, str], Mapping[int, float]]
"""(region, canonical indicator name) → {year: value} already stored."""


@dataclass(frozen=True)
class ValidationContext:
    """What a file is checked against. `period` is the plan's; its base year is allowed."""

    file: str
    regions: Collection[str]
    resolve: Callable[[str], IndicatorSpec | None]
    period: Period
    history: History = field(default_factory=dict)

    @property
    def first_year(self) -> int:
        return self.period.start - 1

    @property
    def last_year(self) -> int:
        return self.period.end


@dataclass(frozen=True)
class ValidationResult:
    """Typed rows when the file is valid; otherwise the problems and no rows at all."""

    rows: list[ObservationRow]
    problems: list[CellProblem]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def outliers(self) -> list[ObservationRow]:
        return [row for row in self.rows if OUTLIER in row.flags]
