"""Facilities and where people live, imported from files: every row checked first (each
bad cell named), coordinates converted to WGS84, each point placed in its district, then
stored as one layer per facility type (or one of residents) as of a date — all or nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session

from minsheng.analytics.coordinates import to_wgs84
from minsheng.collect.candidates import check_candidate_file
from minsheng.collect.facilities import FacilityRow, check_facility_file
from minsheng.collect.residents import check_resident_file
from minsheng.collect.roads import check_road_file
from minsheng.errors import EmptyDocument, InputProblem
from minsheng.model.observation import CellProblem
from minsheng.store.repositories import audit
from minsheng.store.repositories.point_layers import (
    FACILITIES,
    RESIDENTS,
    FacilityPoint,
    LayerKey,
    PointColumns,
    add_facilities,
    add_residents,
    replace_layer,
)
from minsheng.store.tables import PointLayer, Region
from minsheng.usecases.clock import beijing_today
from minsheng.usecases.observations import ObservationFileRejected
from minsheng.usecases.points import DEFAULT_CRS, Placed, city_of, placed
from minsheng.usecases.read.access import Roads
from minsheng.usecases.read.siting import Candidates

EMPTY = "the file holds no points"
NEEDS_CRS = "x/y columns need their CRS: pass --crs, e.g. EPSG:4548 (or give lon/lat columns)"


class PointFileRejected(ObservationFileRejected):
    """A facility or resident file with problems: every one listed, nothing stored."""

    code = "point_file_rejected"


@dataclass(frozen=True)
class LayerImport:
    type_code: str
    points: int
    replaced: bool


@dataclass(frozen=True)
class PointImport:
    """What an import stored: a layer per facility type (or the residents' one)."""

    city: str
    as_of: date
    crs: str
    layers: tuple[LayerImport, ...]
    outside: int
    """Points in none of the city's districts (kept, counted city-wide only)."""


@dataclass(frozen=True)
class ImportOptions:
    """Where the points belong and how to read them: the city's plan (found from the
    points if not named), the CRS of the file's coordinates, the date they describe."""

    plan: str | None = None
    crs: str | None = None
    as_of: date | None = None
    is_sample: bool = False


def import_facilities(
    session: Session, *, path: Path, options: ImportOptions, author: str
) -> PointImport:
    """Check the whole file, then store each facility type's points as a layer."""
    checked = check_facility_file(path)
    _refuse(checked.problems, path)
    if not checked.rows:
        raise EmptyDocument(EMPTY, file=path.name)
    crs = _crs(options, checked.crs, geographic=checked.geographic, path=path)
    x, y = (np.array([getattr(r, axis) for r in checked.rows]) for axis in ("x", "y"))
    named = [r.region for r in checked.rows]
    points, city = _placed(session, x, y, named, path=path, options=options, crs=crs)
    as_of = options.as_of or beijing_today()
    stored = []
    for type_code, indices in _by_type(checked.rows).items():
        key = LayerKey(city.id, FACILITIES, type_code, as_of)
        layer, replaced = _new_layer(
            session, key, path=path, crs=crs, author=author, options=options
        )
        rows = [_facility(checked.rows[i], points, i) for i in indices]
        add_facilities(session, layer.id, rows)
        stored.append(LayerImport(type_code, len(rows), replaced))
    return _recorded(
        session,
        PointImport(city.name, as_of, crs, tuple(stored), points.outside),
        FACILITIES,
        path,
        author,
    )


def import_residents(
    session: Session, *, path: Path, options: ImportOptions, author: str
) -> PointImport:
    """Check the whole file, then store its points (or grid cells) as the residents' layer."""
    checked = check_resident_file(path)
    _refuse(checked.problems, path)
    if not len(checked.x):
        raise EmptyDocument(EMPTY, file=path.name)
    crs = _crs(options, checked.crs, geographic=checked.geographic, path=path)
    points, city = _placed(
        session, checked.x, checked.y, checked.region, path=path, options=options, crs=crs
    )
    as_of = options.as_of or beijing_today()
    key = LayerKey(city.id, RESIDENTS, "", as_of)
    layer, replaced = _new_layer(session, key, path=path, crs=crs, author=author, options=options)
    columns = PointColumns(points.lon, points.lat, checked.population, points.region_id)
    add_residents(session, layer.id, columns)
    stored = (LayerImport("", len(points.lon), replaced),)
    return _recorded(
        session, PointImport(city.name, as_of, crs, stored, points.outside), RESIDENTS, path, author
    )


def _crs(options: ImportOptions, declared: str | None, *, geographic: bool, path: Path) -> str:
    """The CRS asked for, else the file's own, else WGS84 for lon/lat columns; plane x/y
    columns without a CRS cannot be placed."""
    crs = options.crs or declared or (DEFAULT_CRS if geographic else None)
    if crs is None:
        raise InputProblem(NEEDS_CRS, file=path.name, field="crs")
    return crs


def _refuse(problems: list[CellProblem], path: Path) -> None:
    if problems:
        raise PointFileRejected(problems, file=path.name)


def _placed(
    session: Session,
    x: np.ndarray,
    y: np.ndarray,
    named: Sequence[str | None],
    *,
    path: Path,
    options: ImportOptions,
    crs: str,
) -> tuple[Placed, Region]:
    lon, lat = to_wgs84(x, y, crs)
    city = city_of(session, plan=options.plan, lon=lon, lat=lat)
    points, problems = placed(session, city, lon, lat, named, file=path.name)
    _refuse(problems, path)
    return points, city


def _by_type(rows: list[FacilityRow]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        found[row.type_code].append(index)
    return dict(sorted(found.items()))


def _facility(row: FacilityRow, points: Placed, index: int) -> FacilityPoint:
    region = int(points.region_id[index])
    return FacilityPoint(
        row.name,
        float(points.lon[index]),
        float(points.lat[index]),
        row.capacity,
        row.status,
        None if region < 0 else region,
    )


def _new_layer(
    session: Session, key: LayerKey, *, path: Path, crs: str, author: str, options: ImportOptions
) -> tuple[PointLayer, bool]:
    return replace_layer(
        session, key, source=path.name, crs=crs, author=author, is_sample=options.is_sample
    )


def _recorded(
    session: Session, found: PointImport, kind: str, path: Path, author: str
) -> PointImport:
    detail = {
        "file": path.name,
        "city": found.city,
        "as_of": found.as_of.isoformat(),
        "layers": {(layer.type_code or kind): layer.points for layer in found.layers},
        "outside": found.outside,
    }
    audit.record(
        session, username=author, action="import", entity=kind, entity_id=None, detail=detail
    )
    return found


def read_candidates(path: Path, *, crs: str | None = None) -> Candidates:
    """Candidate sites from a file of points, in WGS84 (every bad row named)."""
    checked = check_candidate_file(path)
    _refuse(checked.problems, path)
    options = ImportOptions(crs=crs)
    lon, lat = to_wgs84(
        checked.x, checked.y, _crs(options, checked.crs, geographic=checked.geographic, path=path)
    )
    return Candidates(lon, lat)


def read_roads(path: Path, *, crs: str | None = None) -> Roads:
    """A road network from a file of lines, in WGS84 (every feature not a line named)."""
    checked = check_road_file(path)
    _refuse(checked.problems, path)
    given = _crs(ImportOptions(crs=crs), checked.crs, geographic=checked.geographic, path=path)
    lon, lat = to_wgs84(checked.nodes[:, 0], checked.nodes[:, 1], given)
    return Roads(lon, lat, checked.edges)
