"""Range rules and the Chinese reasons a reviewer reads next to a flagged value.

Kept with the outlier rule they explain; pure (numbers in, text out), so upload, form and
review word a flag the same way.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from minsheng.collect.validate.outliers import CHANGE_RULE


class Range(NamedTuple):
    """A plausible minimum and maximum (either may be open), and where it applies."""

    low: float | None
    high: float | None
    scope: str
    """The region it was set for, or 全部地区."""


EVERY_REGION = "全部地区"


def outside(value: float | None, rule: Range | None) -> bool:
    """Whether the value falls below the rule's minimum or above its maximum."""
    if value is None or rule is None:
        return False
    return (rule.low is not None and value < rule.low) or (
        rule.high is not None and value > rule.high
    )


def number(value: float | None) -> str:
    """A number as a reviewer reads it: 9.1, 16.2, 1,200 (— when there is none)."""
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"


def range_text(rule: Range) -> str:
    low = number(rule.low) if rule.low is not None else "不限"
    high = number(rule.high) if rule.high is not None else "不限"
    return f"{low}–{high}"


def range_reason(value: float, rule: Range) -> str:
    side = "低于下限" if rule.low is not None and value < rule.low else "高于上限"
    return f"超出设定范围：{number(value)} {side}（范围 {range_text(rule)}，适用于{rule.scope}）"


def change_text(change: float, previous: float) -> str:
    """+7.1（+78.0%）: the absolute change and, when the base is not zero, the percentage."""
    sign = "+" if change > 0 else ""
    if previous == 0:
        return f"{sign}{number(change)}"
    return f"{sign}{number(change)}（{sign}{change / abs(previous):.1%}）"


def change_reason(
    *, change: float, previous: float, previous_year: int, expected: float, allowance: float
) -> str:
    """Why a change is flagged: how far it strays from the trend, and what was allowed."""
    moved = f"较{previous_year}年{change_text(change, previous)}"
    if math.isnan(expected):
        share = f"{CHANGE_RULE.lone_floor:.0%}"
        return f"变化异常：{moved}，历史数据不足，超过上年水平的{share}（{number(allowance)}）"
    trend = f"{'+' if expected > 0 else ''}{number(expected)}"
    return (
        f"变化异常：{moved}，本地区往年每年约变化{trend}，"
        f"偏离 {number(abs(change - expected))}，超过允许的 {number(allowance)}"
    )
