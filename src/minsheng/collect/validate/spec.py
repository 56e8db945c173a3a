"""What validation checks a file against, and what it hands back."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

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

Ranges = Mapping[tuple[str, str | None], tuple[float | None, float | None]]
"""(canonical indicator name, region or None for every region) → (min, max), either open."""


@dataclass(frozen=True)
class ValidationContext:
    """What a file is checked against. `period` is the plan's; its base year is allowed."""

    file: str
    regions: Collection[str]
    resolve: Callable[[str], IndicatorSpec | None]
    period: Period
    history: History = field(default_factory=dict)
    ranges: Ranges = field(default_factory=dict)
    """Range rules: a value outside its region's (else every region's) range is flagged."""

    @property
    def first_year(self) -> int:
        return self.period.start - 1

    @property
    def last_year(self) -> int:
        return self.period.end


@dataclass(frozen=True)
class TypedRows:
    """A valid file's rows column by column, in record order (see `ObservationRow`).

    Storing 100,000 rows reads these lists; an `ObservationRow` is made only for the rows
    a caller looks at (`at`, `rows`). `outliers` are the indexes of flagged rows, ascending.
    """

    region: list[str]
    indicator: list[str]
    year: list[int]
    value: list[float]
    row: list[int]
    unit: list[str | None]
    source: list[str | None]
    note: list[str | None]
    outliers: list[int]

    def __len__(self) -> int:
        return len(self.row)

    def at(self, index: int) -> ObservationRow:
        """The row at `index`, flagged if it is an outlier."""
        row = ObservationRow(*(column[index] for column in self._columns()))
        return replace(row, flags=(OUTLIER,)) if index in self._flagged else row

    def rows(self) -> list[ObservationRow]:
        """Every row, in record order."""
        rows = list(map(ObservationRow, *self._columns()))
        for index in self.outliers:
            rows[index] = replace(rows[index], flags=(OUTLIER,))
        return rows

    def _columns(self) -> tuple[list[Any], ...]:
        """The columns in `ObservationRow`'s field order."""
        return (self.region, self.indicator, self.year, self.value, self.row, self.unit,
                self.source, self.note)  # fmt: skip

    @cached_property
    def _flagged(self) -> frozenset[int]:
        return frozenset(self.outliers)


@dataclass(frozen=True)
class ValidationResult:
    """Typed rows when the file is valid; otherwise the problems and no rows at all."""

    problems: list[CellProblem]
    typed: TypedRows | None = None
    """The rows column by column; None when there are problems."""

    @property
    def ok(self) -> bool:
        return not self.problems

    @cached_property
    def rows(self) -> list[ObservationRow]:
        """The rows as objects, made on first use (a large file's take a while)."""
        return self.typed.rows() if self.typed is not None else []

    @property
    def outliers(self) -> list[ObservationRow]:
        return [row for row in self.rows if OUTLIER in row.flags]
