"""Plausible bounds by unit: a number no statistic in that unit can take is refused as a
typing error (an age of 800 岁, a rate of 1,200 ‰), whatever the indicator. Percentages
keep their own rule (0–100 unless a gross ratio); planners' range rules per indicator
only flag values for review. Any other unit is bounded by magnitude alone."""

from __future__ import annotations

from minsheng.collect import messages as msg
from minsheng.collect.validate.spec import IndicatorSpec, fold
from minsheng.model.units import MAGNITUDE, UNIT_BOUNDS


def implausible(spec: IndicatorSpec, number: float) -> str | None:
    """Why `number` cannot be a value in the indicator's unit, or None when it can be."""
    if abs(number) > MAGNITUDE:
        return msg.IMPLAUSIBLE_MAGNITUDE.format(value=f"{number:g}")
    bounds = UNIT_BOUNDS.get(fold(spec.unit or ""))
    if bounds is None:
        return None
    low, high = bounds
    if number > high or (number < low and not spec.allows_negative):
        return msg.IMPLAUSIBLE_FOR_UNIT.format(
            value=f"{number:g}", unit=spec.unit, low=f"{low:g}", high=f"{high:g}"
        )
    return None
