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

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class Series:
    """The values, and what any weighting of them needs, each computed once on first use."""

    def __init__(self, values: FloatArray) -> None:
        self._raw = np.atleast_2d(np.asarray(values, dtype=np.float64))
        self.known: BoolArray = ~np.isnan(self._raw)
        self.values: FloatArray = np.nan_to_num(self._raw, nan=0.0)
        """The values, 0 where a region has none."""

    @cached_property
    def log(self) -> FloatArray:
        """ln y where y > 0, else 0 (such a series has no Theil L anyway)."""
        found = np.zeros_like(self.values)
        return np.log(self.values, out=found, where=self.values > 0)

    @cached_property
    def order(self) -> IntArray:
        """Each series' regions from the lowest value up, those without one last."""
        return np.argsort(self._raw, axis=1)  # NaN sorts last

    @cached_property
    def ascending(self) -> FloatArray:
        """Each series' values from the lowest up, 0 after the last known one."""
        ordered = np.sort(self._raw, axis=1)  # NaN sorts last
        return np.nan_to_num(ordered, nan=0.0, copy=False)


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
    if weights is None:
        counted = series.known
        count = counted.sum(axis=1)
        shares = counted * (1.0 / np.maximum(count, 1))[:, None]
    else:
        raw = np.broadcast_to(weights, series.values.shape)
        counted = series.known & (np.nan_to_num(raw, nan=0.0) > 0)
        count = counted.sum(axis=1)
        weight = np.where(counted, raw, 0.0)
        total = weight.sum(axis=1, keepdims=True)
        shares = np.divide(weight, total, out=np.zeros_like(weight), where=total > 0)
    mean = np.einsum("ij,ij->i", shares, series.values)
    negative = (counted & (series.values < 0)).any(axis=1)
    defined = (count >= 2) & ~negative & (mean > 0)
    positive = defined & ~(counted & (series.values <= 0)).any(axis=1)
    return Weighted(series, shares, count, mean, defined, positive, weights is None)


def coefficient_of_variation(w: Weighted) -> FloatArray:
    """The (weighted) standard deviation over the mean, the deviation taken over the
    regions themselves (no sample correction)."""
    spread = (w.shares * (w.series.values - w.mean[:, None]) ** 2).sum(axis=1)
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
    after = np.cumsum(share, axis=1)
    found = (share * value * (2 * after - share - 1)).sum(axis=1) / safe(w.mean)
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
