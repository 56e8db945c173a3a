"""Each seed plan parsed from its text version matches what a careful reader found in it.

The expected files in expected/ were worked out by reading the documents, row by row;
they hold facts from the plans, never the documents themselves.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from minsheng import ParsedPlan
from minsheng.ingest import parse_file

EXPECTED_DIR = Path(__file__).parent / "expected"
SEED_NAMES = sorted(path.stem for path in EXPECTED_DIR.glob("*.json"))


@cache
def expected(stem: str) -> dict:
    return json.loads((EXPECTED_DIR / f"{stem}.json").read_text(encoding="utf-8"))


@cache
def parsed(seeds_dir: Path, stem: str) -> ParsedPlan:
    return parse_file(seeds_dir / expected(stem)["seed"])


def indicator_rows(plan: ParsedPlan) -> list[dict]:
    return [
        {
            "domain": i.domain,
            "name": i.name,
            "unit": i.unit,
            "baseline": i.baseline.raw,
            "target": i.target.raw,
            "attribute": i.attribute,
            "cumulative": i.cumulative,
        }
        for i in plan.indicators
    ]


def previous_rows(plan: ParsedPlan) -> list[dict]:
    return [
        {
            "domain": r.domain,
            "name": r.name,
            "unit": r.unit,
            "target": r.target.raw,
            "actual": r.actual.raw,
            "attribute": r.attribute,
            "cumulative": r.cumulative,
        }
        for r in plan.previous_plan_results
    ]


@pytest.fixture(params=SEED_NAMES)
def case(request, seeds_dir) -> tuple[dict, ParsedPlan]:
    return expected(request.param), parsed(seeds_dir, request.param)


def test_metadata(case):
    want, plan = case
    assert plan.plan.model_dump(mode="json") == want["plan"]


def test_outline_in_body_order(case):
    want, plan = case
    assert [{"level": h.level, "title": h.title} for h in plan.outline] == want["outline"]


def test_every_indicator_cell(case):
    want, plan = case
    assert indicator_rows(plan) == want["indicators"]


def test_indicator_table_notes(case):
    want, plan = case
    assert plan.indicator_table_notes == want["indicator_notes"]


def test_every_previous_plan_cell(case):
    want, plan = case
    assert previous_rows(plan) == want["previous_plan_results"]


def test_service_items_and_declared_counts(case):
    want, plan = case
    assert plan.service_counts == want["service_counts"]
    assert [{"domain": s.domain, "name": s.name} for s in plan.service_items] == want[
        "service_items"
    ]


def test_columns(case):
    want, plan = case
    got = [{"number": c.number, "title": c.title, "kind": c.kind} for c in plan.columns]
    assert got == want["columns"]
