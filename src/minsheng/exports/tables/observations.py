"""Observation tables: the value in force of every observation, and every revision."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from minsheng.exports.tables.schema import (
    AUTHOR,
    INDICATOR,
    NOTE,
    RECORDED_AT,
    REGION,
    SAMPLE,
    SOURCE,
    STATE,
    UNIT,
    VALUE,
    YEAR,
    ForeignKey,
    Table,
    make_fields,
    utc,
)
from minsheng.labels import SAMPLE_LABEL
from minsheng.store.repositories.observation_history import plan_revisions
from minsheng.store.tables import Observation, ObservationRevision, Plan
from minsheng.usecases.read.observations import list_observations
from minsheng.usecases.read.paging import Slice

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
        SAMPLE,
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
            "recorded_at": utc(o.recorded_at),
            "revision_id": o.revision_id,
            "sample_data": o.note == SAMPLE_LABEL,
        }
        for o in list_observations(session, plan_id=plan.id, window=Slice.everything()).items
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
        SAMPLE,
    )
    rows = [_revision_row(*found) for found in plan_revisions(session, plan_id=plan.id)]
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
        "recorded_at": utc(revision.created_at),
        "sample_data": revision.note == SAMPLE_LABEL,
    }
