"""Values no statistic can take: not finite, beyond their unit's bounds or a trillion."""

from __future__ import annotations

import pytest

from minsheng.collect import IndicatorSpec
from minsheng.collect.validate.cells import Rules

LIFE = IndicatorSpec.infer("人均预期寿命", "岁")
DEATHS = IndicatorSpec.infer("孕产妇死亡率", "每10万人")
BEDS = IndicatorSpec.infer("养老床位数", "张")
GROWTH = IndicatorSpec.infer("常住人口增长率", "‰")


@pytest.mark.parametrize(
    ("spec", "raw", "says"),
    [
        (LIFE, "1e309", "有限"),
        (LIFE, "9" * 400, "有限"),
        (BEDS, "-1e309", "有限"),
        (LIFE, "800", "合理范围（0—150）"),
        (LIFE, "800.5", "合理范围"),
        (GROWTH, "1200", "合理范围（0—1000）"),
        (DEATHS, "150000", "合理范围"),
        (BEDS, "2e12", "一万亿"),
        (BEDS, "3000000000000", "一万亿"),
    ],
)
def test_an_impossible_number_is_refused_saying_why(spec, raw, says):
    cell = Rules.value(raw, spec)
    assert cell.value is None
    assert cell.problem is not None and says in cell.problem


@pytest.mark.parametrize(
    ("spec", "raw", "number"),
    [
        (LIFE, "78.9", 78.9),
        (DEATHS, "12.5", 12.5),
        (BEDS, "120000", 120000.0),
        (GROWTH, "-3.2", -3.2),
        (LIFE, "1e2", 100.0),
    ],
)
def test_a_plausible_number_passes(spec, raw, number):
    assert Rules.value(raw, spec).value == number
