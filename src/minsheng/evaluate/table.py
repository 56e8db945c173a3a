"""Many plans' indicators judged in one pass: subjects in, columns of verdicts out.

A subject is one indicator in one region, judged as of a year. Observations arrive as
parallel arrays keyed by the indicator's and region's ids; each subject takes its latest
observation at or before its year (or, for a cumulative target, the sum of the years
after the base year), and `evaluate_arrays` judges all subjects at once. Results keep the
ids they were asked about, so nobody has to work out afterwards which row is which.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

import numpy as np
import numpy.typing as npt

from minsheng.evaluate.direction import Direction, guessed_direction, stated_direction
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
from minsheng.evaluate.targets import (
    STRICT,
    Evaluation,
    IndicatorTarget,
    target_numbers,
)
from minsheng.model.plan import Attribute
from minsheng.model.value import Value

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class Targets(Protocol):
    """Targets by index: a list, or a caller's sequence that builds each one on first use."""

    def __getitem__(self, index: int, /) -> IndicatorTarget: ...

    def __len__(self) -> int: ...


@dataclass(frozen=True)
class Observations:
    """Values as parallel arrays: the indicator id, region id, year and value of each."""

    indicator: IntArray
    region: IntArray
    year: IntArray
    value: FloatArray

    @classmethod
    def of(cls, rows: Sequence[tuple[int, int, int, float]]) -> Observations:
        """From (indicator id, region id, year, value) tuples, as the store returns them."""
        table = np.array(rows, dtype=np.float64).reshape(-1, 4)
        ids = table[:, :3].astype(np.int64)
        return cls(ids[:, 0], ids[:, 1], ids[:, 2], table[:, 3].copy())


@dataclass(frozen=True)
class Subjects:
    """What to judge: target `target[k]` (an index into the targets) in region `region[k]`,
    as of `year[k]`."""

    target: IntArray
    region: IntArray
    year: IntArray

    def __len__(self) -> int:
        return len(self.target)


@dataclass(frozen=True)
class Judgements:
    """The verdicts on the subjects, in their order: columns, read back by `evaluation`.
    `year` is the year of each value judged; the year judged is `subjects.year`."""

    targets: Targets
    subjects: Subjects
    year: IntArray
    value: FloatArray
    result: ArrayResult
    columns: TargetColumns

    def __len__(self) -> int:
        return len(self.subjects)

    def status(self, k: int) -> Status:
        return STATUSES[int(self.result.status[k])]

    def warning(self, k: int) -> WarningLevel:
        return WARNINGS[int(self.result.warning[k])]

    def evaluation(self, k: int, region_name: str) -> Evaluation:
        """Row `k` as an `Evaluation`, naming its region as the caller knows it."""
        target = self.targets[int(self.subjects.target[k])]
        value, ratio = float(self.value[k]), float(self.result.ratio[k])
        return Evaluation(
            name=target.name,
            region=region_name,
            year=int(self.year[k]),
            value=None if math.isnan(value) else value,
            baseline=target.baseline,
            target=target.target,
            direction=target.resolved_direction,
            status=self.status(k),
            warning=self.warning(k),
            ratio=None if math.isnan(ratio) else ratio,
            domain=target.domain,
            attribute=target.attribute,
            indicator_id=target.id,
            region_id=int(self.subjects.region[k]),
            as_of=int(self.subjects.year[k]),
        )


def judge(
    targets: Targets,
    subjects: Subjects,
    observations: Observations,
    method: Method = Method.LINEAR,
    columns: TargetColumns | None = None,
) -> Judgements:
    """Judge every subject against its target with the observations that concern it.

    `columns` are the targets' numbers when the caller has them already (see
    `TargetColumns.gather`): `targets` is then read only for the verdicts built.
    """
    columns = columns or TargetColumns.of([targets[k] for k in range(len(targets))])
    index, kept = _subject_of(columns.id, subjects, observations)
    year, value = _reduce(columns, subjects, observations, index, kept)
    result = columns.judge(subjects, year, value, method)
    return Judgements(targets, subjects, year, value, result, columns)


def _subject_of(
    ids: IntArray, subjects: Subjects, observations: Observations
) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """Each observation's subject index, and which observations belong to some subject."""
    subject_keys = _keys(ids[subjects.target], subjects.region)
    order = np.argsort(subject_keys, kind="stable")
    wanted = _keys(observations.indicator, observations.region)
    at = np.searchsorted(subject_keys[order], wanted)
    at = np.minimum(at, max(len(order) - 1, 0))
    found = subject_keys[order][at] == wanted if len(order) else np.zeros(len(wanted), bool)
    return order[at] if len(order) else at, found


def _keys(indicator: IntArray, region: IntArray) -> IntArray:
    return indicator.astype(np.int64) * (1 << 32) + region.astype(np.int64)


