"""New sites for a facility type (maximal covering): which candidate sites, added to the
facilities in force, would bring the most residents not yet covered within the radius.
Candidates are given (a file of points) or are the centres of a grid of cells one radius
wide over the residents not yet covered. Greedy by default; the exact optimum (HiGHS)
on request. Method: docs/accessibility.md."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
from sqlalchemy.orm import Session

from minsheng.analytics.coordinates import from_metric
from minsheng.analytics.coverage import covered
from minsheng.analytics.siting import candidate_grid, maximal_covering
from minsheng.usecases.read.access import (
    BLIND_SPOTS_SHOWN,
    Area,
    Setting,
    Spot,
    setting_of,
    spot,
)
from minsheng.usecases.read.point_layout import FloatArray, Layout, layout

MAX_NEW_SITES = 50


@dataclass(frozen=True)
class Site:
    """A chosen site (WGS84) and the residents it newly covers (in the order chosen)."""

    lon: float
    lat: float
    newly_covered: float


@dataclass(frozen=True)
class SitingResult:
    setting: Setting
    method: Literal["greedy", "exact"]
    asked: int
    candidates: int
    candidates_given: bool
    sites: tuple[Site, ...]
    before: Area
    after: Area
    reached: tuple[Spot, ...] = ()
    """The resident points the new sites bring within reach, most populous first (at
    most BLIND_SPOTS_SHOWN of them)."""

    @property
    def newly_covered(self) -> float:
        return self.after.covered - self.before.covered


@dataclass(frozen=True)
class Candidates:
    """Candidate sites given by a user, in WGS84."""

    lon: FloatArray
    lat: FloatArray


def siting(
    session: Session,
    *,
    plan_id: int,
    type_code: str,
    count: int,
    radius: float | None = None,
    candidates: Candidates | None = None,
    exact: bool = False,
    on: date | None = None,
    metric_crs: str | None = None,
) -> SitingResult:
    """Up to `count` new sites (fewer when no candidate would add anyone)."""
    found = layout(session, plan_id=plan_id, type_code=type_code, on=on, metric_crs=metric_crs)
    setting = setting_of(found, radius)
    people = found.residents
    before = covered(people.xy, found.facilities.xy, setting.radius)
    sites = _candidates(found, candidates, before, setting.radius)
    chosen = maximal_covering(people.xy, people.weight, sites, setting.radius,
                              min(count, MAX_NEW_SITES), covered=before, exact=exact)  # fmt: skip
    lon, lat = from_metric(sites[chosen.chosen, 0], sites[chosen.chosen, 1], found.crs)
    gains = zip(lon.tolist(), lat.tolist(), chosen.gains.tolist(), strict=True)
    new = tuple(Site(x, y, gain) for x, y, gain in gains)
    return SitingResult(
        setting, chosen.method, count, len(sites), candidates is not None, new,
        _total(people.weight, before), _total(people.weight, chosen.covered),
        _newly(found, before, chosen.covered),
    )  # fmt: skip


def _candidates(
    found: Layout, given: Candidates | None, before: np.ndarray, radius: float
) -> FloatArray:
    if given is not None:
        return found.metric(given.lon, given.lat)
    open_points = found.residents.xy[~before & (found.residents.weight > 0)]
    return candidate_grid(open_points, radius)


def _newly(found: Layout, before: np.ndarray, after: np.ndarray) -> tuple[Spot, ...]:
    people = found.residents
    newly = np.flatnonzero(after & ~before & (people.weight > 0))
    shown = newly[np.argsort(-people.weight[newly], kind="stable")][:BLIND_SPOTS_SHOWN]
    return tuple(spot(found, int(i)) for i in shown)


def _total(weight: FloatArray, reached: np.ndarray) -> Area:
    return Area(None, float(weight.sum()), float(weight[reached].sum()))
