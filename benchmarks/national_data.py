"""A synthetic national-scale database (示例数据) for benchmarks/national_benchmark.py.

Scale: FULL_REGIONS = 2,875 county-level regions (示例县0001 … 示例县2875, spread over 31
provinces 示例省01 … 示例省31), one plan each with the same 40 indicators over the nine
domains, and 15 years of approved observations (2016–2030) per indicator and region:
2,875 × 40 × 15 = 1,725,000 observations. Region i always gets the same plan and values
(seeded by i), so a 10 % database is exactly the first 288 regions of the full one.
Nothing here is real data: names and every plan title say 示例数据.

The data goes through the store's own code paths:

* Plans are `minsheng.model.plan.ParsedPlan` objects stored with
  `minsheng.usecases.import_plan.import_plan` (as `usecases/demo.py` stores the bundled
  plans): region and province rows, the plan, its indicators (matched to the catalogue),
  the audit rows, and each indicator's 2020 baseline as an approved observation of the
  base year (`plan_values`, written through the store's bulk path `add_revisions`). Each
  call is the real use case; only the transaction is shared by a batch of IMPORT_BATCH
  plans (`session_scope` per batch). The full national import takes about 2.5 minutes on
  PostgreSQL and 9 on SQLite (which commits each batch to disk); hence the cache.
  The national reference plan is stored too (`ensure_reference_plan`), as on every
  database the app opens.
* Observations of the other years (and of 2020 for the cumulative indicators, whose
  bracketed baseline the import does not store) go through the store's bulk write path,
  `store.repositories.observations.add_revisions` (`record_bulk`), OBSERVATION_BATCH
  regions per transaction: it creates the observations, writes their approved revisions
  and sets both revision pointers (`current_revision_id`, `latest_revision_id`) of every
  observation, the invariant the read side relies on. One audit row per batch records
  the load, so the data version (highest audit id) that the caches key on moves as with
  any write.

`check_invariants` verifies the counts and that no observation lacks its pointers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minsheng.evaluate.direction import Direction
from minsheng.evaluate.status import direction_codes
from minsheng.model.observation import ReviewState, Source
from minsheng.model.plan import (
    DOMAINS,
    Attribute,
    Level,
    ParsedPlan,
    Period,
    PlanMeta,
)
from minsheng.model.plan import Indicator as PlanIndicator
from minsheng.model.value import Comparator, Value, ValueKind
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.store.repositories import audit
from minsheng.store.repositories import observations as observation_store
from minsheng.store.repositories.observations import NewRevision
from minsheng.store.tables import Indicator, Observation, Plan, Region
from minsheng.usecases.import_plan import import_plan
from minsheng.usecases.reference import ensure_reference_plan

logger = logging.getLogger(__name__)

GENERATOR_VERSION = 2
"""Bump when the generated data or the way it is written changes: caches are rebuilt."""
BULK_PATH = "store.repositories.observations.add_revisions"
FULL_REGIONS = 2_875
PROVINCES = 31
YEARS = tuple(range(2016, 2031))
BASE_YEAR = 2020
PERIOD = Period(start=2021, end=2025)
TARGET_YEAR = PERIOD.end
AUTHOR = "national benchmark"
IMPORT_BATCH = 100
"""Plans imported per transaction."""
OBSERVATION_BATCH = 50
"""Regions whose observations are written per transaction (50 × 40 × 15 = 30,000 rows)."""
SEED = 20_251_201


@dataclass(frozen=True)
class Spec:
    """One indicator of the synthetic plans: names from the bundled catalogue."""

    domain: str
    name: str
    unit: str
    baseline: float
    target: float
    comparator: Comparator | None = None
    binding: bool = False
    cumulative: bool = False
    lower: bool = False

    @property
    def percent(self) -> bool:
        return self.unit == "%"


_GE, _LE = Comparator.GE, Comparator.LE
D = DOMAINS
SPECS: tuple[Spec, ...] = (
    Spec(D[0], "每千人口拥有3岁以下婴幼儿托位数", "个", 1.5, 4.5, _GE),
    Spec(D[0], "孤儿和事实无人抚养儿童保障覆盖率", "%", 97.0, 99.5, _GE, binding=True),
    Spec(D[0], "适龄儿童免疫规划疫苗接种率", "%", 96.5, 98.0, _GE, binding=True),
    Spec(D[0], "开展国家免费孕前优生健康检查的县(市、区)覆盖率", "%", 95.0, 100.0),
    Spec(D[1], "学前教育毛入园率", "%", 88.0, 92.0, _GE),
    Spec(D[1], "学前教育普惠率", "%", 80.0, 85.0, _GE, binding=True),
    Spec(D[1], "九年义务教育巩固率", "%", 95.0, 96.0, _GE, binding=True),
    Spec(D[1], "高中阶段教育毛入学率", "%", 90.0, 93.0, _GE),
    Spec(D[1], "劳动年龄人口平均受教育年限", "年", 10.5, 11.3),
    Spec(D[1], "义务教育基本均衡县（市、区）的比例", "%", 85.0, 100.0),
    Spec(D[2], "城镇新增就业人数", "万人", 1.0, 1.2, cumulative=True),
    Spec(D[2], "城镇登记失业率", "%", 4.6, 4.0, _LE, lower=True),
    Spec(D[2], "参加各类补贴性职业技能培训人数", "万人次", 0.6, 0.8, cumulative=True),
    Spec(D[2], "失业保险参保人数", "万人", 3.0, 3.6),
    Spec(D[2], "企业劳动合同签订率", "%", 90.0, 95.0, _GE),
    Spec(D[3], "人均预期寿命", "岁", 77.5, 78.5),
    Spec(D[3], "每千人口医疗卫生机构床位数", "张", 5.8, 6.5),
    Spec(D[3], "每千人口拥有执业（助理）医师数", "人", 2.6, 3.2),
    Spec(D[3], "每千人口拥有注册护士数", "人", 2.9, 3.8),
    Spec(D[3], "孕产妇死亡率", "1/10万", 12.0, 10.0, _LE, binding=True, lower=True),
    Spec(D[3], "婴儿死亡率", "‰", 4.5, 4.0, _LE, binding=True, lower=True),
    Spec(D[4], "基本养老保险参保率", "%", 90.0, 95.0, binding=True),
    Spec(D[4], "养老机构护理型床位占比", "%", 45.0, 55.0, _GE, binding=True),
    Spec(D[4], "乡镇（街道）范围具备综合功能的养老服务机构覆盖率", "%", 40.0, 60.0, _GE),
    Spec(D[4], "每千名老年人拥有养老床位数", "张", 30.0, 35.0),
    Spec(D[4], "新建城区、居住（小）区配套建设养老服务设施达标率", "%", 80.0, 100.0, binding=True),
    Spec(D[5], "城镇户籍低保、低收入家庭申请公租房的保障率", "%", 95.0, 100.0),
    Spec(D[5], "符合条件的农村低收入群体住房安全保障率", "%", 98.0, 100.0, binding=True),
    Spec(D[5], "城镇老旧小区改造", "个", 20.0, 40.0, cumulative=True),
    Spec(D[5], "农村危房改造", "户", 300.0, 150.0, cumulative=True),
    Spec(
        D[6], "困难残疾人生活补贴和重度残疾人护理补贴目标人群覆盖率", "%", 98.0, 100.0, binding=True
    ),
    Spec(D[6], "残疾人基本康复服务覆盖率", "%", 80.0, 85.0, _GE),
    Spec(D[6], "城镇最低生活保障标准", "元/月", 650.0, 800.0),
    Spec(D[6], "农村最低生活保障标准", "元/月", 500.0, 650.0),
    Spec(D[6], "生活不能自理特困人员集中供养率", "%", 50.0, 60.0, _GE),
    Spec(D[7], "退役军人适应性培训参训率", "%", 90.0, 95.0, _GE),
    Spec(D[7], "转业军官和政府安排退役士兵安置率", "%", 99.0, 100.0, binding=True),
    Spec(D[8], "人均体育场地面积", "平方米", 2.0, 2.6),
    Spec(D[8], "经常参加体育锻炼人数比例", "%", 38.0, 40.0, _GE),
    Spec(D[8], "广播、电视人口综合覆盖率", "%", 99.0, 99.5, _GE),
)
assert len(SPECS) == 40 and {s.domain for s in SPECS} == set(DOMAINS)

_SYMBOL = {Comparator.GE: "≥", Comparator.LE: "≤"}


def regions_for(fraction: float) -> int:
    """How many regions a fraction of the national scale holds (at least one)."""
    return max(1, round(FULL_REGIONS * fraction))


def region_name(index: int) -> str:
    return f"示例县{index + 1:04d}"


def province_name(index: int) -> str:
    return f"示例省{index % PROVINCES + 1:02d}"


def region_index(name: str) -> int:
    return int(name.removeprefix("示例县")) - 1


# --- Plans ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionFacts:
    """Region i's plan numbers: baselines and targets of its 40 indicators."""

    baseline: np.ndarray
    target: np.ndarray