def _reduce(
    columns: TargetColumns,
    subjects: Subjects,
    observations: Observations,
    index: IntArray,
    kept: npt.NDArray[np.bool_],
) -> tuple[IntArray, FloatArray]:
    """(year judged, value judged) per subject: the latest value, or the running total."""
    count = len(subjects)
    target = subjects.target[index]
    kept = kept & (observations.year <= subjects.year[index])
    kept &= ~columns.cumulative[target] | (observations.year > columns.base_year[target])
    sub, obs_year, obs_value = index[kept], observations.year[kept], observations.value[kept]
    latest_year = np.full(count, -1, dtype=np.int64)
    np.maximum.at(latest_year, sub, obs_year)
    is_latest = obs_year == latest_year[sub]
    value = np.full(count, math.nan)
    value[sub[is_latest][::-1]] = obs_value[is_latest][::-1]  # the first of equals wins
    totals = np.bincount(sub, weights=obs_value, minlength=count)
    cumulative = columns.cumulative[subjects.target] & (latest_year >= 0)
    value[cumulative] = totals[cumulative]
    year = np.where(latest_year >= 0, latest_year, subjects.year)
    return year, value


class TargetFacts(NamedTuple):
    """What the evaluator reads of one target: equal cells give equal facts, so callers
    with many repeated cells compute these once per distinct cell."""

    baseline: float
    low: float
    high: float
    direction: Direction
    strict: bool
    cumulative: bool
    binding: bool

    @classmethod
    def of(cls, target: IndicatorTarget) -> TargetFacts:
        return cls.of_cells(
            target.name,
            target.baseline.number,
            target.target,
            binding=target.attribute is Attribute.BINDING,
            cumulative=target.cumulative,
            catalogue_direction=target.direction,
        )

    @classmethod
    def of_cells(
        cls,
        name: str,
        baseline: float | None,
        target: Value,
        *,
        binding: bool,
        cumulative: bool,
        catalogue_direction: Direction | None,
    ) -> TargetFacts:
        """The facts of an indicator's cells: its baseline's number is all that counts of
        the baseline (`cumulative` is the table's flag; a bracketed target adds to it)."""
        cells = CellFacts.of_cells(name, baseline, target, cumulative=cumulative)
        return cls(
            baseline=cells.baseline,
            low=cells.low,
            high=cells.high,
            direction=cells.stated or catalogue_direction or cells.guessed,
            strict=cells.strict,
            cumulative=cells.cumulative,
            binding=binding,
        )


class CellFacts(NamedTuple):
    """What an indicator's own cells say, before the catalogue has its word on direction:
    worked out once when a plan is stored (cells never change), so judging reads numbers."""

    baseline: float
    low: float
    high: float
    stated: Direction | None
    """The direction the target states by itself; it outranks the catalogue's."""
    guessed: Direction
    """The direction from the name or the movement; the catalogue's outranks it."""
    strict: bool
    cumulative: bool

    @classmethod
    def of_cells(
        cls, name: str, baseline: float | None, target: Value, *, cumulative: bool
    ) -> CellFacts:
        low, high = target_numbers(target)
        return cls(
            baseline=math.nan if baseline is None else baseline,
            low=low,
            high=high,
            stated=stated_direction(target),
            guessed=guessed_direction(name, baseline, target),
            strict=target.comparator in STRICT,
            cumulative=cumulative or target.cumulative,
        )


@dataclass(frozen=True)
class TargetColumns:
    """The targets' numbers as arrays, gathered once per call (`id`: -1 for none)."""

    id: IntArray
    baseline: FloatArray
    low: FloatArray
    high: FloatArray
    base_year: FloatArray
    target_year: FloatArray
    direction: npt.NDArray[np.int8]
    strict: npt.NDArray[np.bool_]
    cumulative: npt.NDArray[np.bool_]
    binding: npt.NDArray[np.bool_]

    @classmethod
    def of(cls, targets: Sequence[IndicatorTarget]) -> TargetColumns:
        return cls.gather(
            ids=np.array([-1 if t.id is None else t.id for t in targets], dtype=np.int64),
            facts=[TargetFacts.of(t) for t in targets],
            fact_of=np.arange(len(targets)),
            years=np.array([(t.base_year, t.target_year) for t in targets]).reshape(-1, 2),
        )

    @classmethod
    def gather(
        cls, *, ids: IntArray, facts: Sequence[TargetFacts], fact_of: IntArray, years: IntArray
    ) -> TargetColumns:
        """Columns from each target's id, its facts (`facts[fact_of[k]]`: equal cells share
        one) and its (base year, target year)."""
        table = np.array([f[:3] for f in facts], dtype=np.float64).reshape(-1, 3)[fact_of]
        flags = np.array([f[4:] for f in facts], dtype=bool).reshape(-1, 3)[fact_of]
        direction = direction_codes([f.direction for f in facts])[fact_of]
        return cls(
            id=ids,
            baseline=table[:, 0],
            low=table[:, 1],
            high=table[:, 2],
            base_year=years[:, 0].astype(np.float64),
            target_year=years[:, 1].astype(np.float64),
            direction=direction,
            strict=flags[:, 0],
            cumulative=flags[:, 1],
            binding=flags[:, 2],
        )

    def judge(
        self, subjects: Subjects, year: IntArray, value: FloatArray, method: Method
    ) -> ArrayResult:
        """Run the vectorized core over the subjects' rows."""
        t = subjects.target
        return evaluate_arrays(
            baseline=self.baseline[t],
            target=self.low[t],
            target_high=self.high[t],
            value=value,
            year=year.astype(np.float64),
            as_of=subjects.year.astype(np.float64),
            base_year=self.base_year[t],
            target_year=self.target_year[t],
            direction=self.direction[t],
            strict=self.strict[t],
            cumulative=self.cumulative[t],
            binding=self.binding[t],
            method=method,
        )
