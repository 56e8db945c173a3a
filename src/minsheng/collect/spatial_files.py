"""Files of points (facilities, where residents live) read into columns of text plus,
for formats with geometries, one point per feature.

Formats, by suffix:

- `.csv`, `.xlsx`: as `readers.read_table_file` reads them (encodings, header row,
  Chinese or English headers); coordinates are the X/Y or 经度/纬度 columns. They declare
  no CRS.
- `.geojson`, `.json`: a FeatureCollection; each feature's properties are its columns, and
  its geometry gives the point. RFC 7946 GeoJSON is WGS 84 longitude/latitude
  (EPSG:4326); a legacy `crs` member naming an EPSG code is honoured.
- `.gpkg`: the first feature layer (or the one named by `layer`), read by `geopackage`
  with sqlite3 and shapely, no GDAL; its CRS is its `gpkg_spatial_ref_sys` EPSG code.

A Point geometry is its own point; any other (MultiPoint, polygons of a grid) becomes a
point inside it, its representative point (`point_on_surface`, for facilities) or its
centroid (for resident grid cells). Features are numbered from 1 in file order; that
number is the row a problem names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import shapely

from minsheng.collect import messages as msg
from minsheng.collect.geopackage import read_layer
from minsheng.collect.numbers import FloatArray
from minsheng.collect.readers import TableLayout, header_map, read_table_file
from minsheng.collect.records import Records
from minsheng.errors import (
    EmptyDocument,
    InputProblem,
    NotFound,
    UnreadableDocument,
    UnsupportedFormat,
)
from minsheng.runtime import gc_paused

Placement = Literal["representative", "centroid"]
WGS84 = "EPSG:4326"
GEOGRAPHIC = frozenset({"EPSG:4326", "EPSG:4490", "EPSG:4214", "EPSG:4610"})
_EPSG = re.compile(r"EPSG:{1,2}(?:[0-9.]*:)?([0-9]+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Geometries:
    """One point per feature (NaN where there is none, and `problems` says why)."""

    x: FloatArray
    y: FloatArray
    column: str
    problems: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SpatialTable:
    """A file's columns as text, its points when it has geometries, and its CRS."""

    records: Records
    crs: str | None = None
    geometries: Geometries | None = None
    geographic: bool = False
    """Whether the geometries are longitude/latitude rather than projected x/y."""


def read_spatial_file(
    path: Path, layout: TableLayout, *, place: Placement, layer: str | None = None
) -> SpatialTable:
    """Read a CSV, XLSX, GeoJSON or GeoPackage file (see the module docstring)."""
    with gc_paused():
        return _read(path, layout, place, layer)


def _read(path: Path, layout: TableLayout, place: Placement, layer: str | None) -> SpatialTable:
    if not path.is_file():
        raise NotFound(msg.FILE_NOT_FOUND.format(file=path))
    suffix = path.suffix.lower()
    if suffix in {".csv", ".xlsx", ".xlsm", ".xls"}:  # .xls: readers says to save as .xlsx
        return SpatialTable(read_table_file(path, layout))
    if suffix in {".geojson", ".json"}:
        return _read_geojson(path, layout, place)
    if suffix == ".gpkg":
        return _read_geopackage(path, layout, place, layer)
    suffix_text = suffix or path.name
    raise UnsupportedFormat(
        msg.UNSUPPORTED_SPATIAL_FORMAT.format(suffix=suffix_text), file=path.name
    )


def _table(
    path: Path, layout: TableLayout, headers: Sequence[str], rows: Sequence[Sequence[Any]]
) -> Records:
    """Records of attribute rows (feature order, numbered from 1) under `headers`."""
    found = {f: i for f, i in header_map(headers, layout).items() if f not in _COORDINATES}
    missing = [f for f in layout.required if f not in found]
    if missing:
        named = "、".join(
            msg.MISSING_COLUMN.format(label=layout.labels[f], field=f) for f in missing
        )
        raise InputProblem(msg.MISSING_COLUMNS.format(columns=named), file=path.name)
    texts = {f: _texts([row[i] for row in rows]) for f, i in found.items()}
    columns = {f: str(headers[i]) for f, i in found.items()}
    return Records(path.name, None, list(range(1, len(rows) + 1)), texts, columns)


_COORDINATES = frozenset({"x", "y", "lon", "lat"})


