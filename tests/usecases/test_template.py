"""template_for on a stored plan: the department's indicators × the city and its districts."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from tests.hefei import HEFEI_DISTRICTS

from minsheng.collect import read_observation_file, write_template
from minsheng.errors import NotFound
from minsheng.store import session_scope
from minsheng.usecases import template_for

HEFEI = "合肥市"
HEALTH = [
    "人均预期寿命",
    "每千常住人口医疗卫生机构床位数",
    "每千常住人口执业(助理)医师数",
    "每千常住人口注册护士数",
    "孕产妇死亡率",
    "婴儿死亡率",
    "5岁以下儿童死亡率",
    "基本医疗保险参保率",
]


@pytest.fixture
def database_url(hefei_database_url):
    """Every test here starts from the Hefei plan as imported (a copy of a template)."""
    return hefei_database_url


@pytest.fixture
def hefei(engine):
    return engine


def template(engine, **options):
    with session_scope(engine) as session:
        return template_for(
            session, region=HEFEI, department="市卫健委", years=[2023, 2024], **options
        )


def test_health_indicators_for_the_city_and_its_nine_districts(hefei, hefei_plan):
    spec = template(hefei, domains=["病有所医"])
    in_plan = [i.name for i in hefei_plan.indicators if i.domain == "病有所医"]
    assert in_plan == HEALTH
    assert [(r.indicator, r.region) for r in spec.rows] == [
        (name, region) for name in HEALTH for region in [HEFEI, *HEFEI_DISTRICTS]
    ]
    assert len(spec.rows) == 8 * 10
    assert (spec.plan_title, spec.department, list(spec.years)) == (
        "合肥市“十四五”公共服务规划",
        "市卫健委",
        [2023, 2024],
    )
    assert (spec.base_year, spec.target_year) == (2020, 2025)
    beds = next(r for r in spec.rows if r.indicator == "每千常住人口医疗卫生机构床位数")
    assert (beds.unit, beds.domain, beds.baseline, beds.target) == ("张", "病有所医", "7.24", "8.5")
    maternal = next(r for r in spec.rows if r.indicator == "孕产妇死亡率")
    assert (maternal.baseline, maternal.target) == ("8.02", "<14")


def test_without_districts_only_the_city(hefei):
    spec = template(hefei, domains=["病有所医"], districts=False)
    assert {r.region for r in spec.rows} == {HEFEI}
    assert [r.indicator for r in spec.rows] == HEALTH


def test_without_domains_every_indicator(hefei, hefei_plan):
    spec = template(hefei, districts=False)
    assert [r.indicator for r in spec.rows] == [i.name for i in hefei_plan.indicators]
    qualitative = [r.indicator for r in spec.rows if r.is_qualitative]
    assert qualitative == ["零就业家庭动态清零"]


def test_an_unknown_plan_is_not_found(hefei):
    with session_scope(hefei) as session, pytest.raises(NotFound, match="北京市"):
        template_for(session, region="北京市", department="市卫健委", years=[2023])


def test_a_written_template_filled_in_two_cells_reads_back_those_two(hefei, tmp_path):
    spec = template(hefei, domains=["病有所医"])
    path = write_template(spec, tmp_path / "health.xlsx")

    workbook = load_workbook(path)
    sheet = workbook["填报"]
    header = [cell.value for cell in sheet[1]]
    assert header[:7] == ["地区", "指标", "年份", "数值", "单位", "数据来源", "备注"]
    lines = {
        (row[0].value, row[1].value, row[2].value): row[0].row for row in sheet.iter_rows(min_row=2)
    }
    assert len(lines) == 8 * 10 * 2  # every indicator × region × year
    life = lines[HEFEI, "人均预期寿命", 2023]
    doctors = lines["蜀山区", "每千常住人口执业(助理)医师数", 2024]
    sheet.cell(row=life, column=4, value=80.0)
    sheet.cell(row=doctors, column=4, value=3.45)
    sheet.cell(row=doctors, column=6, value="部门报送")
    workbook.save(path)

    records = read_observation_file(path)
    assert [(r.sheet, r.row) for r in records] == [("填报", life), ("填报", doctors)]
    assert [
        (r.get("region"), r.get("indicator"), r.get("year"), r.get("value"), r.get("unit"))
        for r in records
    ] == [
        (HEFEI, "人均预期寿命", "2023", "80", "岁"),
        ("蜀山区", "每千常住人口执业(助理)医师数", "2024", "3.45", "人"),
    ]
    assert records[1].get("source") == "部门报送"
