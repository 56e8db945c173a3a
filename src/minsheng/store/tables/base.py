"""The declarative base, naming convention and value lists every table module shares."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, MetaData
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase

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


def one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSONType, list[str]: JSONType}  # noqa: RUF012
