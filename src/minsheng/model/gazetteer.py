"""Known regions with their GB/T 2260 codes: every province, prefecture-level city and
county-level unit of China (data/regions.csv, built by scripts/build_gazetteer.py).

Levels: `province`; `city` (prefecture level, and the few county-level units a province
administers directly, such as 济源市); `district` (市辖区) and `county` (县, 旗 and
county-level cities, which GB/T 2260 numbers 81–99). County-level names repeat across
the country (鼓楼区 four times), so a name alone may name several regions.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class KnownRegion:
    code: str
    name: str
    level: str
    parent_code: str | None


@cache
def known_regions() -> dict[str, KnownRegion]:
    """Regions by code, read once from the bundled CSV."""
    text = files("minsheng.model").joinpath("data/regions.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return {
        row["code"]: KnownRegion(row["code"], row["name"], row["level"], row["parent_code"] or None)
        for row in rows
    }


def find_region(name: str) -> KnownRegion | None:
    """The region of this name, the first by code when the name repeats."""
    named = regions_named(name)
    return named[0] if named else None


def regions_named(name: str) -> list[KnownRegion]:
    """Every region of this name, by code."""
    return list(_by_name().get(name, ()))


def known_children(code: str | None) -> tuple[KnownRegion, ...]:
    """The regions directly under the region of this code, by code (none without a code)."""
    return _by_parent().get(code, ()) if code else ()


@cache
def _by_parent() -> dict[str, tuple[KnownRegion, ...]]:
    found: dict[str, list[KnownRegion]] = {}
    for region in sorted(known_regions().values(), key=lambda r: r.code):
        if region.parent_code:
            found.setdefault(region.parent_code, []).append(region)
    return {code: tuple(regions) for code, regions in found.items()}


@cache
def _by_name() -> dict[str, tuple[KnownRegion, ...]]:
    found: dict[str, list[KnownRegion]] = {}
    for region in sorted(known_regions().values(), key=lambda r: r.code):
        found.setdefault(region.name, []).append(region)
    return {name: tuple(regions) for name, regions in found.items()}


class CountyType(StrEnum):
    """What a county-level unit is, for the split between 城区 and 县 (GB/T 2260: a
    市辖区 numbered 01–20, a 县 or 旗 21–80, a county-level city 81–99)."""

    URBAN_DISTRICT = "urban_district"
    COUNTY = "county"
    COUNTY_CITY = "county_city"


def county_type(region: KnownRegion) -> CountyType | None:
    """The kind of a county-level unit; None above county level."""
    if region.level == "district":
        return CountyType.URBAN_DISTRICT
    if region.level != "county":
        return None
    return CountyType.COUNTY_CITY if int(region.code[-2:]) >= 81 else CountyType.COUNTY


def province_of(region: KnownRegion) -> KnownRegion | None:
    """Walk up the hierarchy to the province."""
    current: KnownRegion | None = region
    while current is not None and current.level != "province":
        current = known_regions().get(current.parent_code or "")
    return current
