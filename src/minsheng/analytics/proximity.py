"""Which demand points lie within a radius of which facilities, without listing every pair
when a sum will do. Coordinates are metres in a projected CRS, arrays of shape (n, 2).

The demand points are sorted once into a grid of flat cells (analytics.strips: strips of
height h cut into cells h/8 wide), by strip and then by cell, so that the points of a
strip between two cell boundaries are one contiguous run whose ends come from a table,
not a search. A disc of radius r around a facility crosses about 2r/h strips; in each, one run
of whole cells lies surely inside the disc (its x-extent taken at the strip's edge
farthest from the centre) and two short runs at either end may or may not. Sums over
the inner runs are two lookups in a prefix sum (sums spread back over them, two entries
in a difference array); only the end runs, about a fifth of the disc at h = r/20, are
checked point by point. So 2SFCA over 50 million pairs takes a fraction of a second,
where listing the pairs with a k-d tree takes seconds (docs/accessibility.md).

Every in-or-out decision at the edge is one test, dx² + dy² ≤ r² in float64: the inner
runs are shrunk and the outer ones widened by a margin far above rounding error, so no
point is counted by a shortcut that the test would refuse, nor missed by one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from minsheng.analytics.inequality import FloatArray, IntArray, in_row_chunks
from minsheng.analytics.strips import Points, Strips, as_points, as_strips, check_radius

_CANDIDATES_PER_CHUNK = 250_000
"""Points checked at a time: temporaries of a few MB per thread, fast and bounded."""
_SLACK = 1e-9
"""Relative margin on r² between the inner runs, the outer runs and the exact test."""


@dataclass(frozen=True)
class Reach:
    """Pairs within `radius`, in the strips' order: runs [lo, hi) of demand points wholly
    within reach of facility `run_supply`, and single edge pairs checked one by one."""

    strips: Strips
    supply_count: int
    radius: float
    run_supply: IntArray
    lo: IntArray
    hi: IntArray
    edge_demand: IntArray
    edge_supply: IntArray

    def demand_totals(self, values: FloatArray) -> FloatArray:
        """Per facility, the sum of `values` (strips' order) over the demand in reach."""
        prefix = np.empty(len(values) + 1)
        prefix[0] = 0.0
        np.cumsum(values, out=prefix[1:])
        runs = np.take(prefix, self.hi) - np.take(prefix, self.lo)
        found = np.bincount(self.run_supply, runs, self.supply_count).astype(np.float64)
        found += np.bincount(self.edge_supply, np.take(values, self.edge_demand), len(found))
        return found

    def supply_totals(self, values: FloatArray) -> FloatArray:
        """Per demand point (strips' order), the sum of per-facility `values` in reach:
        +v where a run starts and −v where it ends, summed along, plus the edge pairs."""
        n, per_run = len(self.strips), np.take(values, self.run_supply)
        ends = np.bincount(self._ends, np.concatenate((per_run, -per_run)), n + 1)
        spread = ends.astype(np.float64, copy=False)[:n]  # int64 when there are no runs
        found: FloatArray = np.cumsum(spread, out=spread)
        found += np.bincount(self.edge_demand, np.take(values, self.edge_supply), n)
        return found

    @cached_property
    def counts(self) -> IntArray:
        """Per demand point (strips' order), how many facilities are in reach (exact)."""
        n = len(self.strips)
        spread = np.bincount(self.lo, minlength=n + 1)
        spread -= np.bincount(self.hi, minlength=n + 1)
        found = np.cumsum(spread[:n], out=spread[:n])
        found += np.bincount(self.edge_demand, minlength=n)
        return found

    @cached_property
    def _ends(self) -> IntArray:
        return np.concatenate((self.lo, self.hi))


def reach(demand: Points, supply: npt.ArrayLike, radius: float, *, parallel: bool = True) -> Reach:
    """The demand–supply pairs within `radius` (inclusive), as runs and edge pairs,
    facilities taken in chunks on every core (in this thread only if not `parallel`: for
    callers already running several at once, where more threads only cost memory)."""
    found, sites = as_strips(demand, radius), as_points(supply)
    check_radius(radius)
    site_order = _sorted_like(found, sites)
    ordered = sites[site_order]
    every = max(1, _CANDIDATES_PER_CHUNK // _per_facility(found, radius, edges=True))
    parts: dict[int, tuple[IntArray, ...]] = {}

    def fill(rows: slice) -> None:
        for start in range(rows.start, rows.stop, every):
            chunk = slice(start, min(start + every, rows.stop))
            parts[start] = _runs_and_edges(found, ordered, chunk, radius)

    if len(sites) and len(found) and parallel:
        in_row_chunks(fill, len(sites), _per_facility(found, radius, edges=True))
    elif len(sites) and len(found):
        fill(slice(0, len(sites)))
    empty = np.zeros(0, dtype=np.int64)
    merged = [parts[key] for key in sorted(parts)] or [(empty,) * 5]
    columns = (np.concatenate(column) for column in zip(*merged, strict=True))
    run_supply, lo, hi, edge_demand, edge_supply = columns
    run_supply, edge_supply = site_order[run_supply], site_order[edge_supply]
    return Reach(found, len(sites), radius, run_supply, lo, hi, edge_demand, edge_supply)


@dataclass(frozen=True)
class Pairs:
    """Some demand–supply pairs within the radius: original indices and distances (m)."""

    demand: IntArray
    supply: IntArray
    distance: FloatArray


def pairs(demand: Points, supply: npt.ArrayLike, radius: float) -> Iterator[Pairs]:
    """Every pair within `radius`, in chunks of about a million candidates each (the runs
    of a few facilities at a time), so memory stays bounded however many pairs there are."""
    found, sites = as_strips(demand, radius), as_points(supply)
    check_radius(radius)
    site_order = _sorted_like(found, sites)
    ordered = sites[site_order]
    every = max(1, _CANDIDATES_PER_CHUNK // _per_facility(found, radius, edges=False))
    for start in range(0, len(sites) if len(found) else 0, every):
        chunk = ordered[start : start + every]
        lo, hi, _, _, owner = _ranges(found, chunk, radius)
        index, supply_of, d2 = _within(found, chunk, lo, hi, owner, radius=radius)
        yield Pairs(found.order[index], site_order[supply_of + start], np.sqrt(d2))


def _sorted_like(found: Strips, sites: FloatArray) -> IntArray:
    """The facilities in the order of their cells, as the demand points are sorted: the
    lookups of neighbouring facilities then fall close together in memory."""
    return np.argsort(found.cell_of(sites), kind="stable")


def _per_facility(found: Strips, radius: float, *, edges: bool) -> int:
    """Rough work per facility: the points in its disc's bounding box, or in its edge runs
    (two per strip, each about 2·height + 2·width wide), and at least its strips (each
    a row of the run tables: many when the strips are thin for the radius)."""
    side = 2 * (radius + found.height)
    area = side * 4 * (found.height + found.width) if edges else side * side
    return max(1, int(found.density * area), int(2 * side / found.height))


def _runs_and_edges(
    found: Strips, sites: FloatArray, chunk: slice, radius: float
) -> tuple[IntArray, ...]:
    """One chunk of facilities: their inner runs, and their edge pairs within reach."""
    lo, hi, lo_in, hi_in, owner = _ranges(found, sites[chunk], radius)
    owner = owner + chunk.start
    inner = hi_in > lo_in
    ends = np.concatenate((lo, hi_in)), np.concatenate((lo_in, hi))
    index, supply_of, _ = _within(found, sites, *ends, np.tile(owner, 2), radius=radius)
    return owner[inner], lo_in[inner], hi_in[inner], index, supply_of


def _ranges(
    found: Strips, sites: FloatArray, radius: float
) -> tuple[IntArray, IntArray, IntArray, IntArray, IntArray]:
    """Per strip a facility's disc crosses: the outer run [lo, hi) of points possibly
    within reach, the inner run [lo_in, hi_in) of points surely within it (empty where
    none is), and the facility. Strips beyond the grid give empty runs."""
    y0, height, margin = found.origin[1], found.height, found.margin
    first = np.floor((sites[:, 1] - radius - margin - y0) / height)
    count = int(np.ceil(2 * (radius + margin) / height)) + 2
    row = np.clip(first, -1, found.rows) + np.arange(count)[:, None]
    dy_low = row * height + (y0 - sites[:, 1])
    dy_high = dy_low + height
    near = np.where(dy_low * dy_high <= 0, 0.0, np.minimum(abs(dy_low), abs(dy_high)))
    near = np.maximum(near - margin, 0.0)
    far = np.maximum(abs(dy_low), abs(dy_high)) + margin
    r2 = radius * radius
    outer = np.sqrt(np.maximum(r2 * (1 + _SLACK) - near * near, 0.0)) + margin
    half = np.sqrt(np.maximum(r2 * (1 - _SLACK) - far * far, 0.0)) - margin
    valid = (row >= 0) & (row < found.rows) & (near * near <= r2 * (1 + _SLACK))
    solid = valid & (far * far < r2 * (1 - _SLACK)) & (half > 0)
    lo, hi, lo_in, hi_in = _starts(found, sites[:, 0], np.where(valid, row, 0), outer, half)
    hi = np.where(valid, np.maximum(hi, lo), lo)
    lo_in = np.where(solid, np.clip(lo_in, lo, hi), lo)
    hi_in = np.where(solid, np.clip(hi_in, lo_in, hi), lo)
    owner = np.broadcast_to(np.arange(len(sites)), row.shape).ravel()
    return lo.ravel(), hi.ravel(), lo_in.ravel(), hi_in.ravel(), owner


def _starts(
    found: Strips, x: FloatArray, row: FloatArray, outer: FloatArray, half: FloatArray
) -> IntArray:
    """Sorted positions where the runs begin and end in their strips: the cells holding
    x − outer and (one past) x + outer, the cells after x − half and holding x + half,
    clamped to the strip. Counted in cells from the facility's own position: that rounds
    differently from snapping the bound itself by some 10⁻¹² of a cell, far inside the
    margin that widened `outer` and narrowed `half`, so a point outside the outer run is
    outside the disc and a point in the inner run is inside it."""
    width = found.width
    ends = np.stack((-outer, outer, -half, half)) / width
    ends += (x - found.origin[0]) / width
    np.floor(ends, out=ends)
    ends += np.array([0.0, 1.0, 1.0, 0.0])[:, None, None]
    cell = np.clip(ends, 0, found.cols).astype(np.int64)
    cell += (row * found.cols).astype(np.int64)
    return np.take(found.starts, cell)


def _within(
    found: Strips,
    sites: FloatArray,
    lo: IntArray,
    hi: IntArray,
    owner: IntArray,
    *,
    radius: float,
) -> tuple[IntArray, IntArray, FloatArray]:
    """The positions in the runs [lo, hi) within `radius` of their run's facility, that
    facility, and dx² + dy² (the facility's coordinates repeated along its runs, cheaper
    than gathered; the facility of a kept point repeated from counts per run)."""
    some = hi > lo
    lo, hi, owner = lo[some], hi[some], owner[some]
    length = hi - lo
    start = np.cumsum(length) - length
    index = np.arange(int(length.sum()), dtype=np.int64) + np.repeat(lo - start, length)
    delta = np.take(found.xy, index)  # runs are short: mostly one cache miss per point
    delta -= np.repeat(np.take(sites.view(np.complex128).ravel(), owner), length)
    d2 = delta.real**2
    d2 += delta.imag**2
    keep = d2 <= radius * radius
    kept = np.add.reduceat(keep, start, dtype=np.int64) if len(start) else start
    return index[keep], np.repeat(owner, kept), d2[keep]
