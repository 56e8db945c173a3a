"""Coverage and 2SFCA on distances along a road network (network.network_pairs) instead of
straight lines: the same formulas as coverage.py and fca.py, summed over listed pairs,
since a network distance has no geometry to sum over runs of points. A city's roads make
a few million pairs at most, so they are listed once and kept for both 2SFCA passes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
import numpy.typing as npt

from minsheng.analytics.fca import (
    GRAVITY_BETA,
    GRAVITY_MIN_DISTANCE,
    LUO_QI_2009,
    Weighting,
)
from minsheng.analytics.inequality import BoolArray, FloatArray
from minsheng.analytics.proximity import Pairs

Weight = Callable[[FloatArray], FloatArray]


def weight_of(
    weighting: Weighting,
    radius: float,
    *,
    steps: Sequence[tuple[float, float]] = LUO_QI_2009,
    beta: float = GRAVITY_BETA,
    min_distance: float = GRAVITY_MIN_DISTANCE,
) -> Weight:
    """w(d) within the radius, as fca.py defines each weighting."""
    if weighting == "none":
        return np.ones_like
    if weighting == "gravity":
        return lambda d: np.power(np.maximum(d, min_distance) / min_distance, -beta)
    if weighting != "step":
        raise ValueError(f"unknown weighting {weighting!r}")
    bands = sorted((min(share, 1.0) * radius, weight) for share, weight in steps)

    def stepped(distance: FloatArray) -> FloatArray:
        found = np.zeros_like(distance)
        for bound, weight in reversed(bands):  # the nearest band written last wins
            found[distance <= bound] = weight
        return found

    return stepped


def covered_by(listed: Iterable[Pairs], count: int) -> BoolArray:
    """Which of `count` demand points have at least one facility among the pairs."""
    found = np.zeros(count, dtype=bool)
    for chunk in listed:
        found[chunk.demand] = True
    return found


def accessibility_by(
    listed: Sequence[Pairs],
    population: npt.ArrayLike,
    capacity: npt.ArrayLike,
    weight: Weight,
) -> FloatArray:
    """Aᵢ = Σⱼ Rⱼ·w(dᵢⱼ), Rⱼ = Sⱼ / Σᵢ Pᵢ·w(dᵢⱼ), over the listed pairs (fca.py's rules:
    a facility nobody reaches has Rⱼ = 0; a missing population or capacity counts as 0)."""
    people = np.nan_to_num(np.asarray(population, dtype=np.float64), nan=0.0)
    size = np.nan_to_num(np.asarray(capacity, dtype=np.float64), nan=0.0)
    weights = [weight(chunk.distance) for chunk in listed]
    load = np.zeros(len(size))
    for chunk, w in zip(listed, weights, strict=True):
        load += np.bincount(chunk.supply, people[chunk.demand] * w, len(size))
    ratio = np.where(load > 0, size / np.where(load > 0, load, 1.0), 0.0)
    score = np.zeros(len(people))
    for chunk, w in zip(listed, weights, strict=True):
        score += np.bincount(chunk.demand, ratio[chunk.supply] * w, len(people))
    return score
