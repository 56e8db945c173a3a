"""An administrator's additions to the bundled indicator catalogue."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from minsheng.store.tables.base import (
    DIRECTIONS,
    Base,
    one_of,
    utc_now,
)


class StoredCatalogueEntry(Base):
    """A catalogue entry an administrator added to the bundled catalogue (catalogue.csv).

    Its other names are `StoredCatalogueAlias` rows, like the aliases added to bundled
    entries, so `key` there may name an entry of either kind and is not a foreign key.
    """

    __tablename__ = "catalogue_entries"
    __table_args__ = (CheckConstraint(one_of("direction", DIRECTIONS), name="direction"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(64))
    direction: Mapped[str] = mapped_column(String(32))
    domain: Mapped[str] = mapped_column(String(100))
    definition: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


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
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
