"""Service coverage: which demand points have a facility within the service radius (a
15-minute walk, say, as 1,000–1,200 m), how far the nearest one is, and each district's
covered share of the population.

"Within" includes the radius itself (d ≤ r), as everywhere in analytics.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree  # type: ignore[import-untyped]

from minsheng.analytics.inequality import BoolArray, FloatArray
from minsheng.analytics.proximity import Reach, reach
from minsheng.analytics.strips import Points, as_points, as_strips


def covered(demand: Points, supply: npt.ArrayLike, radius: float) -> BoolArray:
    """Per demand point, whether at least one facility is within `radius`."""
    return covered_in(reach(as_strips(demand, radius), supply, radius))


def covered_in(found: Reach) -> BoolArray:
    """The same from pairs already found (as for 2SFCA at the same radius)."""
    return found.strips.unsorted(found.counts > 0)  # type: ignore[return-value]


def nearest_distance(
    demand: npt.ArrayLike, supply: npt.ArrayLike, limit: float = np.inf
) -> FloatArray:
    """Per demand point, the distance to the nearest facility, inf beyond `limit` (a
    bounded search is much faster) or when there is none. A k-d tree over the facilities,
    queried on every core."""
    points, sites = as_points(demand), as_points(supply)
    if not len(sites) or not len(points):
        return np.full(len(points), np.inf)
    bound = np.nextafter(limit, np.inf)  # the tree's bound is exclusive; ours includes it
    found, _ = cKDTree(sites).query(points, distance_upper_bound=bound, workers=os.cpu_count())
    return np.where(found <= limit, found, np.inf)


@dataclass(frozen=True)
class GroupTotals:
    """Per group (district): population, covered population and covered share."""

    population: FloatArray
    covered: FloatArray
    share: FloatArray
    """covered / population; NaN for a group with no population (no share to speak of)."""


def coverage_by_group(
    population: npt.ArrayLike, covered: npt.ArrayLike, groups: npt.ArrayLike, count: int
) -> GroupTotals:
    """Sums per group 0 … count−1; a missing (NaN) population counts as 0."""
    people = np.nan_to_num(np.asarray(population, dtype=np.float64), nan=0.0)
    codes = np.asarray(groups, dtype=np.int64)
    total = np.bincount(codes, people, count).astype(np.float64)
    inside = np.bincount(codes, people * np.asarray(covered, dtype=bool), count)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, inside / total, np.nan)
    return GroupTotals(total, inside.astype(np.float64), share)
