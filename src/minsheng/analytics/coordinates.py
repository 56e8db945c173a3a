"""Coordinates as facility and resident files give them, brought to one frame: WGS 84
longitude and latitude to store, and a metric plane (metres) to measure distances in.

GCJ-02 is the obfuscated datum Chinese web maps (高德, 腾讯) publish; it is WGS 84 shifted
by a published nonlinear formula of a few hundred metres. `wgs84_to_gcj02` is that formula
(Krasovsky ellipsoid constants, as every public implementation uses); `gcj02_to_wgs84`
inverts it by fixed-point iteration to below 1e-9° (~0.1 mm), since it has no closed form.
Outside China's rough bounding box (72.004–137.8347°E, 0.8293–55.8271°N, the box the
formula's users agree on) GCJ-02 is defined as WGS 84 itself: both are the identity there.

Distances are measured in the CGCS2000 3-degree Gauss–Krüger zone whose central meridian
is nearest the data (`metric_crs_for`): within ±1.5° of it the scale error is below
0.04 %, so a 15-minute walking radius of 1 km is off by under half a metre.
"""

from __future__ import annotations

import threading
from functools import cache

import numpy as np
import numpy.typing as npt
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from minsheng.errors import InputProblem

FloatArray = npt.NDArray[np.float64]
ArrayLike = npt.ArrayLike

WGS84 = "EPSG:4326"
GCJ02 = "GCJ02"
_GCJ02_NAMES = frozenset({"GCJ02", "GCJ-02"})
_KRASOVSKY_A = 6378245.0
_KRASOVSKY_EE = 0.00669342162296594323
_CHINA_LON = (72.004, 137.8347)
_CHINA_LAT = (0.8293, 55.8271)
_TOLERANCE = 1e-9
_MAX_ITERATIONS = 50
_FIRST_ZONE_EPSG, _FIRST_MERIDIAN, _LAST_MERIDIAN = 4534, 75, 135
_local = threading.local()


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """WGS 84 → GCJ-02 by the published formula; the identity outside China."""
    lon, lat = _floats(lon), _floats(lat)
    d_lon, d_lat = _offset(lon, lat)
    inside = in_china(lon, lat)
    return np.where(inside, lon + d_lon, lon), np.where(inside, lat + d_lat, lat)


def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """GCJ-02 → WGS 84: the point whose GCJ-02 image is (lon, lat), by fixed-point
    iteration (the shift varies slowly, so each step gains about three digits)."""
    gcj_lon, gcj_lat = _floats(lon), _floats(lat)
    wgs_lon, wgs_lat = gcj_lon.copy(), gcj_lat.copy()
    for _ in range(_MAX_ITERATIONS):
        d_lon, d_lat = _offset(wgs_lon, wgs_lat)
        miss_lon = wgs_lon + d_lon - gcj_lon
        miss_lat = wgs_lat + d_lat - gcj_lat
        wgs_lon -= miss_lon
        wgs_lat -= miss_lat
        if np.nanmax(np.abs(np.concatenate([miss_lon, miss_lat])), initial=0.0) < _TOLERANCE:
            break
    inside = in_china(gcj_lon, gcj_lat)
    return np.where(inside, wgs_lon, gcj_lon), np.where(inside, wgs_lat, gcj_lat)


def in_china(lon: ArrayLike, lat: ArrayLike) -> npt.NDArray[np.bool_]:
    """Whether each point lies in the box where GCJ-02 differs from WGS 84."""
    lon, lat = _floats(lon), _floats(lat)
    return (
        (lon >= _CHINA_LON[0]) & (lon <= _CHINA_LON[1])
        & (lat >= _CHINA_LAT[0]) & (lat <= _CHINA_LAT[1])
    )  # fmt: skip


def _floats(values: ArrayLike) -> FloatArray:
    return np.atleast_1d(np.asarray(values, dtype=np.float64))


