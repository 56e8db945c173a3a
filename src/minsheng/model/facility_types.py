"""The kinds of public-service facility the plan counts, and what each should provide
(data/facility_types.csv): its life circle, the walking radius that circle means, the unit
its capacity is counted in and, where the plan or a national norm sets one, how much of it
residents are owed.

Radii follow GB 50180-2018《城市居住区规划设计标准》: a 5-, 10- or 15-minute life circle
is a walk of about 300, 500 or 1,000 m (the standard gives 800–1,000 m for 15 minutes; the
outer value is taken). They are defaults; a caller may measure with another radius.

Norm kinds: `per_thousand_residents` (capacity per 1,000 residents, 托位),
`area_per_hundred_households` (m² per 100 households), `residents_per_facility` (the most
residents one facility should serve), `area_per_resident` (m² per resident).
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

NORM_KINDS = (
    "per_thousand_residents",
    "area_per_hundred_households",
    "residents_per_facility",
    "area_per_resident",
)


@dataclass(frozen=True)
class Norm:
    """How much of a facility residents are owed, with the words and source that say so."""

    kind: str
    value: float
    text: str
    source: str


@dataclass(frozen=True)
class FacilityType:
    """One kind of facility; `aliases` are other names files give it."""

    code: str
    name: str
    minutes: int
    radius_m: float
    capacity_unit: str
    norm: Norm | None
    aliases: tuple[str, ...]


@cache
def facility_types() -> tuple[FacilityType, ...]:
    """Every facility type, in the catalogue's order, read once."""
    text = files("minsheng.model").joinpath("data/facility_types.csv").read_text("utf-8")
    return tuple(map(_facility_type, csv.DictReader(text.splitlines())))


def facility_type(text: str) -> FacilityType | None:
    """The type this code, name or alias names (width, case and spaces ignored)."""
    return _by_name().get(_key(text))


def _facility_type(row: dict[str, str]) -> FacilityType:
    norm = None
    if row["norm_kind"]:
        if row["norm_kind"] not in NORM_KINDS:
            raise ValueError(f"facility_types.csv: unknown norm kind {row['norm_kind']!r}")
        norm = Norm(
            row["norm_kind"], float(row["norm_value"]), row["norm_text"], row["norm_source"]
        )
    aliases = tuple(alias for alias in row["aliases"].split("|") if alias)
    return FacilityType(
        row["code"], row["name"], int(row["minutes"]), float(row["radius_m"]),
        row["capacity_unit"], norm, aliases,
    )  # fmt: skip


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


@cache
def _by_name() -> dict[str, FacilityType]:
    """Every code, name and alias → its type; a name claimed twice is a catalogue error."""
    found: dict[str, FacilityType] = {}
    for kind in facility_types():
        for name in (kind.code, kind.name, *kind.aliases):
            if found.setdefault(_key(name), kind) is not kind:
                raise ValueError(f"facility_types.csv: {name!r} names two types")
    return found
