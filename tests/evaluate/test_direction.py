"""Direction comes from the target's form, then the catalogue, the name, the movement."""

from __future__ import annotations

import pytest

from minsheng.evaluate.direction import Direction, infer_direction
from minsheng.model.cell import parse_value


@pytest.mark.parametrize(
    ("name", "baseline", "target", "catalogue", "direction"),
    [
        ("每千人口执业医师数", "3.2", "≥4.6", None, Direction.HIGHER_IS_BETTER),
        ("城镇新增就业", "30", ">40", Direction.LOWER_IS_BETTER, Direction.HIGHER_IS_BETTER),
        ("孕产妇死亡率", "15", "≤12", None, Direction.LOWER_IS_BETTER),
        ("城镇调查失业率", "5.2", "<5.5", None, Direction.LOWER_IS_BETTER),
        ("学前教育毛入园率", "20", "28~45", None, Direction.WITHIN_BAND),
        ("困难群众救助", "—", "应保尽保", None, Direction.QUALITATIVE),
        ("某指标", "10", "13.2", Direction.LOWER_IS_BETTER, Direction.LOWER_IS_BETTER),
        ("孕产妇死亡率", "10", "13.2", None, Direction.LOWER_IS_BETTER),  # at most 13.2
        ("婴儿死亡率", "5", "3左右", None, Direction.LOWER_IS_BETTER),
        ("个人卫生支出占卫生总费用比重", "28", "27", None, Direction.LOWER_IS_BETTER),
        ("人均住房面积", "40", "38", None, Direction.LOWER_IS_BETTER),  # movement decides
        ("人均住房面积", "40", "45", None, Direction.HIGHER_IS_BETTER),
        ("人均住房面积", "—", "45", None, Direction.HIGHER_IS_BETTER),  # the default
        ("养老机构床位", "100", "100", None, Direction.HIGHER_IS_BETTER),
    ],
)
def test_infer_direction(name, baseline, target, catalogue, direction):
    got = infer_direction(name, parse_value(baseline), parse_value(target), catalogue)
    assert got is direction
