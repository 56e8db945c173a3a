"""The database tables, as SQLAlchemy typed declarative classes.

Names follow the glossary (plan, indicator, service item, column, key project …). Plans are
versioned per region: importing a changed document adds a version and moves `is_current`,
so a plan's indicators, which observations refer to, are never rewritten in place.
Observations keep every change as a new revision row; the current value is the latest
approved revision (see repositories/observations.py).

Constraint names follow `NAMING` so Alembic can alter them later on SQLite (batch mode
recreates tables and must know every constraint's name).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Double,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JSONType = JSON().with_variant(JSONB(), "postgresql")
"""JSON everywhere, stored as JSONB on PostgreSQL so it can be indexed and queried."""

ROLES = ("admin", "planner", "reporter", "viewer")
REVIEW_STATES = ("draft", "submitted", "approved", "returned")  # model.observation.ReviewState
ATTRIBUTES = ("expected", "binding")  # model.plan.Attribute
COLUMN_KINDS = ("indicators", "services", "projects", "other")  # model.plan.ColumnKind
DIRECTIONS = (  # model.catalogue.Direction
    "higher_is_better",
    "lower_is_better",
    "within_band",
    "qualitative",
)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSONType, list[str]: JSONType}  # noqa: RUF012


class Region(Base):
    """An administrative division; `code` is its GB/T 2260 code where known."""

    __tablename__ = "regions"
    __table_args__ = (UniqueConstraint("parent_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str | None] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))


class Plan(Base):
    """One version of a region's plan; exactly one version per region is current."""

    __tablename__ = "plans"
    __table_args__ = (
        UniqueConstraint("region_id", "version"),
        Index(
            "uq_plans_current_region_id",
            "region_id",
            unique=True,
            sqlite_where=text("is_current"),
            postgresql_where=text("is_current"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    period_start: Mapped[int | None]
    period_end: Mapped[int | None]
    issue_date: Mapped[date | None] = mapped_column(Date)
    source_name: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int]
    is_current: Mapped[bool]
    is_reference: Mapped[bool] = mapped_column(default=False)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    region: Mapped[Region] = relationship()


class _PlanPart:
    """Columns every row that belongs to one plan, in the plan's order, carries."""

    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]


class Indicator(_PlanPart, Base):
    """A row of the plan's indicator table; baseline and target are `Value` dumps."""

    __tablename__ = "indicators"
    __table_args__ = (
        UniqueConstraint("plan_id", "position"),
        CheckConstraint(_one_of("attribute", ATTRIBUTES), name="attribute"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    domain: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(64))
    baseline: Mapped[dict[str, Any]]
    target: Mapped[dict[str, Any]]
    attribute: Mapped[str | None] = mapped_column(String(16))
    cumulative: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[list[str]] = mapped_column(default=list)
    catalogue_key: Mapped[str | None] = mapped_column(String(64), index=True)


class PreviousPlanResult(_PlanPart, Base):
    """A row of the previous plan's completion table (target and actual)."""

    __tablename__ = "previous_plan_results"
    __table_args__ = (
        UniqueConstraint("plan_id", "position"),
        CheckConstraint(_one_of("attribute", ATTRIBUTES), name="attribute"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    domain: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(64))
    target: Mapped[dict[str, Any]]
    actual: Mapped[dict[str, Any]]
    attribute: Mapped[str | None] = mapped_column(String(16))
    cumulative: Mapped[bool] = mapped_column(default=False)


class ServiceItem(_PlanPart, Base):
    """A basic public service item, with the five fields its standard states."""

    __tablename__ = "service_items"
    __table_args__ = (UniqueConstraint("plan_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    domain: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(Text)
    beneficiaries: Mapped[str | None] = mapped_column(Text)
    content: Mapped[str | None] = mapped_column(Text)
    standard: Mapped[str | None] = mapped_column(Text)
    funding: Mapped[str | None] = mapped_column(Text)
    lead_department: Mapped[str | None] = mapped_column(Text)


class PlanColumn(Base):
    """A boxed column (专栏), identified by its number within the plan."""

    __tablename__ = "columns"
    __table_args__ = (CheckConstraint(_one_of("kind", COLUMN_KINDS), name="kind"),)

    plan_id: Mapped[int] = mapped_column(
        ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    body: Mapped[list[str]] = mapped_column(default=list)


class KeyProject(Base):
    """A key project listed in a column; status and progress are kept up by planners."""

    __tablename__ = "key_projects"
    __table_args__ = (
        ForeignKeyConstraint(
            ["plan_id", "column_number"],
            ["columns.plan_id", "columns.number"],
            ondelete="CASCADE",
        ),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    column_number: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="planned", server_default="planned")
    progress: Mapped[int | None]


class Department(Base):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_one_of("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))


class AuditEntry(Base):
    """Who changed what, when: one row per write, never updated."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None]
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Observation(Base):
    """An indicator's value for one region and year; its history is in the revisions.

    Two pointers are kept on write so that reading never groups the revisions:
    `current_revision_id` is the value in force (the newest approved revision) and
    `latest_revision_id` the newest revision in any state. Revisions are only added and
    their ids only grow, so each pointer moves forward with every revision it concerns.
    """

    __tablename__ = "observations"
    __table_args__ = (UniqueConstraint("indicator_id", "region_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    year: Mapped[int]
    current_revision_id: Mapped[int | None] = mapped_column(default=None)
    latest_revision_id: Mapped[int | None] = mapped_column(default=None)


class ObservationRevision(Base):
    """One change to an observation; rows are only ever added, never overwritten."""

    __tablename__ = "observation_revisions"
    __table_args__ = (CheckConstraint(_one_of("state", REVIEW_STATES), name="state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observations.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[float | None] = mapped_column(Double)
    raw: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class StoredCatalogueEntry(Base):
    """A catalogue entry an administrator added to the bundled catalogue (catalogue.csv).

    Its other names are `StoredCatalogueAlias` rows, like the aliases added to bundled
    entries, so `key` there may name an entry of either kind and is not a foreign key.
    """

    __tablename__ = "catalogue_entries"
    __table_args__ = (CheckConstraint(_one_of("direction", DIRECTIONS), name="direction"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(64))
    direction: Mapped[str] = mapped_column(String(32))
    domain: Mapped[str] = mapped_column(String(100))
    definition: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class StoredCatalogueAlias(Base):
    """Another name for a catalogue entry, bundled or stored, added by an administrator.

    `normalized` is the alias's `normalize_name` key: unique, since one name can denote
    only one entry.
    """

    __tablename__ = "catalogue_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)
    alias: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(Text, unique=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ServiceItemRevision(Base):
    """One edit of a service item's five standard fields; the item holds the latest."""

    __tablename__ = "service_item_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_item_id: Mapped[int] = mapped_column(
        ForeignKey("service_items.id", ondelete="CASCADE"), index=True
    )
    beneficiaries: Mapped[str | None] = mapped_column(Text)
    content: Mapped[str | None] = mapped_column(Text)
    standard: Mapped[str | None] = mapped_column(Text)
    funding: Mapped[str | None] = mapped_column(Text)
    lead_department: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class KeyProjectUpdate(Base):
    """One change of a key project's status or progress; the project holds the latest."""

    __tablename__ = "key_project_updates"
    __table_args__ = (CheckConstraint("progress BETWEEN 0 AND 100", name="progress"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key_project_id: Mapped[int] = mapped_column(
        ForeignKey("key_projects.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))
    progress: Mapped[int | None]
    note: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class IndicatorAssignment(Base):
    """A department reports this indicator, for one region or (region NULL) all of them."""

    __tablename__ = "indicator_assignments"
    __table_args__ = (UniqueConstraint("department_id", "indicator_id", "region_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), index=True
    )
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))


class ApiToken(Base):
    """A bearer token for the REST API; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class LoginAttempt(Base):
    """Sign-in attempts, kept to slow down password guessing across every worker."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(64))
    succeeded: Mapped[bool]
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
