"""Regions, plan versions and what a plan holds: indicators, the previous plan's
completion table, service items, columns and key projects."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Double,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from minsheng.store.tables.base import (
    ATTRIBUTES,
    COLUMN_KINDS,
    Base,
    one_of,
    utc_now,
)


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
    """One version of a region's plan for one period; one version per region and period is
    current (a 十五五 plan is the region's next plan, not a version of its 十四五 plan)."""

    __tablename__ = "plans"
    __table_args__ = (
        UniqueConstraint("region_id", "version"),
        Index(
            "uq_plans_current_region_period",
            "region_id",
            text("coalesce(period_start, 0)"),  # a plan of unknown period counts as one period
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
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    observations_version: Mapped[int] = mapped_column(default=0, server_default="0")
    """Raised by every write of the plan's observations, in the same transaction: which
    plans' evaluations a reader must read again (migration 0024)."""

    region: Mapped[Region] = relationship()


class _PlanPart:
    """Columns every row that belongs to one plan, in the plan's order, carries."""

    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]


JUDGED_INDEX = ("plan_id", "fact_cumulative", "position", "attribute", "fact_strict",
                "fact_guessed_direction", "fact_stated_direction", "catalogue_key",
                "fact_baseline", "fact_low", "fact_high")  # fmt: skip
"""The columns of the indicators' index an evaluation's progress read stays in (0028)."""


class Indicator(_PlanPart, Base):
    """A row of the plan's indicator table; baseline and target are `Value` dumps."""

    __tablename__ = "indicators"
    __table_args__ = (
        UniqueConstraint("plan_id", "position"),
        CheckConstraint(one_of("attribute", ATTRIBUTES), name="attribute"),
        # the evaluation's progress read, which sums only running totals and brings the
        # judged columns along, from the index alone (migrations 0023, 0028)
        Index("ix_indicators_judged", *JUDGED_INDEX),
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
    # What the cells say, for judging (evaluate.table.CellFacts; NULL: not yet worked out;
    # a NaN bound is NULL too): the cells never change, so these are written with them.
    fact_baseline: Mapped[float | None] = mapped_column(Double, default=None)
    fact_low: Mapped[float | None] = mapped_column(Double, default=None)
    fact_high: Mapped[float | None] = mapped_column(Double, default=None)
    fact_stated_direction: Mapped[str | None] = mapped_column(String(20), default=None)
    fact_guessed_direction: Mapped[str | None] = mapped_column(String(20), default=None)
    fact_strict: Mapped[bool | None] = mapped_column(default=None)
    fact_cumulative: Mapped[bool | None] = mapped_column(default=None)


class PreviousPlanResult(_PlanPart, Base):
    """A row of the previous plan's completion table (target and actual)."""

    __tablename__ = "previous_plan_results"
    __table_args__ = (
        UniqueConstraint("plan_id", "position"),
        CheckConstraint(one_of("attribute", ATTRIBUTES), name="attribute"),
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
    __table_args__ = (CheckConstraint(one_of("kind", COLUMN_KINDS), name="kind"),)

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
        CheckConstraint(
            "total_investment IS NULL OR total_investment >= 0", name="investment_not_negative"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    column_number: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="planned", server_default="planned")
    progress: Mapped[int | None]
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    nature: Mapped[str | None] = mapped_column(String(16))
    total_investment: Mapped[float | None] = mapped_column(Double)  # 万元
    start_month: Mapped[str | None] = mapped_column(String(7))  # YYYY-MM, or YYYY
    end_month: Mapped[str | None] = mapped_column(String(7))
    responsible_unit: Mapped[str | None] = mapped_column(String(200))
    lon: Mapped[float | None] = mapped_column(Double)  # WGS84
    lat: Mapped[float | None] = mapped_column(Double)
    edited_fields: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    """Fields a planner set; filling from the plan's text leaves them alone."""
    investments: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    """Planned and completed investment per year in 万元: {"2023": {"planned": 1200.0,
    "completed": 800.0}}."""
