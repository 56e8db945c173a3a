"""Provision norms (配置标准) per district: how much of a service a district has against
what the standard asks for its population, and how much is missing. Vectorized over
districts: every argument is one value per district (the norm may be one for all).

Kinds (the strings are shared with the facility-type catalogue):

- "per_thousand_residents": capacity per 1,000 residents, at least the norm (托位 per
  1,000 people); shortfall in capacity units, norm·P/1000 − capacity;
- "area_per_hundred_households": m² per 100 households, at least the norm (养老服务设施
  ≥ 30 m²); households given, or the population over an average household size;
  shortfall in m², norm·H/100 − area;
- "residents_per_facility": residents per facility, at most the norm (one 社区卫生服务中心
  per ≤ 100,000 residents); shortfall in facilities, ⌈P / norm⌉ − count;
- "area_per_resident": m² per resident, at least the norm (人均体育场地面积); shortfall in
  m², norm·P − area.

A shortfall is never negative (a surplus is 0). Where the population is missing or zero
the norm has nothing to apply to: measure and shortfall are NaN, `defined` False and
`meets` False (nothing is claimed either way).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
import numpy.typing as npt

from minsheng.analytics.inequality import BoolArray, FloatArray

NormKind = Literal[
    "per_thousand_residents",
    "area_per_hundred_households",
    "residents_per_facility",
    "area_per_resident",
]
NORM_KINDS: tuple[str, ...] = get_args(NormKind)

HOUSEHOLD_SIZE = 2.62
"""Persons per household where households are not given: the 2020 census average
(第七次全国人口普查, 2.62)."""


@dataclass(frozen=True)
class Provision:
    """Per district: the measure in the norm's unit, whether it meets the norm, and what
    is missing (capacity units, m² or facilities, by kind)."""

    measure: FloatArray
    meets: BoolArray
    shortfall: FloatArray
    defined: BoolArray
    """A population to apply the norm to (measure and shortfall are NaN elsewhere)."""


def provision(
    kind: NormKind,
    norm: npt.ArrayLike,
    population: npt.ArrayLike,
    supply: npt.ArrayLike,
    *,
    households: npt.ArrayLike | None = None,
    household_size: float = HOUSEHOLD_SIZE,
) -> Provision:
    """Each district's provision against the norm. `supply` is the capacity, floor area
    (m²) or number of facilities the kind counts."""
    people = np.asarray(population, dtype=np.float64)
    have = np.nan_to_num(np.asarray(supply, dtype=np.float64), nan=0.0)
    defined = ~np.isnan(people) & (people > 0)
    base = np.where(defined, people, 1.0)
    homes = _households(households, base, household_size)
    target = np.asarray(norm, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        measure, needed, meets = _against(kind, target, base, homes, have)
    shortfall = np.where(meets, 0.0, np.maximum(needed - have, 0.0))  # agrees with `meets`
    return Provision(
        np.where(defined, measure, np.nan),
        defined & meets,
        np.where(defined, shortfall, np.nan),
        defined,
    )


def _against(
    kind: NormKind, target: FloatArray, people: FloatArray, homes: FloatArray, have: FloatArray
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """The measure, what the norm requires and whether it is met, by kind."""
    if kind == "per_thousand_residents":
        return _at_least(have, people / 1000, target)
    if kind == "area_per_hundred_households":
        return _at_least(have, homes / 100, target)
    if kind == "area_per_resident":
        return _at_least(have, people, target)
    if kind == "residents_per_facility":
        measure = np.where(have > 0, people / np.where(have > 0, have, 1.0), np.inf)
        return measure, np.ceil(people / target), measure <= target
    raise ValueError(f"unknown norm kind {kind!r}; expected one of {NORM_KINDS}")


def _at_least(
    have: FloatArray, units: FloatArray, target: FloatArray
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Supply per unit of population (per 1,000 residents, per 100 households, per
    resident), what the norm requires, and whether the measure reaches the norm."""
    measure = have / units
    return measure, target * units, measure >= target


def _households(households: npt.ArrayLike | None, people: FloatArray, size: float) -> FloatArray:
    """Households where given and positive, else the population over the average size."""
    estimate = people / size
    if households is None:
        return estimate
    given = np.asarray(households, dtype=np.float64)
    return np.where(~np.isnan(given) & (given > 0), given, estimate)
