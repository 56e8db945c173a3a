"""Spatial accessibility by two-step floating catchment (2SFCA): how much service each
demand point can reach, shared with everyone else who can reach the same facilities.

    Rⱼ = Sⱼ / Σᵢ Pᵢ·w(dᵢⱼ)        over demand points i with dᵢⱼ ≤ radius
    Aᵢ = Σⱼ Rⱼ·w(dᵢⱼ)             over facilities j with dᵢⱼ ≤ radius

with Sⱼ a facility's capacity (beds, places, doctors; 1 each when none is given, so Aᵢ is
facilities per resident), Pᵢ the population at demand point i and w a distance decay:

- "none": w = 1 within the radius (Luo and Wang 2003);
- "step": enhanced 2SFCA (Luo and Qi 2009): sub-zones with weights, by default the paper's
  three bands of the radius 0–⅓, ⅓–⅔, ⅔–1 weighted 1, 0.68, 0.22, each band's upper
  bound included (as PySAL `access.weights.step_fn`);
- "gravity": w = (max(d, d₀)/d₀)^−β within the radius (Luo and Wang 2003's gravity form;
  PySAL `access.weights.gravity(scale=d₀, alpha=−β, min_dist=d₀)`); d₀ keeps w finite at a
  facility's door and the scale cancels out of Aᵢ.

A facility with no population in reach (Σ Pᵢ·w = 0) serves nobody: Rⱼ = 0, not ∞ or NaN
(PySAL leaves it undefined). A demand point with no facility in reach has Aᵢ = 0. A
missing (NaN) population or capacity counts as 0.
"none" and "step" never list the pairs (proximity.Reach sums over runs of points); only
"gravity", whose weight varies with every distance, goes pair by pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import numpy as np
import numpy.typing as npt

from minsheng.analytics.inequality import BoolArray, FloatArray, IntArray
from minsheng.analytics.proximity import Reach, pairs, reach
from minsheng.analytics.strips import Points, Strips, as_points, as_strips

Weighting = Literal["none", "step", "gravity"]

LUO_QI_2009: tuple[tuple[float, float], ...] = ((1 / 3, 1.0), (2 / 3, 0.68), (1.0, 0.22))
"""E2SFCA sub-zones: (upper bound as a share of the radius, weight), nearest first."""
GRAVITY_BETA = 1.0
"""Distance-decay exponent β of the gravity weight (1 to 2 is the usual range)."""
GRAVITY_MIN_DISTANCE = 100.0
"""d₀ in metres: within a block of the facility, distance makes no difference."""


def accessibility(  # noqa: PLR0917 (the order of the 2SFCA formula, as the brief fixed it)
    demand: Points,
    population: npt.ArrayLike,
    supply: npt.ArrayLike,
    capacity: npt.ArrayLike | None,
    radius: float,
    weighting: Weighting = "none",
    *,
    steps: Sequence[tuple[float, float]] = LUO_QI_2009,
    beta: float = GRAVITY_BETA,
    min_distance: float = GRAVITY_MIN_DISTANCE,
) -> FloatArray:
    """Aᵢ for every demand point: capacity in reach per person, shared by all who reach it
    (module docstring). `capacity` None counts each facility once."""
    sites, found = as_points(supply), as_strips(demand, radius)
    people, size = _per_point(population, len(found)), _capacities(capacity, len(sites))
    if weighting not in ("none", "step", "gravity"):
        raise ValueError(f"unknown weighting {weighting!r}")
    if weighting == "gravity":
        return _gravity(found, people, (sites, size), radius, (beta, min_distance))
    bands = ((1.0, 1.0),) if weighting == "none" else tuple(steps)
    return _banded(found, people, (sites, size), radius, bands)


def _banded(
    found: Strips,
    people: FloatArray,
    facilities: tuple[FloatArray, FloatArray],
    radius: float,
    bands: tuple[tuple[float, float], ...],
) -> FloatArray:
    """Step weights as nested discs: w(d) = Σₖ (wₖ − wₖ₊₁)·[d ≤ bₖ], so each sum is a few
    disc sums, each done over runs of points without listing the pairs."""
    sites, size = facilities
    bounds = [min(share, 1.0) * radius for share, _ in sorted(bands)]
    weights = [weight for _, weight in sorted(bands)] + [0.0]
    drops = [weights[k] - weights[k + 1] for k in range(len(bounds))]
    discs = [reach(found, sites, bound) for bound in bounds]
    return _in_discs(discs, drops, found.sorted(people), size)


def two_step(found: Reach, population: npt.ArrayLike, capacity: npt.ArrayLike | None) -> FloatArray:
    """Plain 2SFCA (w = 1) from pairs already found, e.g. shared with coverage."""
    people = found.strips.sorted(_per_point(population, len(found.strips)))
    return _in_discs([found], [1.0], people, _capacities(capacity, found.supply_count))


def two_step_by_radius(
    demand: Points,
    population: npt.ArrayLike,
    supply: npt.ArrayLike,
    capacity: npt.ArrayLike | None,
    radii: Sequence[float],
) -> list[tuple[FloatArray, BoolArray]]:
    """Plain 2SFCA and coverage at several radii (a plan's 15- and 20-minute circles,
    say), in the radii's order: the points sorted once, the radii worked on at the same
    time, one thread each (numpy releases the GIL, so both cores are busy; threads within
    each radius would only add memory)."""
    found = as_strips(demand, max(radii, default=0.0))
    sites = as_points(supply)
    people = found.sorted(_per_point(population, len(found)))
    size = _capacities(capacity, len(sites))

    def at(radius: float) -> tuple[FloatArray, BoolArray]:
        disc = reach(found, sites, radius, parallel=len(radii) == 1)
        reached: BoolArray = found.unsorted(disc.counts > 0)  # type: ignore[assignment]
        return _in_discs([disc], [1.0], people, size), reached

    with ThreadPoolExecutor(max(len(radii), 1)) as pool:
        return list(pool.map(at, radii))


def _per_point(population: npt.ArrayLike, count: int) -> FloatArray:
    """The population per demand point, a missing one as 0."""
    people = np.nan_to_num(np.asarray(population, dtype=np.float64), nan=0.0)
    if people.shape != (count,):
        raise ValueError(f"population has shape {people.shape}, not one per demand point")
    return people


def _capacities(capacity: npt.ArrayLike | None, count: int) -> FloatArray:
    """The capacity per facility: 1 each when not given, a missing one as 0."""
    if capacity is None:
        return np.ones(count)
    size = np.nan_to_num(np.asarray(capacity, dtype=np.float64), nan=0.0)
    if size.shape != (count,):
        raise ValueError(f"capacity has shape {size.shape}, not one per facility")
    return size


def _in_discs(
    discs: Sequence[Reach], drops: Sequence[float], sorted_people: FloatArray, size: FloatArray
) -> FloatArray:
    """Aᵢ with w(d) = Σₖ dropₖ·[d ≤ radius of disc k], the largest disc last; the
    population in the strips' order."""
    strips = discs[-1].strips
    load = drops[0] * discs[0].demand_totals(sorted_people)
    for drop, disc in zip(drops[1:], discs[1:], strict=True):
        load += drop * disc.demand_totals(sorted_people)
    ratio = _ratio(size, load)
    score = discs[0].supply_totals(drops[0] * ratio)
    for drop, disc in zip(drops[1:], discs[1:], strict=True):
        score += disc.supply_totals(drop * ratio)
    score[discs[-1].counts == 0] = 0.0  # exactly 0 out of reach, not rounding residue
    return strips.unsorted(score)  # type: ignore[return-value]


