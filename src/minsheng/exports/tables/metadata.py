"""The indicator metadata table of a plan's package: each indicator's definition, formula,
data source, responsible department and update frequency as the indicator page shows
them, with where each came from and when it was last edited (not by whom: the table is
published); `minsheng metadata import` reads the same columns."""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.exports.tables.schema import UNIT, ForeignKey, Table, make_fields, to_plan, utc
from minsheng.store.tables import Plan
from minsheng.usecases.read.indicator_metadata import (
    FIELDS,
    IndicatorMetadataView,
    plan_metadata,
)

METADATA_FIELDS = make_fields(
    ("indicator_id", "integer", "The indicator's id"),
    ("plan_id", "integer", "The plan version's id in this database"),
    ("name", "string", "Indicator name as in the plan"),
    UNIT,
    ("direction", "string", "Direction the evaluation judges by: 越大越好, 越小越好 …"),
    ("direction_code", "string", "The direction's code: higher_is_better, lower_is_better …"),
    ("definition", "string", "定义: what the indicator measures"),
    ("formula", "string", "计算方法: how it is calculated"),
    ("data_source", "string", "数据来源: the statistics it is taken from"),
    ("department", "string", "责任单位: the department responsible for reporting it"),
    ("frequency", "string", "更新频率: annual, quarterly or monthly"),
    ("notes", "string", "备注: binding or expected, cumulative, other notes"),
    ("origins", "string", "Where each field comes from: field=edited|plan|catalogue|minsheng|…; …"),
    ("updated_at", "datetime", "When it was last edited (UTC)"),
)


def metadata_table(session: Session, plan: Plan) -> Table:
    """Every indicator of the plan with its metadata, in the plan's order."""
    rows = [_row(view) for view in plan_metadata(session, plan_id=plan.id)]
    to_indicators = ForeignKey(("indicator_id",), "indicators", ("indicator_id",))
    return Table(
        "indicator_metadata",
        "Indicator metadata",
        METADATA_FIELDS,
        rows,
        ("indicator_id",),
        (to_plan("plan_id"), to_indicators),
    )


def _row(view: IndicatorMetadataView) -> dict[str, object]:
    origins = "; ".join(f"{e.name}={e.origin}" for e in view.entries if e.origin)
    return {
        "indicator_id": view.indicator_id,
        "plan_id": view.plan_id,
        "name": view.name,
        "unit": view.unit,
        "direction": view.direction_label,
        "direction_code": view.direction,
        **{name: view.value(name) for name in FIELDS},
        "origins": origins,
        "updated_at": utc(view.updated_at) if view.updated_at else None,
    }
