"""A road network for distances along roads: the lines of a GeoJSON or GeoPackage file
(LineString, MultiLineString) as nodes and edges. Each vertex is a node, vertices at the
same place (to about a centimetre) being one node, so lines that share an end or a vertex
are joined; each pair of consecutive vertices is an edge. Lengths are measured later, in
the metric CRS the analysis uses. A feature that is not a line is named as a problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import shape

from minsheng.collect import messages as msg
from minsheng.collect.geopackage import read_layer
from minsheng.collect.spatial_files import GEOGRAPHIC, geojson_crs, geojson_document
from minsheng.errors import EmptyDocument, UnsupportedFormat
from minsheng.model.observation import CellProblem

GEOJSON = (".geojson", ".json")
GEOPACKAGE = ".gpkg"
_LINES = ("LineString", "MultiLineString")
_SAME_PLACE = {True: 1e-7, False: 0.01}  # degrees or metres: about a centimetre


@dataclass(frozen=True)
class RoadCheck:
    """The network's nodes (in the file's CRS) and edges as node index pairs, or the
    problems (both empty)."""

    nodes: npt.NDArray[np.float64]
    edges: npt.NDArray[np.int64]
    crs: str | None
    geographic: bool
    problems: list[CellProblem] = field(default_factory=list)


def check_road_file(path: Path) -> RoadCheck:
    """Read every line of the file (see the module docstring); all of it or the problems."""
    lines, crs, geographic = _lines(path)
    if not lines:
        raise EmptyDocument(msg.EMPTY_FILE, file=path.name)
    problems = [
        CellProblem(path.name, row, msg.HEADER_GEOMETRY, msg.NOT_A_LINE)
        for row, line in enumerate(lines, start=1)
        if line is None or line.geom_type not in _LINES
    ]
    if problems:
        return RoadCheck(np.zeros((0, 2)), np.zeros((0, 2), np.int64), crs, geographic, problems)
    nodes, edges = _graph(lines, _SAME_PLACE[geographic])
    return RoadCheck(nodes, edges, crs, geographic)


def _lines(path: Path) -> tuple[list[Any], str | None, bool]:
    suffix = path.suffix.lower()
    if suffix in GEOJSON:
        document = geojson_document(path)
        crs = geojson_crs(document)
        features = document.get("features") or []
        found = [_shape(f.get("geometry")) if isinstance(f, dict) else None for f in features]
        return found, crs, crs in GEOGRAPHIC
    if suffix == GEOPACKAGE:
        layer = read_layer(path)
        return list(layer.geometries), layer.crs, layer.geographic
    raise UnsupportedFormat(msg.UNSUPPORTED_ROAD_FORMAT.format(suffix=suffix), file=path.name)


def _shape(geometry: object) -> Any:
    try:
        return shape(geometry) if isinstance(geometry, dict) else None
    except (ValueError, TypeError, AttributeError, shapely.errors.GEOSException):
        return None


def _graph(
    lines: list[Any], tolerance: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Nodes (vertices merged by place) and the edges between consecutive vertices."""
    parts = shapely.get_parts(np.asarray(lines, dtype=object))
    coords, owner = shapely.get_coordinates(parts, return_index=True)
    key = np.round(coords / tolerance).astype(np.int64)
    _, first, node = np.unique(key, axis=0, return_index=True, return_inverse=True)
    node = node.reshape(-1)
    same_line = owner[1:] == owner[:-1]
    edges = np.column_stack([node[:-1][same_line], node[1:][same_line]])
    return coords[first], edges[edges[:, 0] != edges[:, 1]]
