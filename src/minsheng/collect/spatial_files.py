"""Files of points (facilities, where residents live) read into columns of text plus,
for formats with geometries, one point per feature.

Formats, by suffix:

- `.csv`, `.xlsx`: as `readers.read_table_file` reads them (encodings, header row,
  Chinese or English headers); coordinates are the X/Y or 经度/纬度 columns. They declare
  no CRS.
- `.geojson`, `.json`: a FeatureCollection; each feature's properties are its columns, and
  its geometry gives the point. RFC 7946 GeoJSON is WGS 84 longitude/latitude
  (EPSG:4326); a legacy `crs` member naming an EPSG code is honoured.
- `.gpkg`: the first feature table of `gpkg_contents` (or the one named by `layer`),
  read with the standard library's sqlite3: each geometry blob's GeoPackage header is
  skipped and the WKB under it parsed by shapely, so no GDAL is needed. Its CRS is its
  `gpkg_spatial_ref_sys` entry's EPSG code.

A Point geometry is its own point; any other (MultiPoint, polygons of a grid) becomes a
point inside it, its representative point (`point_on_surface`, for facilities) or its
centroid (for resident grid cells). Features are numbered from 1 in file order; that
number is the row a problem names.
"""

from __future__ import annotations

import gc
import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import shapely

from minsheng.collect import messages as msg
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

Placement = Literal["representative", "centroid"]
WGS84 = "EPSG:4326"
_GEOGRAPHIC = frozenset({"EPSG:4326", "EPSG:4490", "EPSG:4214", "EPSG:4610"})
_EPSG = re.compile(r"EPSG:{1,2}(?:[0-9.]*:)?([0-9]+)$", re.IGNORECASE)
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
_EMPTY_FLAG = 0x10


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
    with _collector_paused():
        return _read(path, layout, place, layer)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a file is read: a million rows make millions
    of small objects and no cycles, and each collection would walk them all again (it
    trebles the time of reading a million CSV rows)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(path: Path, layout: TableLayout, place: Placement, layer: str | None) -> SpatialTable:
    if not path.is_file():
        raise NotFound(msg.FILE_NOT_FOUND.format(file=path))
    suffix = path.suffix.lower()
    if suffix in {".csv", ".xlsx", ".xlsm"}:
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
    texts = {f: [_text(row[i]) for row in rows] for f, i in found.items()}
    columns = {f: str(headers[i]) for f, i in found.items()}
    return Records(path.name, None, list(range(1, len(rows) + 1)), texts, columns)


_COORDINATES = frozenset({"x", "y", "lon", "lat"})


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
    document = _geojson_document(path)
    features = document.get("features")
    if document.get("type") != "FeatureCollection" or not isinstance(features, list):
        raise UnreadableDocument(msg.NOT_A_FEATURE_COLLECTION, file=path.name)
    if not features:
        raise EmptyDocument(msg.EMPTY_FILE, file=path.name)
    properties = [feature.get("properties") or {} for feature in features]
    headers = list(dict.fromkeys(key for found in properties for key in found))
    rows = [[found.get(key) for key in headers] for found in properties]
    geometries, bad = _geojson_geometries(features)
    points = _points(geometries, msg.HEADER_GEOMETRY, place)
    points.problems.update(dict.fromkeys(bad, msg.BAD_GEOMETRY))
    crs = _geojson_crs(document)
    records = _table(path, layout, headers, rows)
    return SpatialTable(records, crs, points, geographic=crs in _GEOGRAPHIC)


def _geojson_document(path: Path) -> dict[str, Any]:
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


def _geojson_crs(document: dict[str, Any]) -> str:
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
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as connection:
            table, column, srs = _feature_table(connection, path, layer)
            names = [row[1] for row in connection.execute(f"PRAGMA table_info({_quote(table)})")]
            headers = [name for name in names if name != column]
            selected = ", ".join(map(_quote, [*headers, column]))
            rows = connection.execute(f"SELECT {selected} FROM {_quote(table)}").fetchall()
            crs, geographic = _geopackage_crs(connection, srs)
    except sqlite3.Error as error:
        reason = msg.UNREADABLE_GEOPACKAGE.format(reason=error)
        raise UnreadableDocument(reason, file=path.name) from error
    if not rows:
        raise EmptyDocument(msg.EMPTY_FILE, file=path.name)
    geometries, bad = _wkb_geometries([row[-1] for row in rows])
    points = _points(geometries, column, place)
    points.problems.update(dict.fromkeys(bad, msg.BAD_GEOMETRY))
    return SpatialTable(_table(path, layout, headers, rows), crs, points, geographic)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _feature_table(
    connection: sqlite3.Connection, path: Path, layer: str | None
) -> tuple[str, str, int]:
    """The layer's table, geometry column and srs_id: the first feature table by default."""
    tables = connection.execute(
        "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c "
        "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
        "WHERE c.data_type = 'features' ORDER BY c.rowid"
    ).fetchall()
    if not tables:
        raise EmptyDocument(msg.NO_FEATURE_LAYER, file=path.name)
    if layer is None:
        return tables[0]
    for found in tables:
        if found[0] == layer:
            return found
    layers = "、".join(found[0] for found in tables)
    unknown = msg.UNKNOWN_LAYER.format(layer=layer, layers=layers)
    raise InputProblem(unknown, file=path.name, field="layer")


def _geopackage_crs(connection: sqlite3.Connection, srs_id: int) -> tuple[str | None, bool]:
    """The layer's CRS as EPSG:nnnn (None if undefined), and whether it is geographic."""
    found = connection.execute(
        "SELECT organization, organization_coordsys_id, definition "
        "FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
        (srs_id,),
    ).fetchone()
    if found is None or str(found[0]).upper() != "EPSG" or int(found[1]) <= 0:
        return None, srs_id == 0  # 0: undefined geographic, -1: undefined Cartesian
    definition = str(found[2] or "").lstrip().upper()
    return f"EPSG:{int(found[1])}", definition.startswith(("GEOGCS", "GEOGCRS", "GEODCRS"))


def _wkb_geometries(blobs: Sequence[bytes | None]) -> tuple[Any, list[int]]:
    """GeoPackage geometry blobs → shapely geometries (None where empty or missing)."""
    wkbs: list[bytes | None] = []
    bad: list[int] = []
    for index, blob in enumerate(blobs):
        wkb = _wkb(blob)
        if wkb is None and blob is not None and not _empty(blob):
            bad.append(index)
        wkbs.append(wkb)
    geometries = shapely.from_wkb(np.array(wkbs, dtype=object), on_invalid="ignore")
    parsed = ~shapely.is_missing(geometries)
    bad.extend(i for i, wkb in enumerate(wkbs) if wkb is not None and not parsed[i])
    return geometries, bad


def _wkb(blob: bytes | None) -> bytes | None:
    """The WKB under a GeoPackage header: magic GP, version, flags, srs_id, envelope."""
    if not isinstance(blob, bytes) or blob[:2] != b"GP" or len(blob) < 8 or _empty(blob):
        return None
    envelope = _ENVELOPE_BYTES.get((blob[3] >> 1) & 0b111)
    return None if envelope is None else blob[8 + envelope :]


def _empty(blob: bytes) -> bool:
    return len(blob) >= 4 and blob[:2] == b"GP" and bool(blob[3] & _EMPTY_FLAG)
