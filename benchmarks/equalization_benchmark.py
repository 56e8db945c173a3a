"""Inequality measures at national scale: every index, unweighted and population-weighted,
with both Theil splits, for 2,875 regions × 40 indicators × 15 years, against PySAL
`inequality` on the same data.

Run: .venv/bin/python benchmarks/equalization_benchmark.py [--regions N] [--series N]

The data are synthetic (示例数据): log-normal values per region with a few gaps, and
populations between 50,000 and 2,000,000; regions grouped 城区/县 (two groups) and by
province (31 groups) for the splits. PySAL has no population weights, so it measures
the unweighted Gini (`Gini`), Theil T (`Theil`) and its split (`TheilD`) series by
series — what it can do of the work; minsheng's time covers all of it (CV, Gini, Theil T
and L, max/min, each unweighted and weighted, both splits of both Theils, twice).
Goal: well under a second, and at least ten times faster than PySAL.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np
from inequality.gini import Gini
from inequality.theil import Theil, TheilD

from minsheng.analytics.decomposition import group_sums, theil_l_split, theil_t_split
from minsheng.analytics.inequality import (
    coefficient_of_variation,
    gini,
    max_min_ratio,
    prepare,
    theil_l,
    theil_t,
    weigh,
)

GOAL_S = 1.0
GOAL_SPEEDUP = 10.0


def data(regions: int, series: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2026)
    values = rng.lognormal(3.0, 0.5, size=(series, regions))
    values[rng.random(values.shape) < 0.02] = np.nan
    people = rng.integers(50_000, 2_000_000, size=regions).astype(np.float64)
    urban = (rng.random(regions) < 0.37).astype(np.int64)
    provinces = rng.integers(0, 31, size=regions)
    return values, people, urban, provinces


def ours(values: np.ndarray, people: np.ndarray, urban: np.ndarray, provinces: np.ndarray) -> None:
    """Everything: the five indices under both weightings, and under each weighting the
    Theil T and L splits for both groupings."""
    series = prepare(values)
    for weights in (None, people):
        weighed = weigh(series, weights)
        for index in (coefficient_of_variation, gini, theil_t, theil_l, max_min_ratio):
            index(weighed)
        for groups in (urban, provinces):
            sums = group_sums(weighed, groups)
            theil_t_split(weighed, sums)
            theil_l_split(weighed, sums)


def ours_like_pysal(values: np.ndarray, urban: np.ndarray) -> None:
    """What PySAL measures: unweighted Gini, Theil T and its split."""
    weighed = weigh(prepare(values))
    gini(weighed)
    theil_t(weighed)
    theil_t_split(weighed, group_sums(weighed, urban))


def pysal(values: np.ndarray, urban: np.ndarray) -> None:
    for row in values:
        known = ~np.isnan(row)
        Gini(row[known])
        Theil(row[known])
        TheilD(row[known], urban[known])


def timed(action: Callable[[], None], repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=2_875)
    parser.add_argument("--series", type=int, default=40 * 15)
    args = parser.parse_args(argv)
    values, people, urban, provinces = data(args.regions, args.series)
    everything = timed(lambda: ours(values, people, urban, provinces), 5)
    like_pysal = timed(lambda: ours_like_pysal(values, urban), 9)
    pysal_s = timed(lambda: pysal(values, urban), 3)
    speedup = pysal_s / like_pysal
    print(f"{args.series} series × {args.regions} regions (示例数据)")
    lines = [
        ("PySAL inequality: unweighted Gini, Theil, TheilD (城区/县)", pysal_s, "×1.0"),
        ("minsheng, the same measures", like_pysal, f"×{speedup:.1f}"),
        ("minsheng, all five indices × 2 weightings × 2 groupings", everything, ""),
    ]
    for label, seconds, ratio in lines:
        print(f"  {label:58} {seconds:8.3f} s   {ratio}")
    verdict = "ok" if everything < GOAL_S and speedup >= GOAL_SPEEDUP else "MISSED"
    print(f"  goal: everything < {GOAL_S:g} s and the same measures ≥ ×{GOAL_SPEEDUP:g}: {verdict}")


if __name__ == "__main__":
    main()