def _texts(values: list[Any]) -> list[str]:
    """A column's values as the text a CSV would hold; whole columns of one type at once."""
    kinds = set(map(type, values))
    if kinds == {str}:
        return list(map(str.strip, values))
    if kinds == {int}:
        return list(map(str, values))
    return [_text(value) for value in values]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _points(geometries: Any, column: str, place: Placement) -> Geometries:
    """Each geometry's point; why there is none where a geometry is missing or empty."""
    geometries = np.asarray(geometries, dtype=object)
    missing = shapely.is_missing(geometries)
    empty = ~missing & shapely.is_empty(geometries)
    others = ~empty & (shapely.get_type_id(geometries) > 0)  # not a point (missing: -1)
    points = geometries.copy()
    if others.any():
        pick = shapely.centroid if place == "centroid" else shapely.point_on_surface
        points[others] = pick(geometries[others])
    points[empty] = None
    x, y = shapely.get_x(points), shapely.get_y(points)
    problems = {int(i): msg.NO_GEOMETRY for i in np.flatnonzero(missing | empty)}
    return Geometries(np.asarray(x, np.float64), np.asarray(y, np.float64), column, problems)


# --- GeoJSON -------------------------------------------------------------------------------


def _read_geojson(path: Path, layout: TableLayout, place: Placement) -> SpatialTable:
    document = geojson_document(path)
    features = document.get("features")
    if document.get("type") != "FeatureCollection" or not isinstance(features, list):
        raise UnreadableDocument(msg.NOT_A_FEATURE_COLLECTION, file=path.name)
    if not features:
        raise EmptyDocument(msg.EMPTY_FILE, file=path.name)
    properties = [_properties(feature) for feature in features]
    headers, rows = _property_rows(properties, layout)
    geometries, bad = _geojson_geometries(features)
    points = _points(geometries, msg.HEADER_GEOMETRY, place)
    points.problems.update(dict.fromkeys(bad, msg.BAD_GEOMETRY))
    crs = geojson_crs(document)
    records = _table(path, layout, headers, rows)
    return SpatialTable(records, crs, points, geographic=crs in GEOGRAPHIC)


def _properties(feature: object) -> dict[str, Any]:
    found = feature.get("properties") if isinstance(feature, dict) else None
    return found if isinstance(found, dict) else {}


def _property_rows(
    properties: list[dict[str, Any]], layout: TableLayout
) -> tuple[list[str], list[list[Any]]]:
    """One column per field, headed by the first key naming it: features from different
    sources may name a field differently (名称 in one, name in another)."""
    keys: dict[str, list[str]] = {}
    for key in dict.fromkeys(key for found in properties for key in found):
        for field_name in header_map([key], layout):
            keys.setdefault(field_name, []).append(key)
    rows = [
        [next((found[k] for k in named if found.get(k) not in (None, "")), None)
         for named in keys.values()]
        for found in properties
    ]  # fmt: skip
    return [named[0] for named in keys.values()], rows


def geojson_document(path: Path) -> dict[str, Any]:
    data = path.read_bytes()
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        reason = msg.UNREADABLE_GEOJSON.format(reason=error)
        raise UnreadableDocument(reason, file=path.name) from error
    if not isinstance(document, dict):
        raise UnreadableDocument(msg.NOT_A_FEATURE_COLLECTION, file=path.name)
    return document


def _geojson_geometries(features: list[Any]) -> tuple[list[Any], list[int]]:
    """Each feature's shapely geometry (None if it has none), and the unreadable ones."""
    geometries: list[Any] = []
    bad: list[int] = []
    for index, feature in enumerate(features):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        try:
            geometries.append(shapely.geometry.shape(geometry) if geometry else None)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError,
                shapely.errors.GEOSException):  # fmt: skip
            geometries.append(None)
            bad.append(index)
    return geometries, bad


def geojson_crs(document: dict[str, Any]) -> str:
    """EPSG:4326 (RFC 7946), or the EPSG code a legacy `crs` member names."""
    crs = document.get("crs")
    name = crs.get("properties", {}).get("name", "") if isinstance(crs, dict) else ""
    if isinstance(name, str) and (match := _EPSG.search(name.strip())):
        return f"EPSG:{match[1]}"
    return WGS84  # RFC 7946, or a legacy name such as urn:ogc:def:crs:OGC:1.3:CRS84


# --- GeoPackage ----------------------------------------------------------------------------


def _read_geopackage(
    path: Path, layout: TableLayout, place: Placement, layer: str | None
) -> SpatialTable:
    found = read_layer(path, layer)
    points = _points(found.geometries, found.column, place)
    points.problems.update(dict.fromkeys(found.bad, msg.BAD_GEOMETRY))
    records = _table(path, layout, found.headers, found.rows)
    return SpatialTable(records, found.crs, points, found.geographic)
