"""The plan's own tables: metadata, indicators, previous results, services, columns, projects."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from minsheng.exports.labels import word
from minsheng.exports.tables.schema import (
    ATTRIBUTE,
    ATTRIBUTE_CODE,
    CUMULATIVE,
    DOMAIN,
    PLAN_ID,
    POSITION,
    SERVICE_ITEM_FIELDS,
    STANDARD_FIELDS,
    UNIT,
    ForeignKey,
    Table,
    make_fields,
    public_file_name,
    to_plan,
    utc,
    value_fields,
    value_row,
)
from minsheng.store.repositories import plan_parts, projects, service_items
from minsheng.store.tables import KeyProject, Plan


def plan_table(plan: Plan) -> Table:
    fields = make_fields(
        PLAN_ID,
        ("region", "string", "Region whose plan it is"),
        ("region_code", "string", "The region's GB/T 2260 code"),
        ("title", "string", "The plan's title"),
        ("period_start", "integer", "First year of the plan period"),
        ("period_end", "integer", "Last year of the plan period"),
        ("issue_date", "date", "Date the plan was issued"),
        ("version", "integer", "Version of the region's plan (imports of changed documents)"),
        ("source_name", "string", "Name of the file the plan was read from (no folder)"),
        ("imported_at", "datetime", "When this version was imported (UTC)"),
    )
    row = {
        "plan_id": plan.id,
        "region": plan.region.name,
        "region_code": plan.region.code,
        "title": plan.title,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "issue_date": plan.issue_date,
        "version": plan.version,
        "source_name": public_file_name(plan.source_name),
        "imported_at": utc(plan.imported_at),
    }
    return Table("plan", "Plan", fields, [row], ("plan_id",))


def indicators_table(session: Session, plan: Plan) -> Table:
    target_parts = ("raw", "kind", "comparator", "number", "low", "high")
    fields = make_fields(
        ("indicator_id", "integer", "The indicator's id"),
        PLAN_ID,
        POSITION,
        DOMAIN,
        ("name", "string", "Indicator name without its unit"),
        UNIT,
        *value_fields("baseline", "Baseline", "raw", "number"),
        *value_fields("target", "Target", *target_parts),
        ATTRIBUTE,
        ATTRIBUTE_CODE,
        CUMULATIVE,
        ("catalogue_key", "string", "Key of the indicator catalogue entry it matches"),
    )
    rows = [
        {
            "indicator_id": i.id,
            "plan_id": i.plan_id,
            "position": i.position,
            "domain": i.domain,
            "name": i.name,
            "unit": i.unit,
            **value_row("baseline", i.baseline, "raw", "number"),
            **value_row("target", i.target, *target_parts),
            "attribute": word(i.attribute),
            "attribute_code": i.attribute,
            "cumulative": i.cumulative,
            "catalogue_key": i.catalogue_key,
        }
        for i in plan_parts.indicators_of(session, plan_id=plan.id)
    ]
    return Table("indicators", "Indicators", fields, rows, ("indicator_id",), (to_plan("plan_id"),))


def previous_results_table(session: Session, plan: Plan) -> Table:
    fields = make_fields(
        ("result_id", "integer", "The row's id"),
        PLAN_ID,
        POSITION,
        DOMAIN,
        ("name", "string", "Indicator name in the previous plan's completion table"),
        UNIT,
        *value_fields("target", "Target", "raw", "number"),
        *value_fields("actual", "Actual", "raw", "number"),
        ATTRIBUTE,
        ATTRIBUTE_CODE,
        CUMULATIVE,
    )
    rows = [
        {
            "result_id": r.id,
            "plan_id": r.plan_id,
            "position": r.position,
            "domain": r.domain,
            "name": r.name,
            "unit": r.unit,
            **value_row("target", r.target, "raw", "number"),
            **value_row("actual", r.actual, "raw", "number"),
            "attribute": word(r.attribute),
            "attribute_code": r.attribute,
            "cumulative": r.cumulative,
        }
        for r in plan_parts.previous_results_of(session, plan_ids=[plan.id])
    ]
    return Table(
        "previous_plan_results",
        "Previous plan results",
        fields,
        rows,
        ("result_id",),
        (to_plan("plan_id"),),
    )


def service_items_table(session: Session, plan: Plan) -> Table:
    fields = make_fields(
        ("item_id", "integer", "The service item's id"),
        PLAN_ID,
        POSITION,
        DOMAIN,
        ("name", "string", "Name of the basic public service item"),
        *SERVICE_ITEM_FIELDS,
    )
    rows = [
        {
            "item_id": s.id,
            "plan_id": s.plan_id,
            "position": s.position,
            "domain": s.domain,
            "name": s.name,
            **{name: getattr(s, name) for name in STANDARD_FIELDS},
        }
        for s in service_items.items_of_plans(session, plan_ids=[plan.id])
    ]
    return Table(
        "service_items", "Service items", fields, rows, ("item_id",), (to_plan("plan_id"),)
    )


def columns_table(session: Session, plan: Plan) -> Table:
    fields = make_fields(
        PLAN_ID,
        ("number", "integer", "The column's (专栏) number in the plan"),
        ("title", "string", "The column's title"),
        ("kind", "string", "What it lists: indicators, services, projects or other"),
    )
    rows = [
        {"plan_id": c.plan_id, "number": c.number, "title": c.title, "kind": c.kind}
        for c in plan_parts.columns_of(session, plan_id=plan.id)
    ]
    return Table("columns", "Columns", fields, rows, ("plan_id", "number"), (to_plan("plan_id"),))


def key_projects_table(session: Session, plan: Plan) -> Table:
    fields = make_fields(
        ("project_id", "integer", "The key project's id"),
        PLAN_ID,
        ("column_number", "integer", "Number of the column that lists it"),
        ("name", "string", "The project's name"),
        ("detail", "string", "What the plan says it builds"),
        ("status", "string", "计划中, 实施中, 已完成 …, as planners keep it"),
        ("status_code", "string", "The status's code: planned, in_progress, completed, delayed"),
        ("progress", "integer", "Progress in percent, 0–100"),
        ("region_id", "integer", "The district (区县) it lies in, a region's id"),
        ("nature", "string", "建设性质: 新建, 改扩建, 扩建, 续建, 改建, 迁建 or 其他"),
        ("total_investment", "number", "总投资 in 万元 (10,000 yuan)"),
        ("start_month", "string", "开工: YYYY-MM, or YYYY where only the year is known"),
        ("end_month", "string", "竣工: YYYY-MM, or YYYY"),
        ("responsible_unit", "string", "责任单位"),
        ("lon", "number", "Longitude, WGS84"),
        ("lat", "number", "Latitude, WGS84"),
        ("investments", "string", "Planned and completed investment per year in 万元, as JSON"),
    )
    rows = [_project_row(p) for p in projects.projects_of(session, plan_id=plan.id)]
    to_column = ForeignKey(("plan_id", "column_number"), "columns", ("plan_id", "number"))
    return Table(
        "key_projects",
        "Key projects",
        fields,
        rows,
        ("project_id",),
        (to_plan("plan_id"), to_column),
    )


def _project_row(project: KeyProject) -> dict[str, object]:
    names = ("column_number", "name", "detail", "status", "progress", "region_id", "nature")
    more = ("total_investment", "start_month", "end_month", "responsible_unit", "lon", "lat")
    row: dict[str, object] = {"project_id": project.id, "plan_id": project.plan_id}
    row.update({name: getattr(project, name) for name in (*names, *more)})
    yearly = project.investments
    row["investments"] = json.dumps(yearly, ensure_ascii=False) if yearly else None
    row["status"], row["status_code"] = word(project.status), project.status
    return row
