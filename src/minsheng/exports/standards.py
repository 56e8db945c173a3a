"""The standards catalogue as one table: every current plan's service items and their standard.

Rows follow the catalogue page's order — by domain in the order of the nine domains, then
plan by plan in each plan's order — with the five fields a standard states.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.exports.tables import (
    DOMAIN,
    PLAN_ID,
    SERVICE_ITEM_FIELDS,
    STANDARD_FIELDS,
    Package,
    Table,
    make_fields,
    package_name,
)
from minsheng.usecases.standards import catalogue

TITLE = "基本公共服务标准目录"

FIELDS = make_fields(
    ("region", "string", "Region whose plan lists the item"),
    DOMAIN,
    ("name", "string", "Name of the basic public service item"),
    *SERVICE_ITEM_FIELDS,
    ("plan_title", "string", "Title of the plan"),
    PLAN_ID,
    ("item_id", "integer", "The service item's id"),
)


def standards_package(session: Session, *, plan_id: int | None = None) -> Package:
    """Every current plan's items, or plan `plan_id`'s, as the table `standards`."""
    found = catalogue(session, plan_id=plan_id)
    rows = [
        {
            "region": hit.plan.region.name,
            "domain": domain,
            "name": hit.item.name,
            **{name: getattr(hit.item, name) for name in STANDARD_FIELDS},
            "plan_title": hit.plan.title,
            "plan_id": hit.plan.id,
            "item_id": hit.item.id,
        }
        for domain, hits in found.groups.items()
        for hit in hits
    ]
    table = Table("standards", "Basic public service standards", FIELDS, rows, ("item_id",))
    return Package(package_name("standards"), TITLE, [table])