def _gravity(
    found: Strips,
    people: FloatArray,
    facilities: tuple[FloatArray, FloatArray],
    radius: float,
    decay: tuple[float, float],
) -> FloatArray:
    """Gravity weights vary with each distance: two passes over the listed pairs (listed
    twice rather than kept, so memory stays bounded). `decay` is (β, d₀)."""
    (sites, size), (beta, min_distance) = facilities, decay
    load = np.zeros(len(sites))
    for chunk in pairs(found, sites, radius):
        weight = _decay(chunk.distance, beta, min_distance)
        load += np.bincount(chunk.supply, people[chunk.demand] * weight, len(sites))
    ratio = _ratio(size, load)
    score = np.zeros(len(found))
    for chunk in pairs(found, sites, radius):
        weight = _decay(chunk.distance, beta, min_distance)
        score += np.bincount(chunk.demand, ratio[chunk.supply] * weight, len(found))
    return score


def _decay(distance: FloatArray, beta: float, min_distance: float) -> FloatArray:
    return np.power(np.maximum(distance, min_distance) / min_distance, -beta)


def _ratio(size: FloatArray, load: FloatArray) -> FloatArray:
    """Rⱼ = Sⱼ / load, 0 where nobody is in reach."""
    safe = np.where(load > 0, load, 1.0)
    return np.where(load > 0, size / safe, 0.0)


def weighted_mean_by_group(
    score: npt.ArrayLike, population: npt.ArrayLike, groups: npt.ArrayLike, count: int
) -> FloatArray:
    """Per group 0 … count−1, the population-weighted mean score (a district's average
    resident's accessibility); NaN for a group with no population. Points whose score or
    population is missing (NaN) are left out."""
    values = np.asarray(score, dtype=np.float64)
    weight = np.asarray(population, dtype=np.float64)
    usable = ~np.isnan(values) & ~np.isnan(weight) & (weight > 0)
    codes: IntArray = np.asarray(groups, dtype=np.int64)[usable]
    total = np.bincount(codes, weight[usable], count)
    weighted = np.bincount(codes, weight[usable] * values[usable], count)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, weighted / total, np.nan)
