"""The service-radius results as plain data, the same for the CLI's JSON, the API and
the page's map: ids and codes travel with names; NaN never appears (None instead)."""

from __future__ import annotations

import math
from typing import Any

from minsheng.usecases.read.access import Accessibility, Area, Coverage, Setting, Spot
from minsheng.usecases.read.norms import NormRow, Norms, NormTable
from minsheng.usecases.read.plans import RegionRef
from minsheng.usecases.read.siting import SitingResult


def setting_json(setting: Setting) -> dict[str, Any]:
    return {
        "plan_id": setting.plan_id,
        "city": region_json(setting.city),
        "type": setting.type_name,
        "type_code": setting.type_code,
        "radius": setting.radius,
        "facilities": setting.facilities,
        "residents_as_of": setting.residents_as_of.isoformat(),
        "facilities_as_of": setting.facilities_as_of.isoformat()
        if setting.facilities_as_of
        else None,
        "sample_data": setting.is_sample,
        "distance": setting.distance,
        "metric_crs": setting.metric_crs,
    }


def region_json(region: RegionRef | None) -> dict[str, Any] | None:
    return None if region is None else {"id": region.id, "name": region.name, "code": region.code}


def area_json(area: Area) -> dict[str, Any]:
    named = region_json(area.region) or {}
    return {
        "region": named.get("name"),
        "region_id": named.get("id"),
        "code": named.get("code"),
        "population": area.population,
        "covered": area.covered,
        "share": area.share,
    }


def spot_json(spot: Spot) -> dict[str, Any]:
    return {"lon": spot.lon, "lat": spot.lat, "population": spot.population,
            "region_id": spot.region_id}  # fmt: skip


def coverage_json(found: Coverage) -> dict[str, Any]:
    """At least type, radius, population, covered, share and by_region (each region,
    population, covered, share); the blind spots most populous first."""
    return {
        **setting_json(found.setting),
        "population": found.total.population,
        "covered": found.total.covered,
        "share": found.total.share,
        "by_region": [area_json(area) for area in found.by_region],
        "blind_spot_count": found.blind_spot_count,
        "blind_spots": [spot_json(spot) for spot in found.blind_spots],
    }


def accessibility_json(found: Accessibility) -> dict[str, Any]:
    """The districts' mean scores (per-point scores: `accessibility_rows`)."""
    return {
        **setting_json(found.setting),
        "weights": found.weighting,
        "mean": found.mean,
        "by_region": [
            {**(region_json(r.region) or {}), "population": r.population, "score": r.score}
            for r in found.by_region
        ],
    }


def accessibility_rows(found: Accessibility) -> list[dict[str, Any]]:
    """One row per resident point with its score (the CSV)."""
    people = found.points
    names = [d.name for d in found.districts]
    return [
        {"lon": lon, "lat": lat, "region": names[d] if d >= 0 else None,
         "population": population, "score": None if math.isnan(score) else score}
        for lon, lat, d, population, score in zip(
            people.lon.tolist(), people.lat.tolist(), people.district.tolist(),
            people.weight.tolist(), found.score.tolist(), strict=True,
        )
    ]  # fmt: skip


def siting_json(found: SitingResult) -> dict[str, Any]:
    """At least chosen[{x, y}] (longitude, latitude in WGS84), newly_covered and method."""
    return {
        **setting_json(found.setting),
        "method": found.method,
        "asked": found.asked,
        "candidates": found.candidates,
        "candidates_given": found.candidates_given,
        "chosen": [
            {"x": site.lon, "y": site.lat, "newly_covered": site.newly_covered}
            for site in found.sites
        ],
        "newly_covered": found.newly_covered,
        "before": area_json(found.before),
        "after": area_json(found.after),
        "reached": [spot_json(spot) for spot in found.reached],
    }


def norms_json(found: Norms) -> dict[str, Any]:
    return {
        "plan_id": found.plan_id,
        "city": region_json(found.city),
        "year": found.year,
        "missing_population": list(found.missing_population),
        "types": [_norm_table_json(table) for table in found.tables],
    }


def _norm_table_json(table: NormTable) -> dict[str, Any]:
    return {
        "type": table.type_name,
        "type_code": table.type_code,
        "norm": {
            "kind": table.norm.kind,
            "value": table.norm.value,
            "text": table.norm.text,
            "source": table.norm.source,
        },
        "capacity_unit": table.capacity_unit,
        "facilities": table.facilities,
        "facilities_as_of": table.as_of.isoformat(),
        "sample_data": table.is_sample,
        "by_region": [norm_row_json(row) for row in table.rows],
        "total": norm_row_json(table.total),
    }


def norm_row_json(row: NormRow) -> dict[str, Any]:
    named = region_json(row.region) or {}
    return {
        "region": named.get("name"),
        "region_id": named.get("id"),
        "code": named.get("code"),
        "population": row.population,
        "supply": row.supply,
        "measure": row.measure,
        "meets": row.meets,
        "shortfall": row.shortfall,
    }
