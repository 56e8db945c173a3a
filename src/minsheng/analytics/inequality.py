"""How unequal regions are: coefficient of variation, Gini, Theil T, Theil L (mean log
deviation) and the max/min ratio, unweighted or population-weighted, for many series at
once (one series: one indicator in one year across regions).

`values` are shaped (series, regions) with NaN where a region has no value; `weights`
(population) have the same shape or one row for all series, NaN or ≤ 0 leaving a region
out, or are None for one weight per region. A `Series` holds what does not depend on
the weights (the order of the values, their logarithms), so both weightings share it.
Formulas and sources: docs/equalization.md.

Where an index is undefined it is NaN, never approximated: any negative value makes all
five undefined; a zero leaves Theil L and the max/min ratio undefined (Theil T counts
0·ln 0 as 0, its limit); fewer than two regions or a mean of zero make all undefined.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
_SMALLEST = np.finfo(np.float64).tiny
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class Series:
    """The values, and what any weighting of them needs: which are known, the values with
    0 for a gap, their logarithms and their sorted order, filled in row chunks on every
    core (numpy releases the GIL) since they are the bulk of the work."""

    def __init__(self, values: FloatArray) -> None:
        self._raw = np.atleast_2d(np.asarray(values, dtype=np.float64))
        self.known: BoolArray = np.empty(self._raw.shape, dtype=np.bool_)
        self.values: FloatArray = np.empty_like(self._raw)
        """The values, 0 where a region has none."""
        self.log: FloatArray = np.empty_like(self._raw)
        """ln y where y > 0; where y is 0 (or missing, counted as 0) a finite stand-in,
        ln of the smallest normal float, so that y·ln y is exactly 0 — its limit — and a
        weight of 0 times it is 0. No measure reads it for y ≤ 0 otherwise: such a series
        has no Theil L, and a negative value no measure at all."""
        self.ascending: FloatArray = self._raw.copy()
        """Each series' values from the lowest up, 0 after the last known one."""
        in_row_chunks(self._fill, *self._raw.shape)

    def _fill(self, rows: slice) -> None:
        raw, known, values = self._raw[rows], self.known[rows], self.values[rows]
        log = self.log[rows]
        np.logical_not(np.isnan(raw, out=known), out=known)
        values.fill(0.0)
        np.copyto(values, raw, where=known)
        np.log(np.maximum(values, _SMALLEST, out=log), out=log)
        ascending = self.ascending[rows]
        ascending.sort(axis=1)  # NaN sorts last
        np.copyto(ascending, 0.0, where=np.isnan(ascending))

    @cached_property
    def order(self) -> IntArray:
        """Each series' regions from the lowest value up, those without one last."""
        return np.argsort(self._raw, axis=1)  # NaN sorts last


_CHUNK_CELLS = 250_000
"""Below this many cells per chunk, threads cost more than they save."""


