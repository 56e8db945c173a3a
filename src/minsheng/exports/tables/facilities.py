"""The facilities table of a plan's package: every facility of the plan's city in force
today, by type — open data as a 卫健委 or 教育局 list would publish it, with coordinates
in WGS84 and the synthetic ones marked."""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.exports.tables.schema import SAMPLE, Table, make_fields
from minsheng.model.facility_types import facility_type
from minsheng.store.repositories import regions
from minsheng.store.repositories.point_layers import facilities_in_force
from minsheng.store.tables import Facility, Plan, PointLayer
from minsheng.usecases.clock import beijing_today

FIELDS = make_fields(
    ("facility_id", "integer", "The facility's id in this database"),
    ("type_code", "string", "The facility type's code in minsheng's catalogue"),
    ("type", "string", "The facility type (社区卫生服务中心, 托育机构 …)"),
    ("name", "string", "The facility's name"),
    ("lon", "number", "Longitude, WGS84 (EPSG:4326)"),
    ("lat", "number", "Latitude, WGS84 (EPSG:4326)"),
    ("capacity", "number", "Capacity in the unit of capacity_unit (beds, places, m²)"),
    ("capacity_unit", "string", "The unit of capacity for the type"),
    ("status", "string", "Status as imported (运营, 在建 …)"),
    ("region", "string", "The district or county the facility lies in"),
    ("region_code", "string", "That district's GB/T 2260 code"),
    ("as_of", "date", "The date the facility list describes"),
    SAMPLE,
)


def facilities_table(session: Session, plan: Plan) -> Table:
    """Every facility of the plan's city in force today."""
    names = {r.id: (r.name, r.code) for r in regions.children(session, region_id=plan.region_id)}
    found = facilities_in_force(session, city_id=plan.region_id, on=beijing_today())
    rows = [_row(facility, layer, names) for facility, layer in found]
    return Table("facilities", "Facilities", FIELDS, rows, ("facility_id",))


def _row(
    facility: Facility, layer: PointLayer, names: dict[int, tuple[str, str | None]]
) -> dict[str, object]:
    kind = facility_type(layer.type_code)
    region, code = names.get(facility.region_id or 0, (None, None))
    return {
        "facility_id": facility.id,
        "type_code": layer.type_code,
        "type": kind.name if kind else layer.type_code,
        "name": facility.name,
        "lon": facility.lon,
        "lat": facility.lat,
        "capacity": facility.capacity,
        "capacity_unit": kind.capacity_unit if kind else None,
        "status": facility.status,
        "region": region,
        "region_code": code,
        "as_of": layer.as_of,
        "sample_data": layer.is_sample,
    }
