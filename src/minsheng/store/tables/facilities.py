"""Facilities and where people live, as points imported per city and date.

A point layer is one import's points of one kind for a city as of a date: the facilities
of one type (社区卫生服务中心 …) or the residents (points or grid cells with their
population). Importing the same city, kind, type and date again replaces the layer; the
points in force on a day are those of each type's latest layer dated on or before it.
Coordinates are stored in WGS84 whatever the file's CRS was.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Double,
    ForeignKey,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from minsheng.store.tables.base import Base, utc_now

FACILITIES = "facilities"
RESIDENTS = "residents"


class PointLayer(Base):
    """One import's points of one kind (and facility type) for a city, as of a date."""

    __tablename__ = "point_layers"
    __table_args__ = (
        UniqueConstraint("city_id", "kind", "type_code", "as_of"),
        CheckConstraint("kind IN ('facilities', 'residents')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("regions.id"))
    kind: Mapped[str] = mapped_column(String(20))
    type_code: Mapped[str] = mapped_column(String(60))
    """The facility type's code; empty for residents."""
    as_of: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(200))
    crs: Mapped[str] = mapped_column(String(40))
    """The CRS the file's coordinates were given in (stored converted to WGS84)."""
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    """Synthetic demonstration data (示例数据)."""
    author: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Facility(Base):
    """A facility: where it is (WGS84), its capacity in its type's unit, its district."""

    __tablename__ = "facilities"
    __table_args__ = (
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    layer_id: Mapped[int] = mapped_column(
        ForeignKey("point_layers.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    lon: Mapped[float] = mapped_column(Double)
    lat: Mapped[float] = mapped_column(Double)
    capacity: Mapped[float | None] = mapped_column(Double, default=None)
    status: Mapped[str | None] = mapped_column(String(40), default=None)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), default=None)


class ResidentPoint(Base):
    """A point or grid cell where people live, with its population and district."""

    __tablename__ = "resident_points"
    __table_args__ = (CheckConstraint("population >= 0", name="population_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    layer_id: Mapped[int] = mapped_column(
        ForeignKey("point_layers.id", ondelete="CASCADE"), index=True
    )
    lon: Mapped[float] = mapped_column(Double)
    lat: Mapped[float] = mapped_column(Double)
    population: Mapped[float] = mapped_column(Double)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), default=None)