def _rng(index: int, stream: int) -> np.random.Generator:
    return np.random.default_rng([SEED, index, stream])


def region_facts(index: int) -> RegionFacts:
    """Baselines vary by region (±4 %, a size factor for cumulative totals); targets are
    the plan's decision: shared for rates, scaled with the region for totals."""
    rng = _rng(index, 0)
    size = rng.uniform(0.3, 3.0)
    baseline, target = [], []
    for spec, wobble in zip(SPECS, rng.uniform(0.96, 1.04, len(SPECS)), strict=True):
        if spec.cumulative:
            baseline.append(round(spec.baseline * size, 1))
            target.append(round(spec.target * size, 1))
            continue
        value = spec.baseline * wobble
        if spec.percent:
            value = min(value, 99.9)
        baseline.append(round(value, 2))
        target.append(spec.target)
    return RegionFacts(np.array(baseline), np.array(target))


def _number(number: float, *, cumulative: bool = False) -> Value:
    text = f"{number:g}"
    raw = f"[{text}]" if cumulative else text
    return Value(raw=raw, kind=ValueKind.NUMBER, number=number, cumulative=cumulative)


def _target(spec: Spec, number: float) -> Value:
    if spec.cumulative:
        return _number(number, cumulative=True)
    if spec.comparator is None:
        return _number(number)
    raw = f"{_SYMBOL[spec.comparator]}{number:g}"
    return Value(raw=raw, kind=ValueKind.COMPARISON, number=number, comparator=spec.comparator)


