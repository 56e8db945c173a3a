"""Reporting rounds: a planner asks departments for a plan's values of some years by a
deadline; the expected items are copied at opening so later assignment changes do not
rewrite what was asked. Reminders (催报) sent and each department's liaison mailbox."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from minsheng.store.tables.base import Base, one_of, utc_now

REMINDER_CHANNELS = ("in_app", "email")


class ReportingRound(Base):
    """One round: a plan's values for first_year..last_year, due by `deadline` (Beijing)."""

    __tablename__ = "reporting_rounds"
    __table_args__ = (CheckConstraint("first_year <= last_year", name="years_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    first_year: Mapped[int]
    last_year: Mapped[int]
    deadline: Mapped[date] = mapped_column(Date)
    opened_by: Mapped[str] = mapped_column(String(64))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RoundItem(Base):
    """One value a department owes in a round: indicator × region × year."""

    __tablename__ = "round_items"
    __table_args__ = (
        UniqueConstraint("round_id", "department_id", "indicator_id", "region_id", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("reporting_rounds.id", ondelete="CASCADE"), index=True
    )
    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), index=True
    )
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"))
    year: Mapped[int]


class RoundReminder(Base):
    """One reminder sent to a department, per channel (in-app notice or e-mail)."""

    __tablename__ = "round_reminders"
    __table_args__ = (CheckConstraint(one_of("channel", REMINDER_CHANNELS), name="channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("reporting_rounds.id", ondelete="CASCADE"), index=True
    )
    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    sent_by: Mapped[str] = mapped_column(String(64))
    recipients: Mapped[list[str]] = mapped_column(default=list)
    message: Mapped[str] = mapped_column(Text)


class DepartmentContact(Base):
    """A department's liaison mailbox (联络邮箱), where 催报 e-mail goes."""

    __tablename__ = "department_contacts"

    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True
    )
    email: Mapped[str] = mapped_column(String(254))
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
