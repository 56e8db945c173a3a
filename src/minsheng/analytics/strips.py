"""Demand points sorted once into a grid of flat cells, for finding what lies within a
radius of many facilities (analytics.proximity): strips of height h = r/20, cut into cells
h/8 wide, the points ordered by strip and then by cell, with a table of where each cell's
points begin. The points of one strip between two cell boundaries are then one
contiguous run, found by two lookups instead of a search.

Coordinates are metres in a projected CRS, arrays of shape (n, 2). A point's cell is
floor((x − x₀)/w), floor((y − y₀)/h), computed in one place: any bound snapped the same
way falls in the same cell as a point at it, or in an earlier cell than any point beyond.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from minsheng.analytics.inequality import FloatArray, IntArray

_STRIPS_PER_RADIUS = 20
"""Strip height r/20: thinner strips leave fewer points at the edge to check one by one."""
_CELLS_PER_STRIP = 8
"""Cell width h/8: the runs' ends snap to cell boundaries, adding little to the edges."""


@dataclass(frozen=True)
class Strips:
    """Demand points sorted by strip, then cell: build once, query any radius and supply."""

    order: IntArray
    """order[k] is the original index of the k-th point in sorted order."""
    xy: npt.NDArray[np.complex128]
    """The points in sorted order as x + iy: one memory access fetches both."""
    starts: IntArray
    """starts[c] is the sorted position of cell c's first point (cell = strip·cols + col)."""
    origin: tuple[float, float]
    height: float
    width: float
    rows: int
    cols: int
    density: float
    """Points per m² of their bounding box (to size chunks)."""
    margin: float
    """Bound on rounding in a point's coordinates relative to the grid (metres)."""

    def __len__(self) -> int:
        return len(self.order)

    def sorted(self, values: npt.ArrayLike) -> FloatArray:
        """Per-point values put in the strips' order."""
        return np.take(np.asarray(values, dtype=np.float64), self.order)

    def unsorted(self, values: npt.NDArray[np.generic]) -> npt.NDArray[np.generic]:
        """Values in the strips' order put back in the points' own order."""
        found = np.empty_like(values)
        found[self.order] = values
        return found

    def cell_of(self, points: FloatArray) -> IntArray:
        """Each point's cell, snapped exactly as the demand points were."""
        (x0, y0), cols = self.origin, self.cols
        row = np.floor((points[:, 1] - y0) / self.height).astype(np.int64)
        return row * cols + np.floor((points[:, 0] - x0) / self.width).astype(np.int64)


Points = FloatArray | Strips
"""Demand points as coordinates, or already sorted into strips (faster when reused)."""


def as_points(points: npt.ArrayLike) -> FloatArray:
    """A C-contiguous (n, 2) float64 array, or ValueError."""
    found = np.asarray(points, dtype=np.float64)
    if found.size == 0:
        found = found.reshape(0, 2)
    if found.ndim != 2 or found.shape[1] != 2:
        raise ValueError(f"points must have shape (n, 2), not {found.shape}")
    return np.ascontiguousarray(found)


def as_strips(demand: Points, radius: float) -> Strips:
    return demand if isinstance(demand, Strips) else strips(demand, radius)


def check_radius(radius: float) -> None:
    if not (radius >= 0 and np.isfinite(radius)):
        raise ValueError(f"radius must be finite and ≥ 0, not {radius}")


def strips(points: npt.ArrayLike, radius: float) -> Strips:
    """The points sorted into strips and cells suited to queries of about this radius."""
    check_radius(radius)
    pts = as_points(points)
    grid = _grid(pts, radius)
    cell = grid.cell_of(pts)
    bits = max(len(pts).bit_length(), 1)
    packed = (cell << bits) | np.arange(len(pts))  # one plain integer sort, not an argsort
    packed.sort()
    order = packed & ((1 << bits) - 1)
    cells = np.bincount(cell, minlength=grid.rows * grid.cols)
    starts = np.concatenate(([0], np.cumsum(cells)))
    xy = np.take(pts.view(np.complex128).ravel(), order)
    return replace(grid, order=order, xy=xy, starts=starts)


def _grid(pts: FloatArray, radius: float) -> Strips:
    """The grid's geometry, as a Strips without points: at most 4n + 1,024 cells, so the
    table stays a few times the size of the points however sparse they are."""
    low, high = _bounds(pts)
    span = np.maximum(high - low, 1e-9)
    margin = 1e-9 * (float(np.abs(low).max()) + float(span.max())) + 1e-12
    cap = 4 * len(pts) + 1024
    height = max(radius / _STRIPS_PER_RADIUS, float(span[1]) / cap, 1000 * margin)
    rows = int(np.floor((high[1] - low[1]) / height)) + 1  # as cell_of snaps the highest y
    width = max(height / _CELLS_PER_STRIP, float(span[0]) * rows / cap)
    cols = int(np.floor((high[0] - low[0]) / width)) + 1
    density = len(pts) / float(max(span[0], height) * max(span[1], height))
    origin = (float(low[0]), float(low[1]))
    empty = np.zeros(0, dtype=np.int64)
    xy = np.zeros(0, np.complex128)
    return Strips(empty, xy, empty, origin, height, width, rows, cols, density, margin)


def _bounds(pts: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Lowest and highest x and y, column by column (reducing an (n, 2) array along its
    first axis is many times slower)."""
    if not len(pts):
        return np.zeros(2), np.zeros(2)
    columns = (pts[:, 0], pts[:, 1])
    return np.array([c.min() for c in columns]), np.array([c.max() for c in columns])
