"""Every inequality measure of many series in one call, and the trend of one over years
(σ-convergence: is the spread shrinking?)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from minsheng.analytics.decomposition import Split, group_sums, theil_l_split, theil_t_split
from minsheng.analytics.inequality import (
    FloatArray,
    IntArray,
    Series,
    coefficient_of_variation,
    gini,
    max_min_ratio,
    prepare,
    theil_l,
    theil_t,
    weigh,
)


@dataclass(frozen=True)
class Measures:
    """One value per series of each measure (NaN where undefined)."""

    count: IntArray
    mean: FloatArray
    cv: FloatArray
    gini: FloatArray
    theil_t: FloatArray
    theil_l: FloatArray
    max_min_ratio: FloatArray
    theil_t_split: Split | None
    theil_l_split: Split | None


def measures(
    values: FloatArray | Series,
    weights: FloatArray | None = None,
    groups: IntArray | None = None,
) -> Measures:
    """All measures of `values` (series × regions, or a `Series` prepared once for both
    weightings), weighted by `weights` if given, with the Theil splits when each
    region's group is given."""
    w = weigh(values if isinstance(values, Series) else prepare(values), weights)
    sums = None if groups is None else group_sums(w, groups)
    return Measures(
        count=w.count,
        mean=np.where(w.count > 0, w.mean, np.nan),
        cv=coefficient_of_variation(w),
        gini=gini(w),
        theil_t=theil_t(w),
        theil_l=theil_l(w),
        max_min_ratio=max_min_ratio(w),
        theil_t_split=None if sums is None else theil_t_split(w, sums),
        theil_l_split=None if sums is None else theil_l_split(w, sums),
    )


@dataclass(frozen=True)
class Trend:
    """The least-squares change per year of a measure, over the years it is defined."""

    slope: float | None
    years: int

    @property
    def shrinking(self) -> bool | None:
        """Whether the gap narrows (None: fewer than two years to tell)."""
        return None if self.slope is None else self.slope < 0


def trend(years: IntArray, measure: FloatArray) -> Trend:
    """σ-convergence when `measure` is the CV: a negative slope means the regions draw
    closer year by year."""
    known = ~np.isnan(measure)
    if known.sum() < 2:
        return Trend(None, int(known.sum()))
    slope = np.polyfit(years[known].astype(np.float64), measure[known], 1)[0]
    return Trend(float(slope), int(known.sum()))
