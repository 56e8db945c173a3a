"""Observation tables: the value in force of every observation (published), and every
revision with who recorded it (the history, for administrators only)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from minsheng.exports.labels import word
from minsheng.exports.tables.places import region_codes, reporting_departments
from minsheng.exports.tables.schema import (
    AUTHOR,
    INDICATOR,
    NOTE,
    RECORDED_AT,
    REGION,
    SAMPLE,
    SOURCE,
    STATE,
    STATE_CODE,
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
from minsheng.usecases.read.observations import ObservationRow, list_observations
from minsheng.usecases.read.paging import Slice

_TO_INDICATOR = ForeignKey(("indicator_id",), "indicators", ("indicator_id",))


OBSERVATION_FIELDS = make_fields(
    REGION,
    INDICATOR,
    YEAR,
    VALUE,
    UNIT,
    SOURCE,
    NOTE,
    ("region_code", "string", "The region's GB/T 2260 code (行政区划代码)"),
    ("department", "string", "The department responsible for reporting the value (报送单位)"),
    ("observation_id", "integer", "The observation's id"),
    ("indicator_id", "integer", "The indicator's id"),
    STATE,
    STATE_CODE,
    RECORDED_AT,
    ("revision_id", "integer", "The revision in force"),
    SAMPLE,
)


def observations_table(session: Session, plan: Plan) -> Table:
    """The value in force of every observation, laid out as `observe import` reads it;
    published, so the reporting department stands where the staff's name would."""
    codes = region_codes(session, plan)
    departments = reporting_departments(session, plan)
    found = list_observations(session, plan_id=plan.id, window=Slice.everything()).items
    rows = [_observation_row(o, codes, departments) for o in found]
    return Table(
        "observations", "Observations", OBSERVATION_FIELDS, rows, ("observation_id",),
        (_TO_INDICATOR,),
    )  # fmt: skip


def _observation_row(
    o: ObservationRow, codes: dict[int, str | None], departments: dict[int, str | None]
) -> dict[str, Any]:
    return {
        "region": o.region, "indicator": o.indicator, "year": o.year, "value": o.value,
        "unit": o.unit, "source": o.source, "note": o.note,
        "region_code": codes.get(o.region_id), "department": departments.get(o.indicator_id),
        "observation_id": o.id, "indicator_id": o.indicator_id,
        "state": word(o.state), "state_code": o.state,
        "recorded_at": utc(o.recorded_at), "revision_id": o.revision_id,
        "sample_data": o.note == SAMPLE_LABEL,
    }  # fmt: skip


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
        STATE_CODE,
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
        "state": word(revision.state),
        "state_code": revision.state,
        "reason": revision.reason,
        "note": revision.note,
        "author": revision.author,
        "recorded_at": utc(revision.created_at),
        "sample_data": revision.note == SAMPLE_LABEL,
    }
