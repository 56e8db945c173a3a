"""Which of a plan's printed values become base-year observations, and in what order."""

from __future__ import annotations

from minsheng.model.cell import parse_value
from minsheng.model.plan import (
    Indicator,
    ParsedPlan,
    Period,
    PlanMeta,
    PreviousPlanResult,
)
from minsheng.usecases.plan_values import ACTUAL_NOTE, BASELINE_NOTE, plan_values


def indicator(name, baseline):
    return Indicator(
        domain="学有所教", name=name, unit="%", baseline=parse_value(baseline),
        target=parse_value("≥95"), line=1,
    )  # fmt: skip


def result(name, actual):
    return PreviousPlanResult(
        domain="学有所教", name=name, unit="%", target=parse_value("95"),
        actual=parse_value(actual), line=1,
    )  # fmt: skip


PERIOD = Period(start=2021, end=2025)


def plan(indicators, results=(), period=PERIOD):
    return ParsedPlan(
        source="p.txt", plan=PlanMeta(region="合肥市", period=period), outline=[],
        indicators=indicators, indicator_table_notes=[], previous_plan_results=list(results),
        service_items=[], service_counts={}, columns=[], projects=[], warnings=[],
    )  # fmt: skip


def test_plain_numbers_only():
    values = plan_values(
        plan([indicator("a", "1.5"), indicator("b", "≥3"), indicator("c", "—"),
              indicator("d", "[20]"), indicator("e", "应保尽保"), indicator("f", "95%")])
    )  # fmt: skip
    assert [(v.position, v.year, v.value, v.raw) for v in values] == [
        (0, 2020, 1.5, "1.5"),
        (5, 2020, 95.0, "95%"),
    ]
    assert {v.note for v in values} == {BASELINE_NOTE}


def test_previous_actual_first_when_it_differs_and_only_then():
    values = plan_values(
        plan(
            [indicator("a", "98"), indicator("b", "90"), indicator("c", "—")],
            [result("a", "97"), result("b", "90"), result("c", "88"), result("z", "1")],
        )
    )
    assert [(v.position, v.value, v.note) for v in values] == [
        (0, 97.0, ACTUAL_NOTE),
        (0, 98.0, BASELINE_NOTE),
        (1, 90.0, BASELINE_NOTE),
        (2, 88.0, ACTUAL_NOTE),
    ]


def test_ambiguous_names_are_not_linked():
    values = plan_values(plan([indicator("a", "—")], [result("a", "97"), result("a", "96")]))
    assert values == []


def test_no_period_no_values():
    assert plan_values(plan([indicator("a", "1")], period=None)) == []
