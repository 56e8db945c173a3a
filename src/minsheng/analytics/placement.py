"""Which area (district) each point lies in, for many points at once: the point-in-polygon
test vectorized by shapely, one area at a time (a city has a few to a few dozen)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

OUTSIDE = -1
"""The area index of a point in none of the areas."""


def area_index(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], areas: Sequence[BaseGeometry]
) -> npt.NDArray[np.int64]:
    """Each point's index in `areas` (the first that holds it; a point on a shared border
    goes to the first), or OUTSIDE; points and areas in the same coordinates."""
    found = np.full(len(x), OUTSIDE, dtype=np.int64)
    for index, area in enumerate(areas):
        open_points = found == OUTSIDE
        if not open_points.any():
            break
        shapely.prepare(area)
        inside = shapely.intersects_xy(area, x[open_points], y[open_points])
        found[np.flatnonzero(open_points)[inside]] = index
    return found
