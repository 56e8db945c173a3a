"""A plan's structured content and observations as flat, typed tables.

Every export format (XLSX, CSV, a Frictionless data package) writes these same tables, so
they agree by construction. Each table declares its fields with a Frictionless type and a
description, its primary key and its foreign keys; rows are dicts of scalars keyed by field
name. Values keep their raw text beside their reading (`baseline_raw`, `baseline_number`).

The `observations` table holds the value in force (the latest approved revision) of every
observation; its columns region, indicator, year, value, unit, source and note are the
ones `minsheng observe import` reads, so an exported workbook imports again unchanged.
`observation_revisions` holds every revision, drafts and returns included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.model.value import Value
from minsheng.store.tables import (
    Indicator,
    KeyProject,
    Observation,
    ObservationRevision,
    Plan,
    PlanColumn,
    PreviousPlanResult,
    Region,
    ServiceItem,
)
from minsheng.usecases.queries import Slice, list_observations

ALL_ROWS = Slice(limit=2**31 - 1)
STANDARD_FIELDS = ("beneficiaries", "content", "standard", "funding", "lead_department")


@dataclass(frozen=True)
class Field:
    """A column: `type` is a Frictionless type (string, integer, number, boolean, date …)."""

    name: str
    type: str
    description: str


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    fields: tuple[Field, ...]
    rows: list[dict[str, Any]]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def header(self) -> list[str]:
        return [f.name for f in self.fields]


@dataclass(frozen=True)
class Package:
    """Tables published together: `name` is a lowercase identifier, `title` for people."""

    name: str
    title: str
    tables: list[Table] = field(default_factory=list)

    def table(self, name: str) -> Table:
        return next(table for table in self.tables if table.name == name)


def make_fields(*specs: tuple[str, str, str]) -> tuple[Field, ...]:
    return tuple(Field(*spec) for spec in specs)


def _to_plan(*names: str) -> ForeignKey:
    return ForeignKey(names, "plan", ("plan_id",))


PLAN_ID = ("plan_id", "integer", "The plan version's id in this database")
POSITION = ("position", "integer", "Order within the plan's table or list, from 0")
DOMAIN = ("domain", "string", "The domain (领域) the row belongs to")
UNIT = ("unit", "string", "Unit of measurement as the plan writes it")
ATTRIBUTE = ("attribute", "string", "binding (约束性) or expected (预期性)")
CUMULATIVE = ("cumulative", "boolean", "The figure is a five-year total")
REGION = ("region", "string", "Region the value is for (the city, a district or a county)")
INDICATOR = ("indicator", "string", "Indicator name as in the plan")
YEAR = ("year", "integer", "Year the value describes")
VALUE = ("value", "number", "The value, in the indicator's unit")
SOURCE = ("source", "string", "Where the value comes from (规划文本, 统计公报, 部门报送, 其他)")
STATE = ("state", "string", "Review state: draft, submitted, approved or returned")
AUTHOR = ("author", "string", "Who recorded the revision")
RECORDED_AT = ("recorded_at", "datetime", "When the revision was recorded (UTC)")
NOTE = ("note", "string", "Note recorded with the value")


def _value_fields(prefix: str, what: str, *parts: str) -> list[tuple[str, str, str]]:
    described = {
        "raw": ("string", f"{what} exactly as written in the plan"),
        "kind": ("string", f"What the {what.lower()} is: number, comparison, range, …"),
        "comparator": ("string", "ge, gt, le, lt or about, for a comparison"),
        "number": ("number", f"The {what.lower()}'s number, when it has one"),
        "low": ("number", "Lower end of a range"),
        "high": ("number", "Upper end of a range"),
    }
    return [(f"{prefix}_{part}", *described[part]) for part in parts]


def _value_row(prefix: str, dumped: dict[str, Any], *parts: str) -> dict[str, Any]:
    value = Value.model_validate(dumped)
    readings = {
        "raw": value.raw,
        "kind": value.kind.value,
        "comparator": value.comparator.value if value.comparator else None,
        "number": value.number,
        "low": value.low,
        "high": value.high,
    }
    return {f"{prefix}_{part}": readings[part] for part in parts}


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive times (stored as UTC), PostgreSQL aware ones: make them alike."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --- the plan's own tables --------------------------------------------------------------


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
        ("source_name", "string", "File the plan was read from"),
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
        "source_name": plan.source_name,
        "imported_at": _utc(plan.imported_at),
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
        *_value_fields("baseline", "Baseline", "raw", "number"),
        *_value_fields("target", "Target", *target_parts),
        ATTRIBUTE,
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
            **_value_row("baseline", i.baseline, "raw", "number"),
            **_value_row("target", i.target, *target_parts),
            "attribute": i.attribute,
            "cumulative": i.cumulative,
            "catalogue_key": i.catalogue_key,
        }
        for i in _parts(session, Indicator, plan)
    ]
    return Table(
        "indicators", "Indicators", fields, rows, ("indicator_id",), (_to_plan("plan_id"),)
    )


def previous_results_table(session: Session, plan: Plan) -> Table:
    fields = make_fields(
        ("result_id", "integer", "The row's id"),
        PLAN_ID,
        POSITION,
        DOMAIN,
        ("name", "string", "Indicator name in the previous plan's completion table"),
        UNIT,
        *_value_fields("target", "Target", "raw", "number"),
        *_value_fields("actual", "Actual", "raw", "number"),
        ATTRIBUTE,
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
            **_value_row("target", r.target, "raw", "number"),
            **_value_row("actual", r.actual, "raw", "number"),
            "attribute": r.attribute,
            "cumulative": r.cumulative,
        }
        for r in _parts(session, PreviousPlanResult, plan)
    ]
    return Table(
        "previous_plan_results",
        "Previous plan results",
        fields,
        rows,
        ("result_id",),
        (_to_plan("plan_id"),),
    )


SERVICE_ITEM_FIELDS = (
    ("beneficiaries", "string", "服务对象: who the service is for"),
    ("content", "string", "服务内容: what is provided"),
    ("standard", "string", "服务标准: how much, how often"),
    ("funding", "string", "支出责任: who pays"),
    ("lead_department", "string", "牵头负责单位: the department responsible"),
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
        for s in _parts(session, ServiceItem, plan)
    ]
    return Table(
        "service_items", "Service items", fields, rows, ("item_id",), (_to_plan("plan_id"),)
    )


def columns_table(session: Session, plan: Plan) -> Table:
    fields = make_fields(
        PLAN_ID,
        ("number", "integer", "The column's (专栏) number in the plan"),
        ("title", "string", "The column's title"),
        ("kind", "string", "What it lists: indicators, services, projects or other"),
    )
    query = select(PlanColumn).where(PlanColumn.plan_id == plan.id).order_by(PlanColumn.number)
    rows = [
        {"plan_id": c.plan_id, "number": c.number, "title": c.title, "kind": c.kind}
        for c in session.scalars(query)
    ]
    return Table("columns", "Columns", fields, rows, ("plan_id", "number"), (_to_plan("plan_id"),))


def key_projects_table(session: Session, plan: Plan) -> Table:
    fields = make_fields(
        ("project_id", "integer", "The key project's id"),
        PLAN_ID,
        ("column_number", "integer", "Number of the column that lists it"),
        ("name", "string", "The project's name"),
        ("detail", "string", "What the plan says it builds"),
        ("status", "string", "planned, under way, completed …, as planners keep it"),
        ("progress", "integer", "Progress in percent, 0–100"),
    )
    query = select(KeyProject).where(KeyProject.plan_id == plan.id).order_by(KeyProject.id)
    rows = [
        {
            "project_id": p.id,
            "plan_id": p.plan_id,
            "column_number": p.column_number,
            "name": p.name,
            "detail": p.detail,
            "status": p.status,
            "progress": p.progress,
        }
        for p in session.scalars(query)
    ]
    to_column = ForeignKey(("plan_id", "column_number"), "columns", ("plan_id", "number"))
    return Table(
        "key_projects",
        "Key projects",
        fields,
        rows,
        ("project_id",),
        (_to_plan("plan_id"), to_column),
    )


def _parts(session: Session, table: Any, plan: Plan) -> list[Any]:
    query = select(table).where(table.plan_id == plan.id).order_by(table.position)
    return list(session.scalars(query))


# --- observations -------------------------------------------------------------------------

_TO_INDICATOR = ForeignKey(("indicator_id",), "indicators", ("indicator_id",))


def observations_table(session: Session, plan: Plan) -> Table:
    """The value in force of every observation, laid out as `observe import` reads it."""
    fields = make_fields(
        REGION,
        INDICATOR,
        YEAR,
        VALUE,
        UNIT,
        SOURCE,
        NOTE,
        ("observation_id", "integer", "The observation's id"),
        ("indicator_id", "integer", "The indicator's id"),
        STATE,
        AUTHOR,
        RECORDED_AT,
        ("revision_id", "integer", "The revision in force"),
    )
    rows = [
        {
            "region": o.region,
            "indicator": o.indicator,
            "year": o.year,
            "value": o.value,
            "unit": o.unit,
            "source": o.source,
            "note": o.note,
            "observation_id": o.id,
            "indicator_id": o.indicator_id,
            "state": o.state,
            "author": o.author,
            "recorded_at": _utc(o.recorded_at),
            "revision_id": o.revision_id,
        }
        for o in list_observations(session, plan_id=plan.id, window=ALL_ROWS).items
    ]
    return Table(
        "observations", "Observations", fields, rows, ("observation_id",), (_TO_INDICATOR,)
    )


def revisions_table(session: Session, plan: Plan) -> Table:
    """Every revision of every observation, oldest first: the full history."""
    fields = make_fields(
        ("revision_id", "integer", "The revision's id"),
        ("observation_id", "integer", "The observation it revises"),
        ("indicator_id", "integer", "The indicator's id"),
        REGION,
        INDICATOR,
        YEAR,
        VALUE,
        ("raw", "string", "The value as written, when it came from the plan's text"),
        UNIT,
        SOURCE,
        STATE,
        ("reason", "string", "Why a value was returned"),
        NOTE,
        AUTHOR,
        RECORDED_AT,
    )
    query = (
        select(ObservationRevision, Observation, Indicator.name, Region.name)
        .join(Observation, Observation.id == ObservationRevision.observation_id)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(Region, Region.id == Observation.region_id)
        .where(Indicator.plan_id == plan.id)
        .order_by(ObservationRevision.id)
    )
    rows = [_revision_row(*found) for found in session.execute(query)]
    return Table(
        "observation_revisions",
        "Observation revisions",
        fields,
        rows,
        ("revision_id",),
        (_TO_INDICATOR,),
    )


def _revision_row(
    revision: ObservationRevision, observation: Observation, indicator: str, region: str
) -> dict[str, Any]:
    return {
        "revision_id": revision.id,
        "observation_id": observation.id,
        "indicator_id": observation.indicator_id,
        "region": region,
        "indicator": indicator,
        "year": observation.year,
        "value": revision.value,
        "raw": revision.raw,
        "unit": revision.unit,
        "source": revision.source,
        "state": revision.state,
        "reason": revision.reason,
        "note": revision.note,
        "author": revision.author,
        "recorded_at": _utc(revision.created_at),
    }


# --- the whole plan -------------------------------------------------------------------------


def plan_package(session: Session, plan: Plan, *, published_only: bool = False) -> Package:
    """Every table of one plan version, the plan's metadata first.

    `published_only` leaves out the revision history — drafts, returned values with their
    reasons, who wrote what — which is for administrators, not the public.
    """
    tables = [
        plan_table(plan),
        indicators_table(session, plan),
        previous_results_table(session, plan),
        service_items_table(session, plan),
        columns_table(session, plan),
        key_projects_table(session, plan),
        observations_table(session, plan),
    ]
    if not published_only:
        tables.append(revisions_table(session, plan))
    return Package(package_name("plan", plan.region.code or str(plan.id)), plan.title or "", tables)


def package_name(*parts: str) -> str:
    """A Frictionless name: lowercase letters, digits, '-', '_' and '.' only."""
    text = "-".join(("minsheng", *parts)).lower()
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "-" for ch in text)