def synthetic_plan(index: int) -> ParsedPlan:
    """Region i's plan, as the parser would hand it over (no document behind it)."""
    facts = region_facts(index)
    region = region_name(index)
    indicators = [
        PlanIndicator(
            domain=spec.domain,
            name=spec.name,
            unit=spec.unit,
            baseline=_number(float(base), cumulative=spec.cumulative),
            target=_target(spec, float(goal)),
            attribute=Attribute.BINDING if spec.binding else Attribute.EXPECTED,
            cumulative=spec.cumulative,
            line=100 + position,
        )
        for position, (spec, base, goal) in enumerate(
            zip(SPECS, facts.baseline, facts.target, strict=True)
        )
    ]
    return ParsedPlan(
        source=f"national-sample-{index + 1:04d}.json",
        plan=PlanMeta(
            region=region,
            province=province_name(index),
            level=Level.COUNTY,
            title=f"{region}“十四五”公共服务规划（示例数据）",
            issue_date=date(2022, 1, 1),
            period=PERIOD,
        ),
        outline=[],
        indicators=indicators,
        indicator_table_notes=["注：示例数据，由基准测试生成，并非真实规划。"],
        previous_plan_results=[],
        service_items=[],
        service_counts={},
        columns=[],
        projects=[],
        warnings=[],
    )


# --- Observations ---------------------------------------------------------------------------


