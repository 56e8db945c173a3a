"""The evaluation results of a plan's package (评估结果): every indicator in the plan's
region and its districts judged as of each year of the period that has data, as the
evaluation page shows them — 进度正常, 出现倒退 …, 红色预警 — with the codes kept beside.

Rows are published data: the region's code, the reporting department, and a verdict on
synthetic 示例数据 flagged as such."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation
from minsheng.exports.labels import word
from minsheng.exports.tables.places import region_codes, reporting_departments
from minsheng.exports.tables.schema import (
    ATTRIBUTE,
    ATTRIBUTE_CODE,
    DOMAIN,
    PLAN_ID,
    SAMPLE,
    UNIT,
    ForeignKey,
    Table,
    make_fields,
    to_plan,
)
from minsheng.store.repositories import plan_parts
from minsheng.store.tables import Plan
from minsheng.usecases.read.evaluations import evaluate_plan, evaluation_year
from minsheng.usecases.read.period import Period

SampleKeys = set[tuple[int, str, int]]
"""(indicator id, region name, year) of the synthetic values."""

EVALUATION_FIELDS = make_fields(
    PLAN_ID,
    ("evaluation_year", "integer", "The year judged as of (评估年份)"),
    ("indicator_id", "integer", "The indicator's id"),
    DOMAIN,
    ("indicator", "string", "Indicator name as in the plan"),
    UNIT,
    ATTRIBUTE,
    ATTRIBUTE_CODE,
    ("region", "string", "Region judged (the city, a district or a county)"),
    ("region_code", "string", "The region's GB/T 2260 code (行政区划代码)"),
    ("data_year", "integer", "Year of the value judged (数据年份)"),
    ("value", "number", "The value judged (a running total for cumulative targets)"),
    ("baseline", "string", "Baseline as written in the plan"),
    ("target", "string", "Target as written in the plan"),
    ("ratio", "number", "Share of the way from baseline to target covered (1 = on schedule)"),
    ("status", "string", "Verdict: 已实现, 进度正常, 进展缓慢, 出现倒退, 无法评估 …"),
    ("status_code", "string", "The verdict's code: achieved, on_track, regressing …"),
    ("warning", "string", "红色预警, 黄色预警 or 无预警"),
    ("warning_code", "string", "The warning's code: red, yellow or none"),
    ("department", "string", "The department responsible for reporting it (责任单位)"),
    SAMPLE,
)


@dataclass(frozen=True)
class _Known:
    """What a verdict's row adds to it, looked up once per plan."""

    codes: dict[int, str | None]
    departments: dict[int, str | None]
    units: dict[int, str | None]
    sample: SampleKeys


def evaluations_table(session: Session, plan: Plan, sample: SampleKeys) -> Table:
    """Every verdict as of each year from the period's first to its newest with data."""
    units = {i.id: i.unit for i in plan_parts.indicators_of(session, plan_id=plan.id)}
    known = _Known(region_codes(session, plan), reporting_departments(session, plan), units, sample)
    last = evaluation_year(session, plan)
    rows = [
        _row(plan.id, year, evaluation, known)
        for year in Period.of(plan).years
        if year <= last
        for evaluation in evaluate_plan(session, plan_id=plan.id, year=year).evaluations
    ]
    keys = ("plan_id", "evaluation_year", "indicator_id", "region")
    to_indicators = ForeignKey(("indicator_id",), "indicators", ("indicator_id",))
    return Table("evaluations", "Evaluation results", EVALUATION_FIELDS, rows, keys,
                 (to_plan("plan_id"), to_indicators))  # fmt: skip


def _row(plan_id: int, year: int, e: Evaluation, known: _Known) -> dict[str, Any]:
    indicator_id = e.indicator_id or 0
    return {
        "plan_id": plan_id, "evaluation_year": year, "indicator_id": indicator_id,
        "domain": e.domain, "indicator": e.name, "unit": known.units.get(indicator_id),
        "attribute": word(e.attribute), "attribute_code": _code(e.attribute),
        "region": e.region, "region_code": known.codes.get(e.region_id or 0), "data_year": e.year,
        "value": e.value, "baseline": e.baseline.raw, "target": e.target.raw,
        "ratio": e.ratio, "status": word(e.status), "status_code": _code(e.status),
        "warning": word(e.warning), "warning_code": _code(e.warning),
        "department": known.departments.get(indicator_id),
        "sample_data": (indicator_id, e.region, e.year) in known.sample,
    }  # fmt: skip


def _code(value: object) -> str | None:
    """An enum's plain value, for the code columns."""
    return None if value is None else str(value)


def sample_keys(observations: Table) -> SampleKeys:
    """The synthetic values of an observations table, to flag the verdicts on them."""
    return {
        (row["indicator_id"], row["region"], row["year"])
        for row in observations.rows
        if row["sample_data"]
    }
