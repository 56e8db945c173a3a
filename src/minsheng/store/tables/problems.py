"""The problem list (问题清单) and its rectification ledger (整改台账): a finding of the
evaluation turned into a problem with an owner department, measures and a deadline; the
department's progress reports; the evidence it was closed on. Every change is also in
the audit log, which is the problem's history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from minsheng.store.tables.base import Base, one_of, utc_now

PROBLEM_KINDS = ("red", "yellow", "standard", "equalization", "complaints", "other")
"""Red or yellow warning, a standard not delivered, a district that lags, complaints, other."""
PROBLEM_STATES = ("open", "in_progress", "closed")
"""Stored states; 'overdue' is not stored but computed from the deadline in Beijing time."""


class Problem(Base):
    """One problem of a plan, from its source (an indicator × region × year, a service
    item, or free text) to its closing evidence (a value or a stored document, and a note)."""

    __tablename__ = "problems"
    __table_args__ = (
        CheckConstraint(one_of("kind", PROBLEM_KINDS), name="kind"),
        CheckConstraint(one_of("status", PROBLEM_STATES), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    indicator_id: Mapped[int | None] = mapped_column(
        ForeignKey("indicators.id", ondelete="SET NULL")
    )
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    year: Mapped[int | None]
    service_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_items.id", ondelete="SET NULL")
    )
    source_text: Mapped[str | None] = mapped_column(Text)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    measures: Mapped[str] = mapped_column(Text)
    deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open")
    opened_by: Mapped[str] = mapped_column(String(64))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    closed_by: Mapped[str | None] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    evidence_value: Mapped[float | None]
    evidence_note: Mapped[str | None] = mapped_column(Text)
    evidence_name: Mapped[str | None] = mapped_column(String(200))
    evidence_type: Mapped[str | None] = mapped_column(String(100))
    evidence_file: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    """The closing document itself, kept in the database (not loaded with the ledger)."""


class ProblemProgress(Base):
    """One progress report on a problem, by its department's reporter or a planner."""

    __tablename__ = "problem_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(
        ForeignKey("problems.id", ondelete="CASCADE"), index=True
    )
    reported_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[float | None]
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