def _offset(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The GCJ-02 shift (degrees) at WGS 84 points."""
    x, y = lon - 105.0, lat - 35.0
    d_lat, d_lon = _shift_lat(x, y), _shift_lon(x, y)
    rad_lat = np.radians(lat)
    magic = 1.0 - _KRASOVSKY_EE * np.sin(rad_lat) ** 2
    root = np.sqrt(magic)
    meridian = _KRASOVSKY_A * (1.0 - _KRASOVSKY_EE) / (magic * root)
    parallel = _KRASOVSKY_A / root * np.cos(rad_lat)
    return np.degrees(d_lon / parallel), np.degrees(d_lat / meridian)


def _waves(t: FloatArray, big: float, period: float) -> FloatArray:
    """The formula's sums of sines of one variable."""
    pi_t = np.pi * t
    return (
        (
            (20.0 * np.sin(pi_t) + 40.0 * np.sin(pi_t / 3.0))
            + (big * np.sin(pi_t / 12.0) + 2.0 * big * np.sin(pi_t / period))
        )
        * 2.0
        / 3.0
    )


def _ripple(x: FloatArray) -> FloatArray:
    pi_x = np.pi * x
    return (20.0 * np.sin(6.0 * pi_x) + 20.0 * np.sin(2.0 * pi_x)) * 2.0 / 3.0


def _shift_lat(x: FloatArray, y: FloatArray) -> FloatArray:
    base = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    return base + _ripple(x) + _waves(y, 160.0, 30.0)


def _shift_lon(x: FloatArray, y: FloatArray) -> FloatArray:
    base = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    return base + _ripple(x) + _waves(x, 150.0, 30.0)


# --- Reference systems -------------------------------------------------------------------


def is_gcj02(crs: str) -> bool:
    """Whether `crs` names GCJ-02 (GCJ02 or GCJ-02, any case)."""
    return crs.strip().upper() in _GCJ02_NAMES


def to_wgs84(x: ArrayLike, y: ArrayLike, crs: str) -> tuple[FloatArray, FloatArray]:
    """Points in `crs` ("EPSG:nnnn", or GCJ02) → WGS 84 longitude and latitude."""
    if is_gcj02(crs):
        return gcj02_to_wgs84(x, y)
    return _transform(_transformer(_known(crs), WGS84), x, y)


def metric_crs_for(lon: float) -> str:
    """The CGCS2000 3-degree Gauss–Krüger zone (EPSG:4534 at 75°E … EPSG:4554 at 135°E)
    whose central meridian is nearest `lon`; the end zones beyond China's extent."""
    if not np.isfinite(lon):
        raise InputProblem(f"no zone for longitude {lon}: a finite longitude is needed")
    meridian = min(max(round(lon / 3.0) * 3, _FIRST_MERIDIAN), _LAST_MERIDIAN)
    return f"EPSG:{_FIRST_ZONE_EPSG + (meridian - _FIRST_MERIDIAN) // 3}"


@cache
def metric(crs: str) -> str:
    """`crs` if it is projected in metres (distances can be measured in it), else an
    `InputProblem`: a geographic CRS would measure in degrees."""
    known = _known(crs)
    found = CRS.from_user_input(known)
    units = {axis.unit_name for axis in found.axis_info}
    if not found.is_projected or units - {"metre"}:
        message = f"{crs!r} is not a projected CRS in metres: give one such as EPSG:4548"
        raise InputProblem(message, field="metric_crs")
    return known


def to_metric(lon: ArrayLike, lat: ArrayLike, crs: str) -> tuple[FloatArray, FloatArray]:
    """WGS 84 longitude and latitude → metres east and north in the projected `crs`."""
    return _transform(_transformer(WGS84, _known(crs)), lon, lat)


def from_metric(x: ArrayLike, y: ArrayLike, crs: str) -> tuple[FloatArray, FloatArray]:
    """Metres in the projected `crs` → WGS 84 longitude and latitude."""
    return _transform(_transformer(_known(crs), WGS84), x, y)


def _transform(
    transformer: Transformer, x: ArrayLike, y: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    east, north = transformer.transform(_floats(x), _floats(y))
    return np.asarray(east, dtype=np.float64), np.asarray(north, dtype=np.float64)


@cache
def _known(crs: str) -> str:
    """The CRS as pyproj names it; `InputProblem` when pyproj does not know it."""
    text = crs.strip()
    try:
        CRS.from_user_input(text)
    except CRSError as error:
        message = f"unknown coordinate reference system {crs!r}: give EPSG:nnnn or GCJ02"
        raise InputProblem(message, field="crs") from error
    return text.upper() if text.upper().startswith("EPSG:") else text


def _transformer(source: str, target: str) -> Transformer:
    """One transformer per pair and thread, built once: building one costs milliseconds,
    and pyproj's transformers are not safe to share between threads."""
    cached: dict[tuple[str, str], Transformer] = _local.__dict__.setdefault("cached", {})
    if (found := cached.get((source, target))) is None:
        found = cached[source, target] = Transformer.from_crs(source, target, always_xy=True)
    return found
