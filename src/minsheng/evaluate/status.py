"""The vectorized core: statuses, progress ratios and warnings for many rows at once.

Every rule is documented in docs/evaluation.md; this module is its executable form.
Rows are parallel 1-D arrays (NaN = missing) so that a whole country's monitoring data
is judged in one pass of numpy operations instead of a Python loop per cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from minsheng.evaluate.direction import Direction

FloatArray = npt.NDArray[np.float64]
CodeArray = npt.NDArray[np.int8]
BoolArray = npt.NDArray[np.bool_]
ArrayLike = npt.ArrayLike


class Status(StrEnum):
    """Where an indicator stands against its target (SDSN trend-dashboard vocabulary)."""

    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    ON_TRACK = "on_track"
    MODERATELY_IMPROVING = "moderately_improving"
    STAGNATING = "stagnating"
    REGRESSING = "regressing"
    NOT_EVALUABLE = "not_evaluable"
    NO_DATA = "no_data"


class WarningLevel(StrEnum):
    """How loudly a status should be raised: red for binding, yellow for expected."""

    RED = "red"
    YELLOW = "yellow"
    NONE = "none"


Warning = WarningLevel
"""Alias: the brief and the dashboards call it a warning."""


class Method(StrEnum):
    """How progress is measured before the target year."""

    LINEAR = "linear"  # SDSN: actual change over the change a straight line would need
    GROWTH_RATE = "growth_rate"  # UNSD/Open SDG: actual CAGR over required CAGR


STATUSES: tuple[Status, ...] = tuple(Status)
"""Status codes are indexes into this tuple."""
DIRECTIONS: tuple[Direction, ...] = tuple(Direction)
"""Direction codes are indexes into this tuple."""
WARNINGS: tuple[WarningLevel, ...] = tuple(WarningLevel)
"""Warning codes are indexes into this tuple."""

_S: dict[Status, int] = {status: code for code, status in enumerate(STATUSES)}
_D: dict[Direction, int] = {direction: code for code, direction in enumerate(DIRECTIONS)}

RATIO_BINS: tuple[float, ...] = (0.0, 0.5, 1.0)
"""SDSN thresholds on the progress ratio r: r<0, 0≤r<0.5, 0.5≤r<1, r≥1."""
RATIO_DECIMALS = 9
"""r is banded after rounding to this many places, so that binary floating point cannot
push a value that lies exactly on a threshold in decimal below it (3.3 in 2022 on the
path 3.1 → 3.6 gives r = 0.2/0.2 computed as 0.99999999999999867, yet is on track)."""
RATIO_STATUSES: tuple[Status, ...] = (
    Status.REGRESSING,
    Status.STAGNATING,
    Status.MODERATELY_IMPROVING,
    Status.ON_TRACK,
)
_RATIO_CODES = np.array([_S[s] for s in RATIO_STATUSES], dtype=np.int8)

_RED_WHEN_BINDING = frozenset(
    {Status.NOT_ACHIEVED, Status.MODERATELY_IMPROVING, Status.STAGNATING, Status.REGRESSING}
)
_YELLOW_WHEN_EXPECTED = frozenset({Status.NOT_ACHIEVED, Status.STAGNATING, Status.REGRESSING})


def _warning_row(flagged: frozenset[Status], level: WarningLevel) -> list[int]:
    none = WARNINGS.index(WarningLevel.NONE)
    return [WARNINGS.index(level) if s in flagged else none for s in STATUSES]


WARNING_TABLE: CodeArray = np.array(
    [
        _warning_row(_YELLOW_WHEN_EXPECTED, WarningLevel.YELLOW),  # row 0: not binding
        _warning_row(_RED_WHEN_BINDING, WarningLevel.RED),  # row 1: binding
    ],
    dtype=np.int8,
)
"""warning code = WARNING_TABLE[binding, status code]; no_data/not_evaluable stay silent."""


@dataclass(frozen=True)
class ArrayResult:
    """Parallel outputs of `evaluate_arrays`: codes index STATUSES and WARNINGS."""

    status: CodeArray
    ratio: FloatArray
    warning: CodeArray

    def statuses(self) -> list[Status]:
        """The status codes as enum members, for callers outside numpy."""
        return [STATUSES[code] for code in self.status.tolist()]

    def warnings(self) -> list[WarningLevel]:
        """The warning codes as enum members."""
        return [WARNINGS[code] for code in self.warning.tolist()]


def direction_codes(directions: list[Direction] | tuple[Direction, ...]) -> CodeArray:
    """Encode directions for `evaluate_arrays`."""
    return np.array([_D[d] for d in directions], dtype=np.int8)


@dataclass(frozen=True)
class _Bounds:
    """The target as an interval [low, high] plus where progress is measured towards."""

    low: FloatArray
    high: FloatArray
    aim: FloatArray  # the interval edge nearest the baseline (NaN when baseline is inside)
    sign: FloatArray  # +1 when approaching from below, -1 from above


@dataclass(frozen=True)
class _Rows:
    """The broadcast inputs, named once so the rule functions stay short."""

    b: FloatArray  # baseline (0 for cumulative rows)
    t: FloatArray  # target threshold, or band low
    th: FloatArray  # band high
    v: FloatArray  # latest value or running total
    yr: FloatArray  # the year the value is from (数据年份)
    asof: FloatArray  # the year judged (评估年份): at or after the value's year
    by: FloatArray
    ty: FloatArray
    d: CodeArray
    strict: BoolArray
    cum: BoolArray


def evaluate_arrays(
    *,
    baseline: ArrayLike,
    target: ArrayLike,
    value: ArrayLike,
    year: ArrayLike,
    direction: ArrayLike,
    as_of: ArrayLike = np.nan,
    target_high: ArrayLike = np.nan,
    base_year: ArrayLike = 2020,
    target_year: ArrayLike = 2025,
    strict: ArrayLike = False,
    cumulative: ArrayLike = False,
    binding: ArrayLike = False,
    method: Method = Method.LINEAR,
) -> ArrayResult:
    """Judge every row at once; scalars broadcast against the arrays (result is 1-D).

    `target` is the threshold (the band's low edge for within_band, whose high edge is
    `target_high`); `value` is the latest observation, or for cumulative rows the sum of
    annual values so far; qualitative rows observe 1.0 (met) or 0.0 (not met) and may
    give a baseline of 1.0/0.0 too. `year` is the value's year, `as_of` the year judged
    (NaN: the value's year): judged at or after the target year, an unmet target is
    not achieved whatever year its value is from. `strict` marks `>`/`<` targets. See
    docs/evaluation.md for the rules and their order.
    """
    floats = [baseline, target, target_high, value, year, as_of, base_year, target_year]
    flags = [strict, cumulative, binding]
    *numbers, d, strict_, cum, bind = np.broadcast_arrays(
        *(np.atleast_1d(np.asarray(a, dtype=np.float64)) for a in floats),
        np.atleast_1d(np.asarray(direction, dtype=np.int8)),
        *(np.atleast_1d(np.asarray(a, dtype=bool)) for a in flags),
    )
    b, t, th, v, yr, asof, by, ty = numbers
    asof = np.fmax(asof, yr)  # NaN (not given) is the value's own year
    with np.errstate(all="ignore"):
        rows = _Rows(np.where(cum, 0.0, b), t, th, v, yr, asof, by, ty, d, strict_, cum)
        bounds = _bounds(rows)
        ratio = _ratio(rows, bounds, method)
        status = _status(rows, bounds, ratio)
    ratio = np.where(np.isfinite(ratio) & (d != _D[Direction.QUALITATIVE]), ratio, np.nan)
    warning = WARNING_TABLE[bind.astype(np.intp), status]
    return ArrayResult(status=status, ratio=ratio, warning=warning)


def target_interval(
    target: FloatArray, target_high: FloatArray, direction: CodeArray
) -> tuple[FloatArray, FloatArray]:
    """Every direction's target as an interval [low, high] that a value meets by lying in
    it (≥4.6 is [4.6, ∞), <14 is (−∞, 14], 28~45 is [28, 45]; qualitative: (−∞, ∞))."""
    higher, lower = (
        direction == _D[Direction.HIGHER_IS_BETTER],
        direction == _D[Direction.LOWER_IS_BETTER],
    )
    band = direction == _D[Direction.WITHIN_BAND]
    low = np.select([higher, band], [target, target], -np.inf)
    high = np.select([lower, band], [target, target_high], np.inf)
    return low, high


def _bounds(rows: _Rows) -> _Bounds:
    """Read every direction as an interval so one comparison serves them all."""
    b = rows.b
    low, high = target_interval(rows.t, rows.th, rows.d)
    below = b < low
    aim = np.select([below, b > high], [low, high], np.nan)
    return _Bounds(low=low, high=high, aim=aim, sign=np.where(below, 1.0, -1.0))


def _inside(x: FloatArray, bounds: _Bounds, strict: BoolArray) -> BoolArray:
    """Whether x satisfies the target; strict rows need `>`/`<`, NaN never satisfies.

    x is compared after rounding away binary float error (RATIO_DECIMALS places): a
    five-year total summed as 2.5999999999999996 meets a target of 2.6, whatever order
    the database added the years in.
    """
    x = np.round(x, RATIO_DECIMALS)
    loose = (x >= bounds.low) & (x <= bounds.high)
    tight = (x > bounds.low) & (x < bounds.high)
    return np.where(strict, tight, loose)


def _ratio(rows: _Rows, bounds: _Bounds, method: Method) -> FloatArray:
    """Progress ratio r towards the aim; 1 means exactly on the straight (or CAGR) path."""
    b, v = rows.b, rows.v
    shortfall = np.maximum(bounds.low - v, 0.0) + np.maximum(v - bounds.high, 0.0)
    # A band value past the far edge counts as far from the band as it really is.
    is_band = np.isfinite(bounds.low) & np.isfinite(bounds.high)
    v_eff = np.where(is_band & (shortfall > 0), bounds.aim - bounds.sign * shortfall, v)
    elapsed, span = rows.yr - rows.by, rows.ty - rows.by
    linear = (v_eff - b) / ((bounds.aim - b) * elapsed / span)
    if method is Method.LINEAR:
        return linear
    valid = (b > 0) & (v_eff > 0) & (bounds.aim > 0)
    actual = (v_eff / b) ** (1.0 / elapsed) - 1.0
    required = (bounds.aim / b) ** (1.0 / span) - 1.0
    growth = np.where(valid, actual / required, np.nan)
    return np.where(rows.cum, linear, growth)


def _status(rows: _Rows, bounds: _Bounds, ratio: FloatArray) -> CodeArray:
    """Apply the rules in order; the first that holds decides (docs/evaluation.md)."""
    b, v = rows.b, rows.v
    qual = rows.d == _D[Direction.QUALITATIVE]
    at_end = rows.asof >= rows.ty  # the final judgement: no "on track" once it has passed
    rules: list[tuple[BoolArray, Status]] = [
        (np.isnan(v), Status.NO_DATA),
        (qual & (v == 1.0), Status.ACHIEVED),
        (qual & (v == 0.0) & at_end, Status.NOT_ACHIEVED),
        (qual & (v == 0.0) & (b == 1.0), Status.REGRESSING),
        (qual & (v == 0.0), Status.STAGNATING),
        (qual, Status.NOT_EVALUABLE),
        (_unusable_target(rows), Status.NOT_EVALUABLE),
        (_inside(v, bounds, rows.strict), Status.ACHIEVED),
        (at_end, Status.NOT_ACHIEVED),
        (np.isnan(b) | (rows.yr <= rows.by), Status.NOT_EVALUABLE),
        (_inside(b, bounds, rows.strict), Status.REGRESSING),
        (~np.isfinite(ratio), Status.NOT_EVALUABLE),
    ]
    banded = np.round(np.nan_to_num(ratio), RATIO_DECIMALS)
    by_ratio = _RATIO_CODES[np.digitize(banded, RATIO_BINS)]
    return np.select(
        [condition for condition, _ in rules],
        [np.int8(_S[status]) for _, status in rules],
        by_ratio,
    ).astype(np.int8)


def _unusable_target(rows: _Rows) -> BoolArray:
    """Targets that cannot be judged: no number, half a band, unknown direction, or a
    cumulative cap (a five-year total read as lower-is-better has no pro-rated path)."""
    t, th, d, cum = rows.t, rows.th, rows.d, rows.cum
    band = d == _D[Direction.WITHIN_BAND]
    known = (d >= 0) & (d < len(DIRECTIONS))
    higher = d == _D[Direction.HIGHER_IS_BETTER]
    return np.isnan(t) | (band & np.isnan(th)) | ~known | (cum & ~higher)