def region_series(index: int) -> np.ndarray:
    """Region i's values, shape (40 indicators, 15 years), NaN nowhere.

    Rates move from the baseline towards the target at a region- and indicator-specific
    pace (from falling back to overshooting), so every status occurs; totals report an
    annual amount around a fifth of the five-year target. Percentages stay within 0–100.
    """
    facts = region_facts(index)
    rng = _rng(index, 1)
    n, years = len(SPECS), np.array(YEARS, dtype=float)
    pace = rng.uniform(-0.4, 1.6, n)[:, None]
    before = rng.uniform(0.5, 1.2, n)[:, None]  # the pace of the previous plan
    step = (facts.target - facts.baseline)[:, None] / (TARGET_YEAR - BASE_YEAR)
    elapsed = (years - BASE_YEAR)[None, :]
    path = facts.baseline[:, None] + step * np.where(elapsed > 0, pace, before) * elapsed
    noise = rng.normal(0.0, 0.05, (n, len(YEARS))) * np.abs(step)
    values = path + noise
    cumulative = np.array([s.cumulative for s in SPECS])
    annual = (facts.target / 5.0)[:, None] * rng.uniform(0.6, 1.4, (n, len(YEARS)))
    values = np.where(cumulative[:, None], annual, values)
    percent = np.array([s.percent for s in SPECS])
    values = np.where(percent[:, None], np.clip(values, 0.0, 100.0), np.maximum(values, 0.0))
    return np.round(values, 2)


def stored_by_import(spec: Spec, year: int) -> bool:
    """Whether `import_plan` already stored this year's value (the plan's own baseline)."""
    return year == BASE_YEAR and not spec.cumulative


@dataclass(frozen=True)
class BulkRow:
    indicator_id: int
    region_id: int
    year: int
    value: float
    unit: str


def bulk_rows(index: int, region_id: int, indicator_ids: list[int]) -> Iterator[BulkRow]:
    """Region i's observations still to write (the import stored the 2020 baselines)."""
    series = region_series(index)
    for position, (spec, indicator_id) in enumerate(zip(SPECS, indicator_ids, strict=True)):
        for column, year in enumerate(YEARS):
            if not stored_by_import(spec, year):
                yield BulkRow(
                    indicator_id, region_id, year, float(series[position, column]), spec.unit
                )


def kernel_arrays(regions: int, year: int = TARGET_YEAR) -> dict[str, Any]:
    """The evaluator's inputs for every (indicator, region) row, as `evaluate_arrays` takes
    them: the latest value at or before `year`, or the total since the base year for the
    cumulative indicators. Same rows as the database holds, built without it."""
    columns = [i for i, y in enumerate(YEARS) if y <= year]
    latest = columns[-1]
    since_base = [i for i in columns if YEARS[i] > BASE_YEAR]
    baseline, target, value = [], [], []
    cumulative = np.array([s.cumulative for s in SPECS])
    for index in range(regions):
        facts, series = region_facts(index), region_series(index)
        baseline.append(np.where(cumulative, 0.0, facts.baseline))
        target.append(facts.target)
        value.append(np.where(cumulative, series[:, since_base].sum(axis=1), series[:, latest]))
    directions = [
        Direction.LOWER_IS_BETTER if s.lower else Direction.HIGHER_IS_BETTER for s in SPECS
    ]
    return {
        "baseline": np.concatenate(baseline),
        "target": np.concatenate(target),
        "value": np.concatenate(value),
        "year": float(year),
        "direction": np.tile(direction_codes(directions), regions),
        "base_year": float(BASE_YEAR),
        "target_year": float(TARGET_YEAR),
        "cumulative": np.tile(cumulative, regions),
        "binding": np.tile(np.array([s.binding for s in SPECS]), regions),
    }


# --- Writing --------------------------------------------------------------------------------


