"""A plan's structured content and observations as flat, typed tables.

Every export format (XLSX, CSV, a Frictionless data package) writes these same tables, so
they agree by construction. Each table declares its fields with a Frictionless type and a
description, its primary key and its foreign keys; rows are dicts of scalars keyed by field
name. Values keep their raw text beside their reading (`baseline_raw`, `baseline_number`).

The `evaluations` table holds the verdicts as of each year of the period with data.
The `observations` table holds the value in force (the latest approved revision) of every
observation; its columns region, indicator, year, value, unit, source and note are the
ones `minsheng observe import` reads, so an exported workbook imports again unchanged.
`observation_revisions` holds every revision, drafts and returns included.
"""

from minsheng.exports.tables.metadata import metadata_table
from minsheng.exports.tables.observations import (
    observations_table,
    revisions_table,
)
from minsheng.exports.tables.package import PUBLISHED, plan_package, plan_table_package
from minsheng.exports.tables.plan import (
    columns_table,
    indicators_table,
    key_projects_table,
    plan_table,
    previous_results_table,
    service_items_table,
)
from minsheng.exports.tables.schema import (
    ATTRIBUTE,
    AUTHOR,
    CUMULATIVE,
    DOMAIN,
    INDICATOR,
    NOTE,
    PLAN_ID,
    POSITION,
    RECORDED_AT,
    REGION,
    SERVICE_ITEM_FIELDS,
    SOURCE,
    STANDARD_FIELDS,
    STATE,
    UNIT,
    VALUE,
    YEAR,
    Field,
    ForeignKey,
    Package,
    Table,
    make_fields,
    package_name,
)

__all__ = [
    "ATTRIBUTE",
    "AUTHOR",
    "CUMULATIVE",
    "DOMAIN",
    "INDICATOR",
    "NOTE",
    "PLAN_ID",
    "POSITION",
    "PUBLISHED",
    "RECORDED_AT",
    "REGION",
    "SERVICE_ITEM_FIELDS",
    "SOURCE",
    "STANDARD_FIELDS",
    "STATE",
    "UNIT",
    "VALUE",
    "YEAR",
    "Field",
    "ForeignKey",
    "Package",
    "Table",
    "columns_table",
    "indicators_table",
    "key_projects_table",
    "make_fields",
    "metadata_table",
    "observations_table",
    "package_name",
    "plan_package",
    "plan_table",
    "plan_table_package",
    "previous_results_table",
    "revisions_table",
    "service_items_table",
]
