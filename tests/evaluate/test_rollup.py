"""Roll-ups by domain and the early-warning list, over evaluations made by the engine."""

from __future__ import annotations

from minsheng.evaluate import IndicatorTarget, Observation, Status, WarningLevel, evaluate
from minsheng.evaluate.rollup import early_warnings, rollup_by_domain
from minsheng.model.cell import parse_value
from minsheng.model.plan import Attribute


def target(name: str, domain: str, baseline: str, goal: str, attribute: Attribute):
    return IndicatorTarget(
        name=name,
        baseline=parse_value(baseline),
        target=parse_value(goal),
        attribute=attribute,
        domain=domain,
    )


TARGETS = [
    target("托位数", "幼有所育", "1", "4", Attribute.EXPECTED),  # 2023 path 2.8
    target("巩固率", "学有所教", "95", "≥99", Attribute.BINDING),  # 2023 path 97.4
    target("毛入学率", "学有所教", "90", "95", Attribute.EXPECTED),  # 2023 path 93
    target("死亡率", "病有所医", "10", "≤8", Attribute.BINDING),  # 2023 path 8.8
]
# 托位数 1.2: r=0.2/1.8 stagnating → yellow; 巩固率 96: r=1/2.4 stagnating → red;
# 毛入学率 93: r=1 on track; 死亡率 11: regressing → red.
VALUES = [1.2, 96, 93, 11]


def evaluations():
    observations = [Observation(i, "甲市", 2023, v) for i, v in enumerate(VALUES)]
    return evaluate(TARGETS, observations, 2023)


def test_rollup_counts_statuses_per_domain_in_plan_order():
    rollup = rollup_by_domain(evaluations())
    assert list(rollup) == ["幼有所育", "学有所教", "病有所医"]
    assert rollup["学有所教"] == {Status.STAGNATING: 1, Status.ON_TRACK: 1}
    assert rollup["病有所医"] == {Status.REGRESSING: 1}


def test_early_warnings_put_red_first_and_leave_out_the_unwarned():
    warned = early_warnings(evaluations())
    assert [(e.name, e.warning) for e in warned] == [
        ("巩固率", WarningLevel.RED),
        ("死亡率", WarningLevel.RED),
        ("托位数", WarningLevel.YELLOW),
    ]
