"""Service items' standards by level (national, provincial, city), each version with its
source document, and the delivery indicators departments report against (标准实施监测)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Double,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from minsheng.store.tables.base import Base, one_of, utc_now

STANDARD_LEVELS = ("national", "provincial", "city")
DELIVERY_KINDS = ("coverage", "frequency", "amount")


class StandardLevel(Base):
    """One version of an item's standard at one level; the newest per level is in force."""

    __tablename__ = "standard_levels"
    __table_args__ = (CheckConstraint(one_of("level", STANDARD_LEVELS), name="level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_item_id: Mapped[int] = mapped_column(
        ForeignKey("service_items.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[str] = mapped_column(String(16))
    beneficiaries: Mapped[str | None] = mapped_column(Text)
    content: Mapped[str | None] = mapped_column(Text)
    standard: Mapped[str | None] = mapped_column(Text)
    funding: Mapped[str | None] = mapped_column(Text)
    lead_department: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(255))
    as_of: Mapped[date | None] = mapped_column(Date)
    author: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class DeliveryIndicator(Base):
    """A measurable promise of an item's standard: coverage (%), frequency or amount, and
    the level the standard states (`required`); delivered when a year's value reaches it."""

    __tablename__ = "delivery_indicators"
    __table_args__ = (
        UniqueConstraint("service_item_id", "name"),
        CheckConstraint(one_of("kind", DELIVERY_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_item_id: Mapped[int] = mapped_column(
        ForeignKey("service_items.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str | None] = mapped_column(String(32))
    required: Mapped[float] = mapped_column(Double)
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class DeliveryReport(Base):
    """A department's value of a delivery indicator for one year (the latest report wins)."""

    __tablename__ = "delivery_reports"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("delivery_indicators.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int]
    value: Mapped[float] = mapped_column(Double)
    author: Mapped[str] = mapped_column(String(64))
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
