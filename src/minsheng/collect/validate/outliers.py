"""Outliers: values far off their region's own history, flagged but never rejected.

For each region's indicator, the stored history and the file's values form one yearly
series. The change into year t is relative, (v_t − v_prev) / |v_prev|, divided by the
years between them, so that indicators of any scale share one rule and a steadily
growing series still shows some spread. Changes from a zero are undefined and left out.
With the median m and the median absolute deviation MAD of all the series' changes, a
change's robust z-score is 0.6745·|c − m| / MAD; above `OUTLIER_THRESHOLD` the year is
flagged. MAD = 0 (most changes identical) or fewer than `MIN_CHANGES` changes flag
nothing: there is no spread to judge against.

Worked example: 10, 11, 12, 13, 40 gives changes 0.100, 0.091, 0.083, 2.077; m = 0.095,
MAD = 0.0083, so 40's z is about 160: flagged. With 14 instead of 40 the last change is
0.077 and its z is about 1: not flagged.

Every series of a file is judged at once (`outlier_points`): the points sorted by series
and year, changes taken between neighbours of one series, and medians per series read
off one more sort — no Python loop over series, which a file of 100,000 rows has
tens of thousands of.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from minsheng.collect.validate.spec import History

OUTLIER_THRESHOLD = 3.5
"""Robust z-score above which a change is an outlier (Iglewicz and Hoaglin's cut-off)."""
MIN_CHANGES = 3
"""Fewer year-on-year changes than this are too few to say what is unusual."""
_MAD_SCALE = 0.6745

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


def outlier_years(series: Mapping[int, float], candidates: Collection[int]) -> set[int]:
    """The candidate years whose year-on-year change is an outlier in `series`."""
    years = np.array(sorted(series), dtype=np.int64)
    values = np.array([series[int(year)] for year in years], dtype=np.float64)
    flagged = outlier_points(np.zeros(years.size, dtype=np.int64), years, values)
    return {int(year) for year in years[flagged]} & set(candidates)


def outlier_points(series: Ints, years: Ints, values: Floats) -> Mask:
    """Which points' change from the point before them is an outlier within their series.

    `series` numbers the series 0…n−1; points are sorted by series, then year, with one
    point per series and year.
    """
    count = int(series.max()) + 1 if series.size else 0
    follows = np.zeros(series.size, dtype=np.bool_)
    follows[1:] = series[1:] == series[:-1]
    previous, gap = np.roll(values, 1), years - np.roll(years, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        changes = np.where(
            follows & (previous != 0), (values - previous) / np.abs(previous) / gap, np.nan
        )
    known = ~np.isnan(changes)
    median = _medians(series[known], changes[known], count)
    deviation = np.abs(changes - median[series])
    mad = _medians(series[known], deviation[known], count)
    enough = np.bincount(series[known], minlength=count) >= MIN_CHANGES
    spread = mad > 1e-9 * np.maximum(1.0, np.abs(median))
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = _MAD_SCALE * deviation / mad[series]
    return known & (enough & spread)[series] & (scores > OUTLIER_THRESHOLD)


def _medians(series: Ints, values: Floats, count: int) -> Floats:
    """The median of `values` in each of `count` series (NaN for a series without any)."""
    order = np.lexsort((values, series))
    ordered = values[order]
    sizes = np.bincount(series, minlength=count)
    starts = np.cumsum(sizes) - sizes
    medians = np.full(count, np.nan)
    some = sizes > 0
    low = (starts + (sizes - 1) // 2)[some]
    high = (starts + sizes // 2)[some]
    medians[some] = (ordered[low] + ordered[high]) / 2
    return medians


def outlier_rows(
    *,
    regions: Sequence[str],
    indicators: Sequence[str],
    years: Sequence[int],
    values: Sequence[float],
    history: History,
    skip: Collection[str] = (),
) -> list[int]:
    """Indexes of the rows (given column by column) unusual against their series' history.

    A series is a region's indicator; a file value replaces the stored one of its year.
    Indicators in `skip` (qualitative ones: 是/否 as 1/0 has no meaningful change) are
    left out.
    """
    pairs = list(zip(regions, indicators, strict=True))
    numbers = {pair: n for n, pair in enumerate(dict.fromkeys(pairs)) if pair[1] not in skip}
    series = np.array([numbers.get(pair, -1) for pair in pairs], dtype=np.int64)
    rows = np.flatnonzero(series >= 0)
    stored = _stored(numbers, history)
    points = (
        np.concatenate([series[rows], stored[0]]),
        np.concatenate([np.asarray(years, dtype=np.int64)[rows], stored[1]]),
        np.concatenate([np.asarray(values, dtype=np.float64)[rows], stored[2]]),
        np.concatenate([rows, np.full(stored[0].size, -1, dtype=np.int64)]),
    )
    return [int(row) for row in _flagged(*points)]


def _stored(numbers: dict[tuple[str, str], int], history: History) -> tuple[Ints, Ints, Floats]:
    """The stored points of the file's series: (series, year, value) arrays."""
    found = [
        (number, int(year), float(value))
        for pair, number in numbers.items()
        for year, value in history.get(pair, {}).items()
    ]
    series, years, values = zip(*found, strict=True) if found else ((), (), ())
    return (
        np.array(series, dtype=np.int64),
        np.array(years, dtype=np.int64),
        np.array(values, dtype=np.float64),
    )


def _flagged(series: Ints, years: Ints, values: Floats, rows: Ints) -> Ints:
    """The file rows (row ≥ 0) flagged among points where a file value wins its year."""
    if series.size == 0:
        return rows
    order = np.lexsort((rows, years, series))  # a stored value sorts before the file's
    series, years, values, rows = series[order], years[order], values[order], rows[order]
    last = np.ones(series.size, dtype=np.bool_)
    last[:-1] = (series[1:] != series[:-1]) | (years[1:] != years[:-1])
    flagged = outlier_points(series[last], years[last], values[last])
    return rows[last][flagged & (rows[last] >= 0)]
