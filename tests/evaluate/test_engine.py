"""The row-level API: typed cells and loose observations in, readable verdicts out."""

from __future__ import annotations

import pytest

from minsheng.evaluate import (
    Direction,
    IndicatorTarget,
    Method,
    Observation,
    Status,
    WarningLevel,
    evaluate,
    previous_plan_verdict,
)
from minsheng.model.cell import parse_value
from minsheng.model.plan import Attribute, Indicator


def target(name, baseline, goal, attribute=None, **kwargs) -> IndicatorTarget:
    return IndicatorTarget(name, parse_value(baseline), parse_value(goal), attribute, **kwargs)


TARGETS = [
    target("每千人口执业医师数", "10", "≥20", Attribute.BINDING),
    target("孕产妇死亡率", "15", "10", Attribute.EXPECTED),
    target("城镇新增就业人数", "—", "[20]", Attribute.EXPECTED),
    target("困难群众救助", "—", "应保尽保", Attribute.BINDING),
    target("学前教育毛入园率", "20", "28~45"),
]


def test_evaluate_uses_the_latest_value_at_or_before_the_year():
    observations = [
        Observation(0, "合肥市", 2021, 11.0),
        Observation(0, "合肥市", 2023, 14.0),
        Observation(0, "合肥市", 2024, 30.0),  # after the year asked: ignored
    ]
    (row,) = [e for e in evaluate(TARGETS[:1], observations, 2023)]
    assert (row.name, row.region, row.year, row.value) == (
        "每千人口执业医师数",
        "合肥市",
        2023,
        14.0,
    )
    assert row.status is Status.MODERATELY_IMPROVING
    assert row.ratio == pytest.approx(4 / 6)
    assert row.warning is WarningLevel.RED  # binding and not on track
    assert row.direction is Direction.HIGHER_IS_BETTER


def test_evaluate_every_indicator_in_every_region():
    observations = [
        Observation(0, "合肥市", 2023, 16.0),
        Observation(1, "合肥市", 2023, 16.0),
        Observation(2, "合肥市", 2021, 4.0),
        Observation(2, "合肥市", 2022, 4.5),
        Observation(2, "合肥市", 2023, 3.5),
        Observation(2, "合肥市", 2020, 99.0),  # the base year is not part of the total
        Observation(3, "合肥市", 2023, 0.0),
        Observation(4, "合肥市", 2023, 30.0),
        Observation(0, "芜湖市", 2023, 9.0),
    ]
    rows = {(e.name, e.region): e for e in evaluate(TARGETS, observations, 2023)}
    assert len(rows) == 10
    assert rows["每千人口执业医师数", "合肥市"].status is Status.ON_TRACK
    assert rows["孕产妇死亡率", "合肥市"].status is Status.REGRESSING
    assert rows["孕产妇死亡率", "合肥市"].warning is WarningLevel.YELLOW
    cumulative = rows["城镇新增就业人数", "合肥市"]
    assert (cumulative.value, cumulative.status) == (12.0, Status.ON_TRACK)
    assert rows["困难群众救助", "合肥市"].status is Status.STAGNATING
    assert rows["困难群众救助", "合肥市"].warning is WarningLevel.RED
    assert rows["学前教育毛入园率", "合肥市"].status is Status.ACHIEVED
    assert rows["每千人口执业医师数", "芜湖市"].status is Status.REGRESSING
    no_data = rows["孕产妇死亡率", "芜湖市"]
    assert (no_data.status, no_data.value, no_data.year) == (Status.NO_DATA, None, 2023)
    assert no_data.warning is WarningLevel.NONE


def test_evaluate_with_the_growth_rate_method():
    observations = [Observation(0, "合肥市", 2022, 12.0)]
    targets = [target("每千人口执业医师数", "10", "≥20")]
    linear = evaluate(targets, observations, 2022)[0]
    growth = evaluate(targets, observations, 2022, method=Method.GROWTH_RATE)[0]
    assert linear.ratio == pytest.approx(0.5)
    assert growth.ratio == pytest.approx((1.2**0.5 - 1) / (2**0.2 - 1))
    assert growth.status is Status.MODERATELY_IMPROVING


def test_from_indicator_keeps_the_ingested_cells():
    indicator = Indicator(
        domain="病有所医",
        name="孕产妇死亡率",
        baseline=parse_value("15"),
        target=parse_value("13.2"),
        attribute=Attribute.BINDING,
        line=1,
    )
    t = IndicatorTarget.from_indicator(indicator, base_year=2020, target_year=2025)
    assert t.resolved_direction is Direction.LOWER_IS_BETTER
    assert (t.attribute, t.cumulative) == (Attribute.BINDING, False)


@pytest.mark.parametrize(
    ("name", "goal", "actual", "status"),
    [
        ("孕产妇死亡率", "13.2", "2.71", Status.ACHIEVED),
        ("每千常住人口医疗卫生机构床位数", "8.0", "7.24", Status.NOT_ACHIEVED),
        ("每千常住人口医疗卫生机构床位数", "8.0", "8.0", Status.ACHIEVED),
        ("适龄儿童免疫规划疫苗接种率", ">99.2", "100", Status.ACHIEVED),
        ("适龄儿童免疫规划疫苗接种率", ">99.2", "99.2", Status.NOT_ACHIEVED),
        ("城镇调查失业率", "≤5.5", "5.8", Status.NOT_ACHIEVED),
        ("学前教育毛入园率", "28~45", "30", Status.ACHIEVED),
        ("城镇新增就业人数", "[20]", "23", Status.ACHIEVED),
        ("养老床位数", "686", "686(646)", Status.NOT_EVALUABLE),
        ("养老床位数", "686", "—", Status.NOT_EVALUABLE),
        ("养老床位数", "—", "686", Status.NOT_EVALUABLE),
        ("养老床位数", "686", "≥690", Status.ACHIEVED),  # its worst case, 690, meets 686
        ("城镇最低生活保障标准", "670", "686(646)", Status.NOT_EVALUABLE),  # 686 meets, 646 not
        ("农村最低生活保障标准", "440", "686(646)", Status.ACHIEVED),  # both numbers ≥ 440
        ("城镇登记失业率", "4.5以下", "<3.5", Status.ACHIEVED),  # every value < 3.5 is ≤ 4.5
        ("城镇登记失业率", "4.5以下", ">3.5", Status.NOT_EVALUABLE),  # could be above 4.5
        ("困难群众救助", "应保尽保", "应保尽保", Status.ACHIEVED),
        ("困难群众救助", "应保尽保", "基本实现", Status.NOT_EVALUABLE),
        ("困难群众救助", "应保尽保", "100", Status.NOT_EVALUABLE),
    ],
)
def test_previous_plan_verdict(name, goal, actual, status):
    assert previous_plan_verdict(parse_value(goal), parse_value(actual), name) is status