def record_bulk(session: Session, rows: list[BulkRow]) -> int:
    """Write new approved observations with their revisions and pointers; returns how many.

    Through the store's bulk path, `observations.add_revisions`, which creates the
    observations, writes the revisions and sets both pointers; one audit row records it.
    """
    revision_ids = observation_store.add_revisions(
        session,
        revisions=[
            NewRevision(
                key=(row.indicator_id, row.region_id, row.year),
                value=row.value,
                source=Source.STATISTICAL_BULLETIN,
                unit=row.unit,
                raw=f"{row.value:g}",
            )
            for row in rows
        ],
        state=ReviewState.APPROVED,
        author=AUTHOR,
    )
    audit.record(
        session,
        username=AUTHOR,
        action="record",
        entity="observation_revision",
        entity_id=None,
        detail={"bulk": len(revision_ids), "synthetic": True},
    )
    return len(revision_ids)


# --- Building -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildTimes:
    regions: int
    import_s: float
    observations_s: float
    observations: int
    path: str

    @property
    def total_s(self) -> float:
        return self.import_s + self.observations_s


def _batches(count: int, size: int) -> Iterator[range]:
    for start in range(0, count, size):
        yield range(start, min(start + size, count))


def build(url: str, regions: int, *, progress: Callable[[str], None] = print) -> BuildTimes:
    """Migrate the empty database at `url` and fill it with `regions` synthetic plans."""
    upgrade_database(url)
    engine = create_engine_for(url)
    try:
        started = time.perf_counter()
        for batch in _batches(regions, IMPORT_BATCH):
            with session_scope(engine) as session:
                for index in batch:
                    import_plan(session, synthetic_plan(index), author=AUTHOR)
            progress(f"  plans {batch.stop:,}/{regions:,}  {time.perf_counter() - started:7.1f} s")
        with session_scope(engine) as session:
            ensure_reference_plan(session)
        import_s = time.perf_counter() - started
        started, written = time.perf_counter(), 0
        with session_scope(engine, writes=False) as session:
            layout = _layout(session)
        for batch in _batches(regions, OBSERVATION_BATCH):
            rows = [row for index in batch for row in bulk_rows(index, *layout[region_name(index)])]
            with session_scope(engine) as session:
                written += record_bulk(session, rows)
            if batch.stop % (OBSERVATION_BATCH * 10) == 0 or batch.stop == regions:
                elapsed = time.perf_counter() - started
                progress(f"  observations {written:,}  {elapsed:7.1f} s")
        observations_s = time.perf_counter() - started
        with session_scope(engine, writes=False) as session:
            check_invariants(session, regions)
    finally:
        engine.dispose()
    return BuildTimes(regions, import_s, observations_s, written, BULK_PATH)


def _layout(session: Session) -> dict[str, tuple[int, list[int]]]:
    """Region name → (region id, indicator ids in plan order) of the synthetic plans."""
    query = (
        select(Region.name, Region.id, Indicator.id)
        .join(Plan, Plan.region_id == Region.id)
        .join(Indicator, Indicator.plan_id == Plan.id)
        .where(Plan.is_current, Plan.source_name.like("national-sample-%"))
        .order_by(Region.id, Indicator.position)
    )
    layout: dict[str, tuple[int, list[int]]] = {}
    for name, region_id, indicator_id in session.execute(query):
        layout.setdefault(name, (region_id, []))[1].append(indicator_id)
    return layout


def check_invariants(session: Session, regions: int) -> None:
    """Every expected observation is there, and every one points at its revisions."""
    expected = regions * len(SPECS) * len(YEARS)
    synthetic = (
        select(func.count())
        .select_from(Observation)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(Plan, Plan.id == Indicator.plan_id)
        .where(Plan.source_name.like("national-sample-%"))
    )
    found = session.scalar(synthetic) or 0
    if found != expected:
        raise RuntimeError(f"{found:,} observations of the synthetic plans, expected {expected:,}")
    unpointed = session.scalar(
        select(func.count())
        .select_from(Observation)
        .where(
            (Observation.current_revision_id.is_(None)) | (Observation.latest_revision_id.is_(None))
        )
    )
    if unpointed:
        raise RuntimeError(f"{unpointed:,} observations lack their revision pointers")
