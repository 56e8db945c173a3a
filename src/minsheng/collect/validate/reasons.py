"""Range rules and the reasons a reviewer reads next to a flagged value.

Kept with the outlier rule they explain; pure (numbers in, text out), so upload, form and
review word a flag the same way. The words are in collect/messages.py.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from minsheng.collect import messages as msg
from minsheng.collect.validate.outliers import CHANGE_RULE
from minsheng.collect.validate.spec import Ranges


class Range(NamedTuple):
    """A plausible minimum and maximum (either may be open), and where it applies."""

    low: float | None
    high: float | None
    scope: str
    """The region it was set for, or `EVERY_REGION`."""


EVERY_REGION = msg.EVERY_REGION


def outside(value: float | None, rule: Range | None) -> bool:
    """Whether the value falls below the rule's minimum or above its maximum."""
    if value is None or rule is None:
        return False
    return (rule.low is not None and value < rule.low) or (
        rule.high is not None and value > rule.high
    )


def outside_ranges(
    regions: Sequence[str], indicators: Sequence[str], values: Sequence[float], ranges: Ranges
) -> list[int]:
    """Indexes of the rows (given column by column) outside their range rule."""
    if not ranges:
        return []
    found = []
    for index, (region, indicator, value) in enumerate(
        zip(regions, indicators, values, strict=True)
    ):
        bounds = ranges.get((indicator, region)) or ranges.get((indicator, None))
        if bounds is not None and outside(value, Range(*bounds, EVERY_REGION)):
            found.append(index)
    return found


def number(value: float | None) -> str:
    """A number as a reviewer reads it: 9.1, 16.2, 12,346 (— when there is none)."""
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:g}"


def range_reason(value: float, rule: Range) -> str:
    below = rule.low is not None and value < rule.low
    return msg.OUTSIDE_RANGE.format(
        value=number(value),
        side=msg.BELOW_RANGE if below else msg.ABOVE_RANGE,
        low=number(rule.low) if rule.low is not None else msg.OPEN_BOUND,
        high=number(rule.high) if rule.high is not None else msg.OPEN_BOUND,
        scope=rule.scope,
    )


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
    moved = msg.CHANGE_FROM.format(year=previous_year, change=change_text(change, previous))
    if math.isnan(expected):
        share = f"{CHANGE_RULE.lone_floor:.0%}"
        return msg.CHANGE_NO_HISTORY.format(moved=moved, share=share, allowance=number(allowance))
    return msg.CHANGE_OFF_TREND.format(
        moved=moved,
        trend=f"{'+' if expected > 0 else ''}{number(expected)}",
        off=number(abs(change - expected)),
        allowance=number(allowance),
    )
