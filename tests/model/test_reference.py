"""The national 十四五 public-service plan, bundled as the reference plan."""

from __future__ import annotations

import csv
from importlib.resources import files
from pathlib import Path

import pytest

from minsheng.model.catalogue import Catalogue
from minsheng.model.cell import parse_value
from minsheng.model.plan import DOMAINS, Attribute, Level, Period
from minsheng.model.reference import SOURCE, national_reference_plan
from minsheng.model.value import Comparator, ValueKind

SHARED_CSV = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "reference"
    / "national-14th-plan-indicators.csv"
)


@pytest.fixture(scope="module")
def plan():
    return national_reference_plan()


def by_name(plan, name):
    return next(i for i in plan.indicators if i.name == name)


def test_plan_meta(plan):
    assert plan.source == SOURCE
    assert plan.plan.region == "全国"
    assert plan.plan.province is None
    assert plan.plan.level is Level.COUNTRY
    assert plan.plan.title == "“十四五”公共服务规划"
    assert plan.plan.period == Period(start=2021, end=2025)


def test_only_the_indicator_table(plan):
    assert plan.outline == []
    assert plan.previous_plan_results == []
    assert plan.service_items == []
    assert plan.columns == []
    assert plan.projects == []
    assert plan.warnings == []


def test_22_indicators_7_binding_15_expected(plan):
    assert len(plan.indicators) == 22
    attributes = [i.attribute for i in plan.indicators]
    assert attributes.count(Attribute.BINDING) == 7
    assert attributes.count(Attribute.EXPECTED) == 15
    assert all(i.domain in DOMAINS for i in plan.indicators)


def test_childcare_places(plan):
    places = by_name(plan, "每千人口拥有3岁以下婴幼儿托位数")
    assert places.unit == "个"
    assert places.baseline.kind is ValueKind.NUMBER
    assert places.baseline.number == 1.8
    assert places.target.number == 4.5
    assert places.attribute is Attribute.EXPECTED


def test_old_community_renovation_is_a_five_year_total(plan):
    renovation = by_name(plan, "城镇老旧小区改造")
    assert renovation.cumulative
    assert renovation.target.raw == "[21.9]"
    assert renovation.target.cumulative
    assert renovation.target.number == 21.9
    assert [i.name for i in plan.indicators if i.cumulative] == ["城镇老旧小区改造"]


def test_blank_baseline_stays_missing(plan):
    life = by_name(plan, "人均预期寿命")
    assert life.baseline.kind is ValueKind.MISSING
    assert life.baseline.raw == ""
    assert life.target.number == 78.3


def test_target_forms(plan):
    assert by_name(plan, "学前教育毛入园率").target.comparator is Comparator.GT
    assert by_name(plan, "养老服务床位总量").target.comparator is Comparator.APPROX
    orphans = by_name(plan, "孤儿和事实无人抚养儿童保障覆盖率")
    assert orphans.target.kind is ValueKind.QUALITATIVE
    assert orphans.attribute is Attribute.BINDING


def test_cells_read_with_the_plan_grammar(plan):
    text = files("minsheng.model").joinpath(f"data/{SOURCE}").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert [i.name for i in plan.indicators] == [r["name"] for r in rows]
    for indicator, row in zip(plan.indicators, rows, strict=True):
        assert indicator.baseline == parse_value(row["baseline_2020"])
        assert indicator.target == parse_value(row["target_2025"])


def test_every_national_indicator_is_in_the_catalogue(plan):
    catalogue = Catalogue.bundled()
    assert [i.name for i in plan.indicators if catalogue.match(i.name) is None] == []


def test_bundled_copy_matches_the_shared_reference():
    if not SHARED_CSV.is_file():
        pytest.skip(f"shared reference not found at {SHARED_CSV}")
    bundled = files("minsheng.model").joinpath(f"data/{SOURCE}").read_text(encoding="utf-8")
    assert bundled == SHARED_CSV.read_text(encoding="utf-8")