def in_row_chunks(fill: Callable[[slice], None], rows: int, width: int = 1) -> None:
    """Run `fill` over slices of the rows, one per core when the work is large enough."""
    chunks = max(1, min(os.cpu_count() or 1, rows * width // _CHUNK_CELLS, rows))
    bounds = np.linspace(0, rows, chunks + 1).astype(int)
    slices = [slice(a, b) for a, b in itertools.pairwise(bounds)]
    if chunks == 1:
        fill(slices[0])
        return
    with ThreadPoolExecutor(chunks) as pool:
        list(pool.map(fill, slices))


def prepare(values: FloatArray) -> Series:
    """The series ready to be weighed (once for any number of weightings)."""
    return Series(values)


@dataclass(frozen=True)
class Weighted:
    """A series weighed: each counted region's share of the weight (summing to 1)."""

    series: Series
    shares: FloatArray
    count: IntArray
    mean: FloatArray
    defined: BoolArray
    """Two regions or more, none negative, mean above zero."""
    positive: BoolArray
    """Defined, and every counted value above zero (Theil L and max/min need it)."""
    equal: bool
    """Whether every counted region weighs the same (no weights given)."""


def weigh(series: Series, weights: FloatArray | None = None) -> Weighted:
    """The series with each counted region's share of the weight."""
    counted, shares = _shares(series, weights)
    count = counted.sum(axis=1)
    mean = np.einsum("ij,ij->i", shares, series.values)
    lowest = _lowest(series, counted, equal=weights is None)
    defined = (count >= 2) & (lowest >= 0) & (mean > 0)
    return Weighted(series, shares, count, mean, defined, defined & (lowest > 0), weights is None)


def _lowest(series: Series, counted: BoolArray, *, equal: bool) -> FloatArray:
    """Each series' lowest counted value: with equal weights every known value counts,
    and the sorted values the Gini needs anyway begin with it."""
    if equal:
        return series.ascending[:, 0] if series.values.shape[1] else np.full(len(counted), np.inf)
    return np.where(counted, series.values, np.inf).min(axis=1, initial=np.inf)


def _shares(series: Series, weights: FloatArray | None) -> tuple[BoolArray, FloatArray]:
    """Which regions count, and their weight shares (each series' summing to 1); one
    weight per region for every series (a population row) is the usual, cheap case."""
    if weights is None:
        counted = series.known
        return counted, counted * (1.0 / np.maximum(counted.sum(axis=1), 1))[:, None]
    raw = np.asarray(weights, dtype=np.float64)
    usable = np.nan_to_num(raw, nan=0.0) > 0
    counted = series.known & usable
    weight = np.multiply(counted, np.where(usable, raw, 0.0))
    total = weight.sum(axis=1, keepdims=True)
    return counted, np.divide(weight, total, out=weight, where=total > 0)


def coefficient_of_variation(w: Weighted) -> FloatArray:
    """The (weighted) standard deviation over the mean, the deviation taken over the
    regions themselves (no sample correction)."""
    deviation = w.series.values - w.mean[:, None]
    spread = np.einsum("ij,ij,ij->i", w.shares, deviation, deviation)
    return _only(w.defined, np.sqrt(spread) / safe(w.mean))


def gini(w: Weighted) -> FloatArray:
    """Σᵢⱼ wᵢwⱼ|yᵢ−yⱼ| / 2μ, summed along the regions in order of value as
    Σₖ wₖyₖ(Fₖ₋₁ + Fₖ − 1) / μ, F being the cumulative share; with equal weights
    Σₖ (2k − n − 1) y₍ₖ₎ / n²μ, PySAL's form, which needs only the sorted values."""
    if w.equal:  # Σₖ (2k − n − 1) y₍ₖ₎ = 2 Σₖ k y₍ₖ₎ − (n + 1) n μ; zeros pad the tail
        ranked = w.series.ascending @ np.arange(1.0, w.shares.shape[1] + 1)
        n, mu = np.maximum(w.count, 1).astype(np.float64), safe(w.mean)
        return _only(w.defined, (2 * ranked - (n + 1) * n * mu) / (n * n * mu))
    order = w.series.order
    share = np.take_along_axis(w.shares, order, axis=1)
    value = np.take_along_axis(w.series.values, order, axis=1)
    factor = np.cumsum(share, axis=1)  # F_k, then 2F_k − w_k − 1 = F_k−1 + F_k − 1 in place
    factor *= 2
    factor -= share
    factor -= 1
    found = np.einsum("ij,ij,ij->i", share, value, factor) / safe(w.mean)
    return _only(w.defined, found)


def theil_t(w: Weighted) -> FloatArray:
    """Σ wᵢ (yᵢ/μ) ln(yᵢ/μ) = Σ wᵢyᵢ ln yᵢ / μ − ln μ: sensitive at the top."""
    top = np.einsum("ij,ij,ij->i", w.shares, w.series.values, w.series.log)
    return _only(w.defined, top / safe(w.mean) - np.log(safe(w.mean)))


def theil_l(w: Weighted) -> FloatArray:
    """Σ wᵢ ln(μ/yᵢ) = ln μ − Σ wᵢ ln yᵢ, the mean log deviation: sensitive at the bottom."""
    logs = np.einsum("ij,ij->i", w.shares, w.series.log)
    return _only(w.positive, np.log(safe(w.mean)) - logs)


def max_min_ratio(w: Weighted) -> FloatArray:
    """The highest counted value over the lowest."""
    counted = w.shares > 0
    top = np.where(counted, w.series.values, -np.inf).max(axis=1, initial=-np.inf)
    bottom = np.where(counted, w.series.values, np.inf).min(axis=1, initial=np.inf)
    with np.errstate(divide="ignore", invalid="ignore"):
        return _only(w.positive, top / bottom)


def safe(mean: FloatArray) -> FloatArray:
    """The mean where positive, else 1 (the result is masked there anyway)."""
    return np.where(mean > 0, mean, 1.0)


def _only(defined: BoolArray, found: FloatArray) -> FloatArray:
    return np.where(defined, found, np.nan)
