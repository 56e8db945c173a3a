"""Where each row of a facility or resident file is: its two coordinates as numbers, and
every problem with them, whichever way the file gives them (X/Y or 经度/纬度 columns, or
geometries)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from minsheng.collect import messages as msg
from minsheng.collect.numbers import FloatArray, Issue, number_issues, read_numbers
from minsheng.collect.spatial_files import Geometries, SpatialTable
from minsheng.errors import InputProblem

_PAIRS = (("x", "y"), ("lon", "lat"))


@dataclass(frozen=True)
class Positions:
    """Coordinates (NaN where a row has none), whether they are longitude/latitude, the
    problems found, and the columns they came from (fields "x" and "y")."""

    x: FloatArray
    y: FloatArray
    geographic: bool
    issues: list[Issue]
    columns: dict[str, str]


def read_positions(table: SpatialTable, labels: Mapping[str, str]) -> Positions:
    """The table's coordinates; `InputProblem` when it has no pair of coordinate columns
    or has both (X/Y beside 经度/纬度: which to trust is the user's call, not ours)."""
    if table.geometries is not None:
        return _from_geometries(table.geometries, geographic=table.geographic)
    texts, columns = table.records.texts, table.records.columns
    present = [pair for pair in _PAIRS if all(field in texts for field in pair)]
    if len(present) != 1:
        raise _column_problem(table, present)
    (east, north), geographic = present[0], present[0] == _PAIRS[1]
    issues: list[Issue] = []
    values: list[FloatArray] = []
    named: dict[str, str] = {}
    for field, name in (("x", east), ("y", north)):
        named[field] = label = columns.get(name) or labels[name]
        column = read_numbers(texts[name])
        issues += number_issues(field, column, texts[name], label, required=True)
        values.append(column.values)
    if geographic:
        issues += _range_issues(values[0], values[1])
    return Positions(values[0], values[1], geographic, issues, named)


def _column_problem(table: SpatialTable, present: list[tuple[str, str]]) -> InputProblem:
    columns = table.records.columns
    if not present:
        return InputProblem(msg.MISSING_COORDINATES, file=table.records.file, field="x,y")
    xy, lonlat = ("/".join(columns[field] for field in pair) for pair in _PAIRS)
    both = msg.BOTH_COORDINATES.format(xy=xy, lonlat=lonlat)
    return InputProblem(both, file=table.records.file, field="x,y,lon,lat")


def _from_geometries(geometries: Geometries, *, geographic: bool) -> Positions:
    missing = np.zeros(len(geometries.x), dtype=np.bool_)
    missing[list(geometries.problems)] = True
    issues = [Issue("x", missing, geometries.problems.__getitem__)]
    if geographic:
        issues += _range_issues(geometries.x, geometries.y)
    columns = {"x": geometries.column, "y": geometries.column}
    return Positions(geometries.x, geometries.y, geographic, issues, columns)


def _range_issues(lon: FloatArray, lat: FloatArray) -> list[Issue]:
    """Finite longitudes beyond ±180° and latitudes beyond ±90° (NaN, inf: not numbers)."""
    with np.errstate(invalid="ignore"):
        far_lon = np.isfinite(lon) & (np.abs(lon) > 180.0)
        far_lat = np.isfinite(lat) & (np.abs(lat) > 90.0)
    return [
        Issue("x", far_lon, lambda i: msg.LONGITUDE_OUT_OF_RANGE.format(value=_shown(lon[i]))),
        Issue("y", far_lat, lambda i: msg.LATITUDE_OUT_OF_RANGE.format(value=_shown(lat[i]))),
    ]


def _shown(value: float) -> str:
    return f"{value:g}"
