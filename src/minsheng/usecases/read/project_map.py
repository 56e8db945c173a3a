"""The located key projects of one plan for the list page's map: the city's district
outlines (the facilities page's component) with a point per project, in GCJ-02 as the
outlines are drawn."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from minsheng.analytics.coordinates import wgs84_to_gcj02
from minsheng.data.boundaries import district_map
from minsheng.usecases.read.projects import ProjectRow

MAX_POINTS = 2000


def project_map(city_code: str | None, rows: Sequence[ProjectRow]) -> dict[str, Any] | None:
    """The map's data, or None when the city has no outlines or no project a location."""
    located: list[tuple[ProjectRow, float, float]] = [
        (row, row.lon, row.lat) for row in rows if row.lon is not None and row.lat is not None
    ][:MAX_POINTS]
    if not city_code or not located or district_map(city_code) is None:
        return None
    lon, lat = wgs84_to_gcj02([p[1] for p in located], [p[2] for p in located])
    points = [
        [round(float(x), 6), round(float(y), 6), row.name, row.id, row.status]
        for x, y, (row, _, _) in zip(lon, lat, located, strict=True)
    ]
    return {"mapUrl": f"/maps/districts/{city_code}.json", "mapName": city_code, "points": points}
