"""Known regions with their GB/T 2260 codes: the bundled provinces, cities and counties.

The list covers the provinces and cities of the bundled plans; county-level cities are
recorded at county level, as GB/T 2260 places them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
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
    return next((r for r in known_regions().values() if r.name == name), None)


def province_of(region: KnownRegion) -> KnownRegion | None:
    """Walk up the hierarchy to the province."""
    current: KnownRegion | None = region
    while current is not None and current.level != "province":
        current = known_regions().get(current.parent_code or "")
    return current
