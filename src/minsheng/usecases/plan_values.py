"""The values a plan itself reports for its base year, as observations to store.

A plan prints two kinds of base-year values: the indicator table's 2020 baseline and, in
the previous plan's completion table, the actual value reached in that plan's final year
(also the base year). Both describe the same year, so they become revisions of one
observation: the completion table's actual first, then the baseline, so that the
indicator table's own figure is the one in force; an actual equal to the baseline adds
nothing. An actual is linked only to the indicator with exactly its name.

Only plain numbers are taken: a comparison (≥95), range, qualitative or odd cell is not a
value to monitor against, and a bracketed five-year total is not a year's value.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from minsheng.model.plan import ParsedPlan
from minsheng.model.value import Value, ValueKind

BASELINE_NOTE = "baseline in the plan's indicator table"
ACTUAL_NOTE = "actual in the previous plan's completion table"


@dataclass(frozen=True)
class PlanValue:
    """One value the plan prints, for the indicator at `position` in its table."""

    position: int
    year: int
    value: float
    raw: str
    unit: str | None
    note: str


def plan_values(parsed: ParsedPlan) -> list[PlanValue]:
    """Base-year values in the order they are to be recorded (see the module docstring)."""
    if parsed.plan.period is None:
        return []
    year = parsed.plan.period.start - 1
    actuals = _actuals_by_name(parsed)
    values: list[PlanValue] = []
    for position, indicator in enumerate(parsed.indicators):
        baseline = _number(indicator.baseline)
        actual = actuals.get(indicator.name)
        if actual is not None and _number(actual) is not None and _number(actual) != baseline:
            values.append(_value(position, year, actual, indicator.unit, ACTUAL_NOTE))
        if baseline is not None:
            values.append(_value(position, year, indicator.baseline, indicator.unit, BASELINE_NOTE))
    return values


def _actuals_by_name(parsed: ParsedPlan) -> dict[str, Value]:
    """Completion-table actuals by name, for names that appear once in each table."""
    ambiguous = {
        name
        for counts in (
            Counter(item.name for item in parsed.indicators),
            Counter(row.name for row in parsed.previous_plan_results),
        )
        for name, count in counts.items()
        if count > 1
    }
    return {
        row.name: row.actual for row in parsed.previous_plan_results if row.name not in ambiguous
    }


def _number(value: Value) -> float | None:
    if value.kind is ValueKind.NUMBER and not value.cumulative:
        return value.number
    return None


def _value(position: int, year: int, value: Value, unit: str | None, note: str) -> PlanValue:
    number = _number(value)
    assert number is not None  # callers pass plain numbers only
    return PlanValue(position, year, number, value.raw, unit, note)
