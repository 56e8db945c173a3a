"""Outliers: values far off their region's own history, flagged but never rejected.

One rule for upload, the entry form and review (`CHANGE_RULE`, data, not code). For each
region's indicator the stored values and the new ones form one yearly series. The change
into year t is d_t = (v_t − v_prev) / years between them. From the series' *other*
changes (the judged one left out, so that a jump cannot excuse itself) come the expected
change m_t (their median: the region's own trend) and the usual spread s_t (the median of
|d_j − m_t|). The change is flagged when

    |d_t − m_t| > max(multiple × s_t, floor × |v_prev|)

The floor, a share of the level, keeps small wobbles of very smooth series (whose spread
is near zero) from ever being flagged. With fewer than `min_history` other changes there
is no trend to speak of: m_t = 0 and only `lone_floor` × |v_prev| applies.

Why these numbers (measured in tests/collect/test_outlier_rates.py, see docs/review.md):
on 2,000 synthetic smooth series 0.2 % of values are flagged (the old robust z-score flagged
6 of 99), while a planted jump of +78 % is missed 1 % of the time and one of +50 % 10 %.
A multiple of 4 spreads puts noise alone about 3–4σ away; a floor of 30 % of the level
keeps noisy small rates (孕产妇死亡率 per 100,000) and rates near 100 % quiet; 50 % without
history lets a first report move a lot (托位数 may grow 40 % a year under a plan).

Worked example: 孕产妇死亡率 9.8, 9.5, 9.3, 9.1, then 16.2. The other changes are −0.3,
−0.2, −0.2: m = −0.2, s = 0, so the allowance is max(4 × 0, 0.3 × 9.1) = 2.73 and the
change +7.1 (7.3 off the trend) is flagged. 9.1 → 8.8 (0.1 off the trend) is not.

Every series is judged at once (`judge_points`): the changes laid out as a matrix (series
× change), and each change's leave-one-out medians read from a copy with its own cell
blanked — no Python loop over series, which a file of 100,000 rows has tens of thousands of.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from minsheng.collect.validate.spec import History

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class ChangeRule:
    """How far a year-on-year change may stray from the region's own trend."""

    multiple: float = 4.0
    """Times the usual spread of the region's other changes around their median."""
    floor: float = 0.3
    """Share of the previous level a change may always stray."""
    lone_floor: float = 0.5
    """Share of the previous level a change may move when the history is too short."""
    min_history: int = 2
    """Other changes needed before the region's trend and spread are used."""


CHANGE_RULE = ChangeRule()
OUTLIER_THRESHOLD = CHANGE_RULE.multiple
"""Times the usual spread above which a change is flagged (kept for callers)."""
MIN_CHANGES = CHANGE_RULE.min_history
"""Other changes needed before the region's own history is used (kept for callers)."""


@dataclass(frozen=True)
class Judgement:
    """Per point: its change from the point before (NaN for a series' first), the expected
    change and usual spread from the series' other changes (NaN when too few), the
    allowance |change − expected| may reach, and the flag."""

    change: Floats
    expected: Floats
    spread: Floats
    allowance: Floats
    flagged: Mask


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
    return judge_points(series, years, values).flagged


def judge_points(
    series: Ints, years: Ints, values: Floats, rule: ChangeRule = CHANGE_RULE
) -> Judgement:
    """The rule applied to every point (sorted as `outlier_points` says)."""
    follows = np.zeros(series.size, dtype=np.bool_)
    follows[1:] = series[1:] == series[:-1]
    previous, gap = np.roll(values, 1), np.maximum(years - np.roll(years, 1), 1)
    change = np.where(follows, (values - previous) / gap, np.nan)
    expected, spread = _trend(series, change, rule.min_history)
    level = np.abs(previous)
    allowance = np.where(
        np.isnan(expected),
        rule.lone_floor * level,
        np.maximum(rule.multiple * np.nan_to_num(spread), rule.floor * level),
    )
    off = np.abs(change - np.nan_to_num(expected))
    flagged = follows & (off > allowance)
    return Judgement(change, expected, spread, np.where(follows, allowance, np.nan), flagged)


def _trend(series: Ints, change: Floats, min_history: int) -> tuple[Floats, Floats]:
    """Each change's leave-one-out median change and median |other − that median|
    within its series (NaN when fewer than `min_history` others)."""
    known = ~np.isnan(change)
    expected, spread = np.full(change.size, np.nan), np.full(change.size, np.nan)
    if not known.any():
        return expected, spread
    owners, sizes = np.unique(series[known], return_counts=True)
    row = np.searchsorted(owners, series[known])
    column = np.arange(row.size) - (np.cumsum(sizes) - sizes)[row]
    matrix = np.full((owners.size, int(sizes.max())), np.nan)
    matrix[row, column] = change[known]
    others = np.repeat(matrix[:, None, :], matrix.shape[1], axis=1)
    diagonal = np.arange(matrix.shape[1])
    others[:, diagonal, diagonal] = np.nan
    centre = _row_medians(others)
    usual = _row_medians(np.abs(others - centre[:, :, None]))
    enough = (sizes - 1 >= min_history)[row]
    places = np.flatnonzero(known)
    expected[places] = np.where(enough, centre[row, column], np.nan)
    spread[places] = np.where(enough, usual[row, column], np.nan)
    return expected, spread


def _row_medians(values: Floats) -> Floats:
    """The median of each row's numbers (last axis), NaN for a row without any (no history).

    Rows without numbers are left out rather than numpy's all-NaN warning silenced: the
    `warnings.catch_warnings` that did it is not thread-safe, and the warning reached the
    log when a web server checked two files at once.
    """
    found = ~np.isnan(values).all(axis=-1)
    medians = np.full(values.shape[:-1], np.nan)
    medians[found] = np.nanmedian(values[found], axis=-1)
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
