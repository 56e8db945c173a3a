"""Candidate sites for new facilities, read from a file of points (or polygons, their
centroids) and checked: every row's coordinates, or every problem and no row at all.
Columns as for residents (x and y, or lon and lat), nothing else needed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from minsheng.collect import messages as msg
from minsheng.collect.numbers import FloatArray, name_problems
from minsheng.collect.positions import read_positions
from minsheng.collect.readers import TableLayout
from minsheng.collect.spatial_files import read_spatial_file
from minsheng.errors import EmptyDocument
from minsheng.model.observation import CellProblem

_AXES = ("x", "y", "lon", "lat")
CANDIDATES = TableLayout(
    fields=_AXES,
    required=(),
    aliases={axis: msg.RESIDENT_ALIASES[axis] for axis in _AXES},
    labels={axis: msg.RESIDENT_LABELS[axis] for axis in _AXES},
    reported=None,
)
NAMED_ROWS = 50


@dataclass(frozen=True)
class CandidateCheck:
    """The candidate points (in the file's CRS), or (both empty) the problems."""

    x: FloatArray
    y: FloatArray
    problems: list[CellProblem] = field(default_factory=list)
    crs: str | None = None
    geographic: bool = False


def check_candidate_file(path: Path) -> CandidateCheck:
    """Read and check every row's coordinates; all rows or none."""
    table = read_spatial_file(path, CANDIDATES, place="centroid")
    if not len(table.records):
        raise EmptyDocument(msg.EMPTY_FILE, file=path.name)
    positions = read_positions(table, CANDIDATES.labels)
    problems, _ = name_problems(table.records, positions.issues, positions.columns, NAMED_ROWS)
    if problems:
        nothing = np.zeros(0)
        return CandidateCheck(nothing, nothing, problems, table.crs, positions.geographic)
    return CandidateCheck(positions.x, positions.y, [], table.crs, positions.geographic)
