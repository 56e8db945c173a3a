"""A GeoPackage's feature layer read with the standard library's sqlite3 and shapely, so
that no GDAL is needed at run time (OGC GeoPackage 1.3).

The layer is the first feature table listed in `gpkg_contents` (or the one named); its
geometry column and srs_id come from `gpkg_geometry_columns`, its CRS from
`gpkg_spatial_ref_sys`. Each geometry blob is a GeoPackage header (magic "GP", version,
flags, srs_id, an optional envelope) followed by standard WKB, which shapely parses.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from minsheng.collect import messages as msg
from minsheng.errors import EmptyDocument, InputProblem, UnreadableDocument

_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
_EMPTY_FLAG = 0x10


@dataclass(frozen=True)
class Layer:
    """A feature table: its attribute columns, its rows (the geometry blob last), its
    geometries parsed (None where empty or missing), the indices of the blobs that could not
    be parsed, and its CRS (EPSG:nnnn, None if undefined) and whether that is geographic."""

    headers: list[str]
    rows: list[tuple[Any, ...]]
    column: str
    geometries: Any
    bad: list[int]
    crs: str | None
    geographic: bool


def read_layer(path: Path, layer: str | None = None) -> Layer:
    """Read one feature layer; `InputProblem` (naming the file) when it cannot be."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            table, column, srs = _feature_table(db, path, layer)
            names = [row[1] for row in db.execute(f"PRAGMA table_info({_quote(table)})")]
            headers = [name for name in names if name != column]
            selected = ", ".join(map(_quote, [*headers, column]))
            rows = db.execute(f"SELECT {selected} FROM {_quote(table)}").fetchall()
            crs, geographic = _geopackage_crs(db, srs)
    except sqlite3.Error as error:
        reason = msg.UNREADABLE_GEOPACKAGE.format(reason=error)
        raise UnreadableDocument(reason, file=path.name) from error
    if not rows:
        raise EmptyDocument(msg.EMPTY_FILE, file=path.name)
    geometries, bad = _wkb_geometries([row[-1] for row in rows])
    return Layer(headers, rows, column, geometries, bad, crs, geographic)


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
    """GeoPackage geometry blobs → shapely geometries (None where empty or missing), and
    the indices of those that cannot be read. A layer's blobs share a few headers, so each
    distinct header's meaning is worked out once."""
    heads = [blob[:4] if isinstance(blob, bytes) else None for blob in blobs]
    starts = {head: _wkb_start(head) for head in set(heads)}
    wkbs = [
        blob[start:] if blob is not None and (start := starts[head] or 0) > 0 else None
        for head, blob in zip(heads, blobs, strict=True)
    ]
    geometries = shapely.from_wkb(np.array(wkbs, dtype=object), on_invalid="ignore")
    unread = np.flatnonzero(shapely.is_missing(geometries)).tolist()
    bad = [i for i in unread if wkbs[i] is not None or starts[heads[i]] == _UNREADABLE]
    return geometries, bad


_UNREADABLE = -1


def _wkb_start(head: bytes | None) -> int | None:
    """Where the WKB starts under a header (magic GP, version, flags; then srs_id and an
    optional envelope): None for a missing or empty geometry, `_UNREADABLE` for no header."""
    if head is None:
        return None
    if len(head) < 4 or head[:2] != b"GP":
        return _UNREADABLE
    if head[3] & _EMPTY_FLAG:
        return None
    envelope = _ENVELOPE_BYTES.get((head[3] >> 1) & 0b111)
    return _UNREADABLE if envelope is None else 8 + envelope
